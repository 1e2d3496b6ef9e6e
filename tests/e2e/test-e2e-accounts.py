#!/usr/bin/python3
# Copyright 2026 The Werkbrug authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""End-to-end test of the coordinator's review queue: the real application in embedded demo
mode, driven through the accessibility tree (dogtail / AT-SPI) the way assistive technology
drives it, with test-e2e.py's driver.

A local account manager asks, through the HTTP API, to keep an account that grew to 40
employees ("goede ingang"); a coordinator signs in, finds the flag in the review queue,
approves the exception with a reason, and the flag leaves the queue; the HTTP API shows the
approval. Then a local account manager signs in: the window has no review queue at all, and
the API refuses them the queue. Usage: test-e2e-accounts.py PATH-TO-werkbrug. Exit 77 skips."""

import importlib.util
import json
import os
import shutil
import sys
import tempfile
import time
import urllib.error
import urllib.request

# The driver of test-e2e.py: the application, the API, the waiting and the clicking. Loading
# it also sets dogtail up as that test does (or skips without a display).
_spec = importlib.util.spec_from_file_location('werkbrug_e2e', os.path.join(os.path.dirname(__file__), 'test-e2e.py'))
e2e = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(e2e)

tree = e2e.tree
Failure, log, check, wait_for, named, click, set_text = (e2e.Failure, e2e.log, e2e.check, e2e.wait_for, e2e.named,
                                                          e2e.click, e2e.set_text)

COORDINATOR = 'wsp-parkstad.coordinator'
LOCAL_MANAGER = 'gemeente-heerlen.lam1'
EXCEPTION = 'Goede ingang: de directeur kent ons al jaren'
DECISION = 'Jarenlange goede relatie; de WSP is op de hoogte'
PENDING_LABEL = 'Exception awaiting approval'   # the queue's word for the kind exception_pending


App = e2e.App


class Api(e2e.Api):
    def request(self, method, path, body=None, if_match=None):
        """The answer's status and JSON, also for a refusal."""
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(self.base + path, data=data, method=method)
        request.add_header('Content-Type', 'application/json')
        if self.token:
            request.add_header('Authorization', 'Bearer ' + self.token)
        if if_match:
            request.add_header('If-Match', if_match)
        try:
            with urllib.request.urlopen(request, timeout=30) as answer:
                return answer.status, json.loads(answer.read() or b'null'), answer.headers.get('ETag')
        except urllib.error.HTTPError as error:
            return error.code, json.loads(error.read() or b'null'), None

    def open_reviews(self, employer_id, kind=None):
        path = 'reviews?per_page=1000' + ('&kind=' + kind if kind else '')
        status, answer, _ = self.request('GET', path)
        if status != 200:
            raise Failure('the queue answered %d' % status)
        return [r for r in answer['items'] if r['employer']['id'] == employer_id]


def ask_for_exception(api):
    """As the local account manager: one of their small accounts grew to 40 employees, and
    they record why they keep it. The server flags it for the coordinator."""
    api.login(LOCAL_MANAGER)
    accounts = api.call('GET', 'accounts?owner_id=me&status=ok&size=small&per_page=50')['items']
    if not accounts:
        accounts = api.call('GET', 'accounts?owner_id=me&status=ok&per_page=50')['items']
    account = next(a for a in accounts if a['employee_count'] < 25)
    status, employer, etag = api.request('GET', 'employers/%d' % account['id'])
    check(status == 200, 'the account manager reads %s' % account['name'])
    status, _, _ = api.request('PATCH', 'employers/%d' % account['id'],
                               {'employee_count': 40, 'exception_reason': EXCEPTION}, etag)
    check(status == 200, 'the account manager records 40 employees and the reason to keep the account')
    return account


def top_level(node, name, timeout=60):
    """A window of the application by its title: only the top level is searched."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            for child in node.children:
                if child.name == name:
                    return child
        except Exception:  # the tree changes under the search
            pass
        time.sleep(0.3)
    raise Failure('timed out waiting for the window ' + name)


def approve_in_the_queue(node, account):
    click(wait_for(node, lambda n: n.roleName == 'page tab' and n.name == 'Review Queue', 'the review queue tab'))
    search = wait_for(node, lambda n: n.roleName in ('text', 'entry') and (n.name or '').startswith('Filter the review queue'),
                      'the queue filter')
    # The queue page: the nearest ancestor of the filter that holds the queue's count and the
    # page of its review too. Searching it alone keeps the clients list, thousands of nodes,
    # out of every search from here on.
    def is_count(n):
        return n.roleName in ('label', 'status bar') and (n.name or '').endswith(' open reviews')

    def is_page(n):
        return n.roleName == 'label' and n.name in ('What the rule suggests', 'Choose a Review')
    wait_for(node, is_count, 'the count of the queue', 60)
    queue = search.parent
    while queue is not None and (queue.findChild(is_count, retry=False, requireResult=False) is None or
                                 queue.findChild(is_page, retry=False, requireResult=False) is None):
        queue = queue.parent
    if queue is None:   # the page beside the queue is not on screen yet: search the window
        queue = node
    wait_for(queue, is_count, 'the loaded queue', 60)
    # Every word of the filter must match: the KvK number finds the employer, the kind's
    # words its flag.
    set_text(search, '%s %s' % (account['kvk'], PENDING_LABEL.lower()))
    wait_for(queue, lambda n: n.roleName in ('label', 'status bar') and (n.name or '').startswith('1 of '), 'exactly one review', 60)
    wait_for(queue, lambda n: n.roleName == 'label' and n.name == account['name'], 'the review of ' + account['name'])
    try:
        approve = wait_for(queue, named('push button', 'Approve an exception'), 'the approve button', 10)
    except Failure:
        # A window too narrow for the review beside the queue shows the queue alone: open
        # the one review left, as its button says.
        click(wait_for(node, lambda n: n.roleName == 'push button' and (n.name or '').lower().startswith('open review'),
                       'the open button'))
        approve = wait_for(node, named('push button', 'Approve an exception'), 'the approve button')
        # From here the queue is the nearest ancestor of its filter that holds the review's
        # page too, not the window: a search of the whole window (the clients list too) is
        # slower than the waits below in a build with sanitizers.
        queue = search.parent
        while queue is not None and queue.findChild(named('push button', 'Approve an exception'), retry=False,
                                                    requireResult=False) is None:
            queue = queue.parent
        if queue is None:
            queue = node
    click(approve)

    dialog = top_level(node, 'Approve the Exception')
    reason = wait_for(dialog, lambda n: n.roleName in ('text', 'entry') and (n.name or '').startswith('Reason'),
                      'the reason field')
    set_text(reason, DECISION)
    click(wait_for(dialog, lambda n: n.roleName == 'push button' and (n.name or '').startswith('Approve'),
                   'the dialog\'s approve button'))
    # The flag is gone: nothing matches the filter any more, and the queue is one shorter.
    # (The toast that confirms it is checked by the widget tests: it may be gone before a
    # search of the tree gets to it.)
    wait_for(queue, lambda n: n.roleName == 'label' and n.name == 'No Matching Reviews', 'the empty filter', 60)
    wait_for(queue, lambda n: n.roleName in ('label', 'status bar') and (n.name or '').startswith('0 of ') and
             (n.name or '').endswith(' open reviews'), 'no review left under the filter', 60)


def names_in(node, limit=2000):
    names = []

    def collect(n, depth=0):
        if depth > 60 or len(names) > limit * 50:
            return
        names.append((n.roleName, n.name or ''))
        for child in n.children:
            collect(child, depth + 1)
    collect(node)
    return names


def main():
    data_home = tempfile.mkdtemp(prefix='werkbrug-e2e-accounts-')
    app = App(data_home)
    try:
        node = app.start()
        api = Api(app.url())
        log('embedded server at ' + api.base)

        account = ask_for_exception(api)
        coordinator = Api(app.url())
        coordinator.login(COORDINATOR)
        me = coordinator.call('GET', 'me')
        pending = coordinator.open_reviews(account['id'], 'exception_pending')
        check(len(pending) == 1, 'the queue has the exception of %s for the coordinator' % account['name'])

        e2e.sign_in(node, COORDINATOR)
        approve_in_the_queue(node, account)

        check(coordinator.open_reviews(account['id'], 'exception_pending') == [],
              'the API has no open exception review for %s any more' % account['name'])
        status, rule, _ = coordinator.request('GET', 'employers/%d/rule' % account['id'])
        check(status == 200 and rule['status'] == 'exception_approved', 'the account is an approved exception now')
        check(rule['exception_approved_by'] == me['id'], 'approved by the coordinator who signed in')
        check(rule['exception_reason'] == EXCEPTION, 'the account manager\'s reason stays the exception\'s reason')
        status, decided, _ = coordinator.request('GET', 'reviews?status=decided&kind=exception_pending&per_page=50')
        decision = next(r for r in decided['items'] if r['id'] == pending[0]['id'])
        check(decision['decision'] == 'approve_exception' and decision['decision_reason'] == DECISION,
              'the decision is kept with the reason the coordinator typed')

        # A local account manager: no queue in the window, and none from the server.
        app.quit()
        os.remove(app.url_file)       # the next start writes the address of its own server
        app = App(data_home)
        node = app.start()
        api = Api(app.url())
        api.login(LOCAL_MANAGER)
        e2e.sign_in(node, LOCAL_MANAGER)
        wait_for(node, lambda n: n.roleName == 'page tab' and n.name == 'Accounts', 'the accounts tab')
        time.sleep(1)
        seen = names_in(node)
        check(not any(role == 'page tab' and name == 'Review Queue' for role, name in seen),
              'the local account manager has no review queue tab')
        check(not any('review queue' in name.lower() or 'open reviews' in name.lower() for _, name in seen),
              'nothing of the review queue is in the accessibility tree')
        status, _, _ = api.request('GET', 'reviews')
        check(status == 403, 'the API refuses the queue to the local account manager (%d)' % status)
        status, _, _ = api.request('POST', 'reviews/%d/decision' % pending[0]['id'],
                                   {'action': 'dismiss', 'reason': 'mag ik niet'}, '"v2"')
        check(status == 403, 'and refuses them a decision (%d)' % status)
        app.quit()
        log('all checks passed')
        return 0
    except (Failure, OSError, StopIteration, tree.SearchError) as failure:
        log('FAILED: %r' % failure)
        e2e.shoot_failure('werkbrug-e2e-accounts-failure.png')
        return 1
    finally:
        app.stop()
        shutil.rmtree(data_home, ignore_errors=True)


if __name__ == '__main__':
    sys.exit(main())
