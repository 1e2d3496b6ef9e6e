#!/usr/bin/python3
# Copyright 2026 The Werkbrug authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""End-to-end test of a list's scope: the real application in embedded demo mode, driven
through the accessibility tree (dogtail / AT-SPI) with test-e2e.py's driver.

A consultant signs in: the client list opens on their own caseload, "Mine" with its count,
the count the API gives; "My organisation" shows their organisation's clients; the next
start of the application opens where they left it. Usage: test-e2e-lists.py
PATH-TO-werkbrug. Exit 77 skips."""

import importlib.util
import os
import shutil
import sys
import tempfile

_spec = importlib.util.spec_from_file_location('werkbrug_e2e', os.path.join(os.path.dirname(__file__), 'test-e2e.py'))
e2e = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(e2e)

Failure, log, check, wait_for, click = e2e.Failure, e2e.log, e2e.check, e2e.wait_for, e2e.click

CONSULTANT = e2e.CONSULTANT


def scope_button(node, label, count):
    name = '%s (%d)' % (label, count)
    return wait_for(node, lambda n: n.roleName in ('toggle button', 'push button') and n.name == name, 'the scope "%s"' % name, 60)


def count_label(node, shown, total):
    text = '%d of %d clients' % (shown, total)
    return wait_for(node, lambda n: n.roleName in ('label', 'status bar') and n.name == text, 'the count "%s"' % text, 60)


def main():
    data_home = tempfile.mkdtemp(prefix='werkbrug-e2e-lists-')
    app = e2e.App(data_home, keep_settings=True)
    try:
        node = app.start()
        api = e2e.Api(app.url())
        log('embedded server at ' + api.base)
        api.login(CONSULTANT)
        me = api.call('GET', 'me')
        clients = api.call('GET', 'clients?per_page=1000')['items']
        total = len(clients)
        mine = sum(1 for c in clients if me['id'] in (c.get('case_manager_id'), c.get('wsp_account_manager_id')))
        ours = sum(1 for c in clients if c.get('organisation_id') == me['organisation_id'])
        log('%d clients: %d of the consultant, %d of their organisation' % (total, mine, ours))
        check(0 < mine < ours < total, 'the demo gives the consultant a caseload within their organisation')

        # Signed in, the consultant sees their own caseload, and each scope says its count.
        e2e.sign_in(node, CONSULTANT)
        count_label(node, mine, total)
        scope_button(node, 'Mine', mine)
        scope_button(node, 'All I may see', total)
        click(scope_button(node, 'My organisation', ours))
        count_label(node, ours, total)
        app.quit()

        # The next start opens on the organisation's clients, as the consultant left it.
        os.remove(app.url_file)
        app = e2e.App(data_home, keep_settings=True)
        node = app.start()
        e2e.sign_in(node, CONSULTANT)
        count_label(node, ours, total)
        app.quit()
        log('all checks passed')
        return 0
    except (Failure, OSError, e2e.tree.SearchError) as failure:
        log('FAILED: %s' % failure)
        e2e.shoot_failure('werkbrug-e2e-lists-failure.png')
        return 1
    finally:
        app.stop()
        shutil.rmtree(data_home, ignore_errors=True)


if __name__ == '__main__':
    sys.exit(main())
