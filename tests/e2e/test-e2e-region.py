#!/usr/bin/python3
# Copyright 2026 The Werkbrug authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""End-to-end test of Werkbrug for a region: the real application against a separate
werkbrug-server over TLS, with a certificate authority of the test's own given through the
tls-ca-file setting, driven through the accessibility tree (dogtail / AT-SPI) with
test-e2e.py's driver.

Signs in with a password; restarts the application, which signs in with the token from the
keyring (gnome-keyring, unlocked for the test) and no password; ends the session from
outside (logging out everywhere through the API) and sees the next request land on the
sign-in page with "Your session has ended; sign in again"; then starts the application while
the server is down, brings the server up, and sees the sign-in page recover by itself.
Usage: test-e2e-region.py PATH-TO-werkbrug PATH-TO-werkbrug-server. Exit 77 skips."""

import importlib.util
import json
import os
import shutil
import socket
import ssl
import subprocess
import sys
import tempfile
import time
import urllib.request

_spec = importlib.util.spec_from_file_location('werkbrug_e2e', os.path.join(os.path.dirname(__file__), 'test-e2e.py'))
e2e = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(e2e)

tree = e2e.tree
Failure, log, check, wait_for, named, click, set_text = (e2e.Failure, e2e.log, e2e.check, e2e.wait_for, e2e.named,
                                                          e2e.click, e2e.set_text)

APP = sys.argv[1] if len(sys.argv) > 1 else 'werkbrug'
SERVER = sys.argv[2] if len(sys.argv) > 2 else os.environ.get('WB_SERVER', 'werkbrug-server')
USERNAME = 'szmh.consultant1'
PASSWORD = e2e.PASSWORD
ENDED = 'Your session has ended; sign in again.'


def run(*argv, cwd=None, stdin=None):
    subprocess.run(argv, cwd=cwd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, input=stdin)


def make_certificates(folder):
    """A certificate authority of the test's own, and the server's certificate it signs."""
    ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes']
    run('openssl', 'req', '-x509', *ec, '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '2',
        '-subj', '/CN=Werkbrug Region Test CA', cwd=folder)
    run('openssl', 'req', *ec, '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=werkbrug server', cwd=folder)
    with open(os.path.join(folder, 'server.ext'), 'w') as ext:
        ext.write('subjectAltName=IP:127.0.0.1,DNS:localhost\n')
    run('openssl', 'x509', '-req', '-in', 'server.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial',
        '-days', '2', '-extfile', 'server.ext', '-out', 'server.pem', cwd=folder)


def free_port():
    with socket.socket() as s:
        s.bind(('127.0.0.1', 0))
        return s.getsockname()[1]


class Server:
    """A werkbrug-server of its own over TLS on a fixed loopback port."""

    def __init__(self, folder, port):
        self.folder, self.port, self.process = folder, port, None
        self.url = 'https://127.0.0.1:%d/' % port

    def start(self):
        self.process = subprocess.Popen(
            [SERVER, 'serve', '--db', os.path.join(self.folder, 'werkbrug.db'), '--listen', '127.0.0.1:%d' % self.port,
             '--tls-cert', os.path.join(self.folder, 'server.pem'), '--tls-key', os.path.join(self.folder, 'server.key')],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, preexec_fn=e2e.die_with_parent)
        line = self.process.stdout.readline().decode()
        if not line.startswith('Listening on https'):
            raise Failure('the server did not start: %r' % line)
        log('server at ' + self.url)

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(20)
        self.process = None


class Api:
    """The HTTP API as another program sees it, trusting the test's CA."""

    def __init__(self, server, cafile):
        self.base = server.url + 'api/v1/'
        self.context = ssl.create_default_context(cafile=cafile)
        self.token = None

    def call(self, method, path, body=None):
        request = urllib.request.Request(self.base + path, method=method,
                                         data=json.dumps(body).encode() if body is not None else None)
        request.add_header('Content-Type', 'application/json')
        if self.token:
            request.add_header('Authorization', 'Bearer ' + self.token)
        with urllib.request.urlopen(request, timeout=30, context=self.context) as answer:
            return json.loads(answer.read() or b'null')

    def login(self):
        self.token = self.call('POST', 'session', {'username': USERNAME, 'password': PASSWORD})['token']


class RegionApp(e2e.App):
    """The application with its settings in a key file: the server's address and the CA."""

    def __init__(self, home, server_url, cafile):
        config = os.path.join(home, 'config', 'glib-2.0', 'settings')
        os.makedirs(config, exist_ok=True)
        with open(os.path.join(config, 'keyfile'), 'w') as keyfile:
            keyfile.write("[nl/werkbrug/Werkbrug]\nserver-url='%s'\ntls-ca-file='%s'\n" % (server_url, cafile))
        env = dict(os.environ)
        env.pop('NO_AT_BRIDGE', None)
        env.update(XDG_DATA_HOME=os.path.join(home, 'data'), XDG_CONFIG_HOME=os.path.join(home, 'config'),
                   GSETTINGS_BACKEND='keyfile', GDK_BACKEND='x11', LANG='C.UTF-8', LANGUAGE='')
        env['G_DEBUG'] = 'fatal-criticals'
        # What the window and the keyring did, for the log of a failed run.
        env['G_MESSAGES_DEBUG'] = 'wb-window wb-secret'
        self.url_file = os.path.join(home, 'url')
        self.log = tempfile.TemporaryFile(mode='w+')
        self.process = subprocess.Popen([APP], env=env, stderr=self.log, preexec_fn=e2e.die_with_parent)
        self.node = None
        e2e.RUNNING.append(self)


def start_keyring(home):
    """gnome-keyring's Secret Service on the test's D-Bus session, its login keyring made and
    unlocked with a password of the test's (an empty one makes none), so that the token is
    kept without a prompt."""
    env = dict(os.environ, XDG_DATA_HOME=os.path.join(home, 'data'))
    os.makedirs(env['XDG_DATA_HOME'], exist_ok=True)
    try:
        subprocess.run(['gnome-keyring-daemon', '--unlock', '--components=secrets', '--daemonize'],
                       input=b'werkbrug-e2e', env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=20, check=True)
    except (OSError, subprocess.SubprocessError) as error:
        raise Failure('gnome-keyring did not start: %s' % error)
    # The login keyring is the default one, so that storing the token never asks (through a
    # prompter window the test session may not manage to show) to make a default keyring.
    # Where another keyring daemon already serves the test's bus (its login keyring never made),
    # its session collection, which every gnome-keyring has, keeps the token for the test.
    deadline = time.monotonic() + 20
    while True:
        for collection in ('login', 'session'):
            answer = subprocess.run(['gdbus', 'call', '--session', '--dest', 'org.freedesktop.secrets',
                                     '--object-path', '/org/freedesktop/secrets',
                                     '--method', 'org.freedesktop.Secret.Service.SetAlias',
                                     'default', '/org/freedesktop/secrets/collection/' + collection],
                                    stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=20)
            if answer.returncode == 0:
                break
        if answer.returncode == 0:
            break
        if time.monotonic() > deadline:
            raise Failure('the login keyring did not become the default: %s' % answer.stderr.decode().strip())
        time.sleep(0.5)


def label(text):
    return lambda n: n.roleName == 'label' and (n.name or '') == text


def signed_in(node):
    """The main window is shown: its main menu, which the sign-in page has not. (The header's
    "Name · Role · Organisation" shows only where it fits whole.)"""
    wait_for(node, named('push button', 'Main menu'), 'the signed-in main window', 60)
    return wait_for(node, named('push button', 'Open profile'), 'the client list', 60)


def main():
    home = tempfile.mkdtemp(prefix='werkbrug-e2e-region-')
    server = Server(home, free_port())
    cafile = os.path.join(home, 'ca.pem')
    app = None
    try:
        make_certificates(home)
        run(SERVER, 'demo', '--db', os.path.join(home, 'werkbrug.db'), '--clients', '200', '--quiet')
        start_keyring(home)
        server.start()
        api = Api(server, cafile)

        # Signing in with a password, over TLS with the organisation's CA.
        app = RegionApp(home, server.url, cafile)
        node = app.start()
        user = wait_for(node, lambda n: n.roleName in ('text', 'entry') and n.name == 'User name', 'the user name field')
        set_text(user, USERNAME)
        set_text(wait_for(node, lambda n: n.roleName in ('password text', 'text', 'entry') and n.name == 'Password',
                          'the password field'), PASSWORD)
        click(wait_for(node, named('push button', 'Sign in'), 'the sign-in button'))
        signed_in(node)
        check(True, 'signed in over TLS with the CA of tls-ca-file')
        # (Quitting waits for the token to reach the keyring.)
        app.quit()

        # A restart signs in with the kept token, without a password.
        app = RegionApp(home, server.url, cafile)
        node = app.start()
        signed_in(node)
        check(not node.findChildren(lambda n: n.roleName == 'push button' and n.name == 'Sign in'),
              'the restarted application is signed in without a password')

        # The session ends elsewhere: the next request lands on the sign-in page, which says why.
        api.login()
        api.call('DELETE', 'sessions')
        # Opening a profile reads the client from the server with the ended token.
        time.sleep(1)
        click(wait_for(node, named('push button', 'Open profile'), 'the open button'))
        wait_for(node, label(ENDED), 'the sign-in page saying the session has ended', 60)
        check(True, 'a session ended elsewhere brings the sign-in page with "%s"' % ENDED)
        app.quit()

        # The server is down when the application starts; it comes back and the page recovers.
        server.stop()
        app = RegionApp(home, server.url, cafile)
        node = app.start()
        wait_for(node, named('push button', 'Try to reach the server now'), 'the Retry button', 60)
        wait_for(node, lambda n: n.roleName == 'label' and (n.name or '').startswith('The server cannot be reached'),
                 'the unreachable message', 60)
        server.start()
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if not node.findChildren(lambda n: n.roleName == 'label' and
                                     (n.name or '').startswith('The server cannot be reached')):
                break
            time.sleep(0.5)
        else:
            raise Failure('the sign-in page did not recover within 120 s of the server coming back')
        check(True, 'the sign-in page recovers by itself once the server is back')
        # (Each start here writes the settings anew, so the last user name is not kept.)
        set_text(wait_for(node, lambda n: n.roleName in ('text', 'entry') and n.name == 'User name', 'the user name field'),
                 USERNAME)
        set_text(wait_for(node, lambda n: n.roleName in ('password text', 'text', 'entry') and n.name == 'Password',
                          'the password field'), PASSWORD)
        click(wait_for(node, named('push button', 'Sign in'), 'the sign-in button'))
        signed_in(node)
        check(True, 'and signing in works again')
        app.quit()
        log('all checks passed')
        return 0
    except (Failure, OSError, subprocess.SubprocessError, tree.SearchError) as failure:
        log('FAILED: %s' % failure)
        if app is not None and app.node is not None:
            try:
                shown = [(n.roleName, n.name) for n in app.node.findChildren(lambda n: n.roleName in ('label', 'push button'))]
                log('what the window holds: %s' % shown[:60])
            except Exception:  # the tree changes under the search
                pass
        if app is not None:
            log('the application said: %s' % app.output()[-3000:].replace('\n', '\n# '))
        e2e.shoot_failure('werkbrug-e2e-region-failure.png')
        return 1
    finally:
        if app is not None:
            app.stop()
        server.stop()
        shutil.rmtree(home, ignore_errors=True)


if __name__ == '__main__':
    sys.exit(main())
