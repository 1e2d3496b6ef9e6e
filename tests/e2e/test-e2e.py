#!/usr/bin/python3
# Copyright 2026 The Werkbrug authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""End-to-end test: the real application in embedded demo mode, driven the way assistive
technology drives it, through the accessibility tree (dogtail / AT-SPI).

Logs in as a demo consultant, searches one of their clients by name, opens the profile,
changes a field, saves, and checks through the HTTP API that the change is stored; then
logs in as another organisation's account manager and checks that the same client shows
a pseudonym and no name. Usage: test-e2e.py PATH-TO-werkbrug. Exit 77 skips (no display
or no D-Bus session), as meson expects."""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request

APP = sys.argv[1] if len(sys.argv) > 1 else 'werkbrug'
PASSWORD = 'werkbrug-demo'
CONSULTANT = 'isd-kompas.consultant1'
OTHER_MANAGER = 'szmh.lam1'          # a local account manager of another organisation
NEW_PHONE = '06-24681357'

if not os.environ.get('DISPLAY') or not os.environ.get('DBUS_SESSION_BUS_ADDRESS'):
    print('SKIP: needs an X display and a D-Bus session (build-aux/setup.sh test provides both)')
    sys.exit(77)

# The test environment makes GLib warnings fatal for our programs; AT-SPI's client library
# warns about objects that vanish while the tree is walked, which must not kill the driver.
os.environ.pop('G_DEBUG', None)

from dogtail.config import config  # noqa: E402
config.checkForA11y = False
config.searchCutoffCount = 3
config.actionDelay = 0.2
config.defaultDelay = 0.2
config.logDebugToFile = False
from dogtail import tree, rawinput  # noqa: E402
from gi.repository import Atspi, GLib  # noqa: E402
import pyatspi  # noqa: E402

# AT-SPI gives an application 0.8 s to answer a call: the sanitizer build on a busy machine
# takes longer while it fills a list, and the call fails with "Did not receive a reply"
# although the application is well. Ten seconds, and half a minute while it starts.
Atspi.set_timeout(10000, 30000)


def die_with_parent():
    # If this driver dies, the application must not outlive it and keep the test's
    # output open until meson's timeout.
    import ctypes
    import signal
    PR_SET_PDEATHSIG = 1
    ctypes.CDLL('libc.so.6', use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


class Failure(Exception):
    pass


def shoot_failure(name):
    """The screen at a failure, as NAME in the temporary directory, for the log's reader."""
    path = os.path.join(tempfile.gettempdir(), name)
    try:
        subprocess.call(['import', '-window', 'root', path])
    except OSError as error:
        # The failure itself is what the log must show, not a missing screenshot tool.
        log('no screenshot at the failure (%s)' % error)


def shot(name):
    """WB_TEST_SHOTS: the screen as e2e-NAME.png in that directory, to look at."""
    if os.environ.get('WB_TEST_SHOTS'):
        path = os.path.join(os.environ['WB_TEST_SHOTS'], 'e2e-' + name + '.png')
        subprocess.call(['import', '-window', 'root', path])


def log(message):
    print('# ' + message, flush=True)


def check(condition, message):
    if not condition:
        raise Failure(message)
    log('ok: ' + message)


def wait_for(parent, predicate, what, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for app in list(RUNNING):
            app.check_alive()
        try:
            node = parent.findChild(predicate, retry=False, requireResult=False, debugName=what)
        except Exception:  # the tree changes under the search
            node = None
        if node is not None:
            return node
        time.sleep(0.3)
    raise Failure('timed out waiting for ' + what)


def named(role, prefix):
    return lambda n: n.roleName == role and (n.name or '').startswith(prefix)


def click(node):
    node.doActionNamed('click')


def set_text(node, text):
    for attempt in range(3):
        try:
            node.text = text
            return
        except GLib.GError as error:  # an application busy past AT-SPI's reply timeout
            log('no answer to setting the text (%s)' % str(error)[:60])
            time.sleep(2)
            try:
                if node.text == text:   # it was set, the answer came late
                    return
            except GLib.GError:
                pass
        except Exception as error:  # no EditableText: type it like a person
            log('typing instead of setting the text (%s)' % error)
            break
    node.grabFocus()
    rawinput.keyCombo('<Control>a')
    rawinput.typeText(text)


class Api:
    def __init__(self, base):
        self.base = base.rstrip('/') + '/api/v1/'
        self.token = None

    def call(self, method, path, body=None):
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(self.base + path, data=data, method=method)
        request.add_header('Content-Type', 'application/json')
        if self.token:
            request.add_header('Authorization', 'Bearer ' + self.token)
        with urllib.request.urlopen(request, timeout=30) as answer:
            return json.loads(answer.read() or b'null')

    def login(self, username):
        self.token = self.call('POST', 'session', {'username': username, 'password': PASSWORD})['token']


RUNNING = []    # the applications started and not yet stopped


class App:
    def __init__(self, data_home, keep_settings=False):
        """With @keep_settings, the settings are kept in a file under @data_home, for the
        next start of the application."""
        self.url_file = os.path.join(data_home, 'url')
        env = dict(os.environ)
        env.pop('NO_AT_BRIDGE', None)
        env.update(XDG_DATA_HOME=data_home, WERKBRUG_DEMO_CLIENTS='500', WERKBRUG_URL_FILE=self.url_file,
                   GSETTINGS_BACKEND='memory', GDK_BACKEND='x11', LANG='C.UTF-8', LANGUAGE='')
        if keep_settings:
            env.update(GSETTINGS_BACKEND='keyfile', XDG_CONFIG_HOME=os.path.join(data_home, 'config'))
        # A GLib critical in the application ends it at once (the driver itself keeps going:
        # see above), so that a test sees the step that caused it.
        env['G_DEBUG'] = 'fatal-criticals'
        # What the application prints is kept, to be checked when it quits.
        self.log = tempfile.TemporaryFile(mode='w+')
        self.process = subprocess.Popen([APP], env=env, stderr=self.log, preexec_fn=die_with_parent)
        self.node = None
        RUNNING.append(self)

    def check_alive(self):
        """Fails at once when the application died (a critical, a crash) instead of waiting for
        a node that will not come."""
        if self in RUNNING and self.process.poll() is not None:
            RUNNING.remove(self)
            raise Failure('the application ended with %d:\n%s' % (self.process.returncode, self.output()[-3000:]))

    def start(self):
        """Our application's node: the accessibility bus may carry other werkbrug processes
        (the other end-to-end test runs beside this one), so it is found by its process id."""
        deadline = time.monotonic() + 60
        while self.node is None:
            if self.process.poll() is not None:
                raise Failure('the application exited with %d' % self.process.returncode)
            try:
                for candidate in tree.root.applications():
                    if candidate.name == 'werkbrug' and candidate.get_process_id() == self.process.pid:
                        self.node = candidate
            except Exception:  # the bus changes under the search
                pass
            if self.node is None:
                if time.monotonic() > deadline:
                    raise Failure('the application did not appear in the accessibility tree')
                time.sleep(0.5)
        return self.node

    def url(self):
        deadline = time.monotonic() + 60
        while not os.path.exists(self.url_file) or not open(self.url_file).read():
            if time.monotonic() > deadline:
                raise Failure('the embedded server did not report its address')
            time.sleep(0.2)
        return open(self.url_file).read().strip()

    def output(self):
        self.log.seek(0)
        return self.log.read()

    def stop(self):
        if self in RUNNING:
            RUNNING.remove(self)
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        sys.stderr.write(self.output())

    def quit(self):
        """Ends the application as a session logout does (SIGTERM, which Werkbrug treats as
        Quit) and checks that it went cleanly: exit status 0, no GLib criticals or warnings."""
        self.stop()
        output = self.output()
        check(self.process.returncode == 0, 'the application quits with status 0 (%d)' % self.process.returncode)
        problems = [line for line in output.splitlines() if 'CRITICAL' in line or '-WARNING' in line]
        check(not problems, 'the application quits without criticals or warnings%s' %
              ''.join('\n#   ' + line for line in problems[:10]))


def sign_in(app, username):
    button = wait_for(app, named('push button', 'Sign in as %s ' % username), 'the demo user ' + username, 120)
    click(button)
    # The list is there when the count label says how many clients there are.
    # (A label with the role of a status: AT-SPI says "status bar".)
    wait_for(app, lambda n: n.roleName in ('label', 'status bar') and (n.name or '').endswith(' clients'),
             'the client list', 60)


def show_all_clients(app):
    """The client list opens on one's own caseload; a search here looks at every client."""
    click(wait_for(app, lambda n: n.roleName in ('toggle button', 'push button') and (n.name or '').startswith('All I may see'),
                   'the scope "All I may see"'))


def pressed(node):
    try:
        return node.getState().contains(pyatspi.STATE_PRESSED)
    except Exception:  # the tree changes under the question
        return False


def open_search(app, name, within=None):
    """The search entry @name of the view on screen. The window's Search button is a toggle
    (AT-SPI says "pressed" while the search is open; the search stays open from view to
    view): pressed where the search is closed, it opens it; where the search is open but a
    record page hides the list, it goes back to the list with the search open; where the
    search is on screen, it closes it. So press when it is not pressed, and when it is,
    only when the entry is not there."""
    def is_entry(n):
        return n.roleName in ('text', 'entry') and n.name == name

    def is_button(n):
        return n.roleName in ('push button', 'toggle button') and n.name == 'Search'
    for attempt in range(4):
        button = wait_for(within or app, is_button, 'the search button')
        if pressed(button):
            try:
                return wait_for(app, is_entry, 'the search entry', 10)
            except Failure:
                log('the search is open but not on screen')
        click(button)
        try:
            return wait_for(app, is_entry, 'the search entry', 30)
        except Failure:
            if attempt == 3:
                raise


def search_and_open(app, text):
    show_all_clients(app)
    entry = open_search(app, 'Search clients')
    set_text(entry, text)
    wait_for(app, lambda n: n.roleName in ('label', 'status bar') and (n.name or '').startswith('1 of '), 'exactly one match', 20)
    click(wait_for(app, named('push button', 'Open profile'), 'the open button'))


def main():
    data_home = tempfile.mkdtemp(prefix='werkbrug-e2e-')
    app = App(data_home)
    try:
        node = app.start()
        api = Api(app.url())
        log('embedded server at ' + api.base)

        # A client of the consultant's own organisation, found through the API.
        api.login(CONSULTANT)
        me = api.call('GET', 'me')
        clients = api.call('GET', 'clients?organisation_id=%d&per_page=50' % me['organisation_id'])
        # One whose diagnosis is missing or stale, so that another organisation may signal it.
        stale_before = time.strftime('%Y-%m-%d', time.gmtime(time.time() - 366 * 86400))
        client = next(c for c in clients['items'] if c.get('given_name') and c.get('family_name')
                      and (c.get('diagnosis_date') or '') < stale_before)
        full_name = '%s %s' % (client['given_name'], client['family_name'])
        with_same_name = api.call('GET', 'clients?per_page=1000&q=' + urllib.parse.quote(client['family_name']))
        log('client %d: %s (phone %s)' % (client['id'], full_name, api.call('GET', 'clients/%d' % client['id']).get('phone')))

        sign_in(node, CONSULTANT)
        search_and_open(node, full_name)
        wait_for(node, lambda n: n.roleName == 'label' and n.name == full_name, 'the profile title')
        click(wait_for(node, named('push button', 'Edit the profile'), 'the edit button'))

        phone = wait_for(node, lambda n: n.roleName in ('text', 'entry') and n.name == 'Phone', 'the phone field', 20)
        # Every button and drop-down of the list, the profile and the editor has a name a
        # screen reader can say: no mnemonic underscore, no bare class name.
        buttons = [n.name or '' for n in node.findChildren(
            lambda n: n.roleName in ('push button', 'toggle button', 'combo box'))]
        unnamed = [name for name in buttons if '_' in name or name.startswith('Gtk') or not name]
        check(len(buttons) > 40 and not unnamed,
              '%d buttons and drop-downs, each with a spoken name%s' % (len(buttons), ''.join(
                  '\n#   ' + repr(name) for name in unnamed[:10])))
        set_text(phone, NEW_PHONE)
        click(wait_for(node, lambda n: n.roleName == 'push button' and (n.name or '').startswith('Save'), 'the save button'))
        wait_for(node, lambda n: n.roleName == 'label' and n.name == NEW_PHONE, 'the saved phone in the profile', 20)

        stored = api.call('GET', 'clients/%d' % client['id'])
        check(stored.get('phone') == NEW_PHONE, 'the API returns the new phone number %s' % NEW_PHONE)
        check(stored['version'] == client['version'] + 1, 'the record has a new version')

        # Another organisation's account manager sees the same client under a pseudonym.
        app.quit()
        os.remove(app.url_file)       # the next start writes the address of its own server
        app = App(data_home)
        node = app.start()
        api = Api(app.url())
        api.login(CONSULTANT)
        pseudonym = 'K-%06d' % client['id']
        sign_in(node, OTHER_MANAGER)
        search_and_open(node, pseudonym)
        wait_for(node, lambda n: n.roleName == 'label' and n.name == pseudonym, 'the pseudonym as the profile title')
        time.sleep(1)
        names = []

        def collect(n, depth=0):
            if depth > 60:
                return
            if n.name:
                names.append(n.name)
            for child in n.children:
                collect(child, depth + 1)
        # What the clients view shows: the profile page and the list (the login page with
        # the demo users' own names is not part of it).
        back = wait_for(node, named('push button', 'Back to the list'), 'the back button')
        collect(back.parent.parent)
        # The list, where a screen reader meets it: the page on screen (a page that is not on
        # screen is not in the accessibility tree).
        click(back)
        collect(wait_for(node, lambda n: n.roleName == 'tree table' and n.name == 'Clients', 'the client list'))
        check(pseudonym in names, 'the profile shows the pseudonym %s' % pseudonym)
        check(not any(client['family_name'] in name for name in names if name != pseudonym),
              'no text in the clients view shows the family name %s' % client['family_name'])
        check(not any(client['given_name'] + ' ' in name for name in names),
              'no text in the clients view shows the given name %s' % client['given_name'])
        check(not any(NEW_PHONE in name for name in names), 'the phone number is not shown')
        search_and_open(node, pseudonym)
        wait_for(node, lambda n: n.roleName == 'label' and n.name == pseudonym, 'the pseudonym as the profile title')

        # They may not see the timeline, but may tell the owner the diagnosis needs renewing.
        click(wait_for(node, named('push button', 'Signal a missing or stale diagnosis'), 'the signal button'))
        click(wait_for(node, lambda n: n.roleName == 'push button' and (n.name or '').startswith('Signal')
                       and 'diagnosis' not in n.name.lower(), 'the confirmation'))
        deadline = time.monotonic() + 60
        signals = []
        while not signals and time.monotonic() < deadline:
            events = api.call('GET', 'clients/%d/events?per_page=1000' % client['id'])['items']
            signals = [e for e in events if e['kind'] == 'diagnosis_signal']
            time.sleep(0.5)
        check(len(signals) == 1 and signals[0]['organisation_id'] != client['organisation_id'],
              'the owner finds the signal of the other organisation in the timeline')
        check(len(with_same_name['items']) >= 1, 'the name search of the owner finds the client')
        app.quit()
        log('all checks passed')
        return 0
    except (Failure, OSError, tree.SearchError) as failure:
        log('FAILED: %s' % failure)
        shoot_failure('werkbrug-e2e-failure.png')
        return 1
    finally:
        app.stop()
        shutil.rmtree(data_home, ignore_errors=True)


if __name__ == '__main__':
    sys.exit(main())
