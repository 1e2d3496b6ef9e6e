#!/usr/bin/python3
# Copyright 2026 The Werkbrug authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""End-to-end test of taking a vacancy in: the real application in embedded demo mode (with
ESCO imported from the shared data), driven through the accessibility tree (dogtail /
AT-SPI) with test-e2e.py's driver.

A WSP account manager opens one of their employer accounts, takes a vacancy in for it from
an ESCO occupation, whose competences are proposed; edits them (one removed, a level raised,
one added by a search) and the hours, saves, and finds the vacancy in the vacancies list. The HTTP API shows what was saved. Usage: test-e2e-vacancies.py
PATH-TO-werkbrug. Exit 77 skips."""

import importlib.util
import os
import shutil
import sys
import tempfile
import time
import urllib.parse

_spec = importlib.util.spec_from_file_location('werkbrug_e2e', os.path.join(os.path.dirname(__file__), 'test-e2e.py'))
e2e = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(e2e)

tree, rawinput = e2e.tree, e2e.rawinput
Failure, log, check, wait_for, named, click, set_text = (e2e.Failure, e2e.log, e2e.check, e2e.wait_for, e2e.named,
                                                          e2e.click, e2e.set_text)

MANAGER = 'wsp-parkstad.am1'
TITLE = 'Heftruckchauffeur nachtploeg (e2e %d)' % (os.getpid() % 10000)


def top_level(node, prefix, timeout=60):
    """A window of the application whose title starts with @prefix."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            for child in node.children:
                if (child.name or '').startswith(prefix):
                    return child
        except Exception:  # the tree changes under the search
            pass
        time.sleep(0.3)
    raise Failure('timed out waiting for the window ' + prefix)


def list_view_of(search):
    """The leaflet of the list view that holds a list's search entry: its list and its
    record page. The accessibility tree may still be settling after a view switch, when a
    parent is not known yet: walk again for a while before giving up."""
    deadline = time.monotonic() + 20
    while True:
        try:
            view = search
            while view is not None and view.name != 'AdwLeaflet':
                view = view.parent
        except Exception:  # the tree changes under the walk
            view = None
        if view is not None:
            return view
        if time.monotonic() > deadline:
            raise Failure('no list view above ' + search.name)
        time.sleep(0.5)


def entry(parent, name, what):
    return wait_for(parent, lambda n: n.roleName in ('text', 'entry') and n.name == name, what)


def all_named(parent, role, prefix):
    try:
        return parent.findChildren(lambda n: n.roleName == role and (n.name or '').startswith(prefix))
    except Exception:
        return []


def click_found(parent, predicate, what, timeout=30):
    """Clicks what @predicate finds, finding it again when the tree changed under it."""
    for attempt in range(5):
        node = wait_for(parent, predicate, what, timeout)
        try:
            click(node)
            return
        except tree.ActionNotSupported as error:
            log('%s went away, looking again (%s)' % (what, error))
            time.sleep(0.5)
    raise Failure('could not click ' + what)


def set_level(editor, competence, level):
    """A spin button takes its value as a person gives it: focus, select, type, Tab."""
    spin = wait_for(editor, lambda n: n.roleName == 'spin button' and n.name == 'Level of ' + competence,
                    'the level of ' + competence)
    try:
        spin.value = level
        if int(spin.value) == level:
            log('set the level of %s through its value' % competence)
            return
    except Exception as error:
        log('typing the level instead (%s)' % error)
    spin.grabFocus()
    rawinput.keyCombo('<Control>a')
    rawinput.typeText(str(level))
    rawinput.pressKey('Tab')


def take_in_vacancy(node, api, me, manager, title):
    """A WSP account manager (signed in here) takes a vacancy in for one of their employer
    accounts from an ESCO occupation and edits its competences, as a person does through the
    accessibility tree; checks that the API holds what the form had. Returns the vacancy as
    the API lists it. test-e2e-matching.py starts with it too."""
    account = api.call('GET', 'accounts?owner_id=me&per_page=50')['items'][0]
    employer = api.call('GET', 'employers/%d' % account['id'])
    log('employer %d: %s' % (employer['id'], employer['name']))
    esco = api.call('GET', 'occupations?q=heftruckchauffeur&source=esco')['items']
    check(len(esco) == 1, 'the demo has ESCO occupations beside the starter list')
    proposal = api.call('GET', 'occupations/%d' % esco[0]['id'])['competences']
    check(len(proposal) >= 5, 'ESCO links %d competences to the forklift driver' % len(proposal))

    e2e.sign_in(node, manager)

    # The employer's account, found by its name.
    click(wait_for(node, lambda n: n.roleName == 'page tab' and n.name == 'Accounts', 'the accounts tab'))
    search = e2e.open_search(node, 'Search accounts')
    set_text(search, employer['name'])
    # The accounts view: the search's list view. Searching it alone keeps the other
    # views, thousands of nodes, out of every search from here on.
    accounts = list_view_of(search)
    wait_for(accounts, lambda n: n.roleName in ('label', 'status bar') and (n.name or '').startswith('1 of '), 'exactly one account', 60)
    click(wait_for(accounts, named('push button', 'Open account'), 'the open button'))
    click(wait_for(accounts, named('push button', 'Take in a vacancy for this employer'), 'the new vacancy button'))

    # The form, for this employer: search as you type for the ESCO occupation.
    editor = top_level(node, 'New Vacancy at ')
    check(employer['name'] in editor.name, 'the form takes a vacancy in for %s' % employer['name'])
    set_text(entry(editor, 'ESCO occupation', 'the occupation search'), 'heftruck')
    result = wait_for(editor, lambda n: n.roleName == 'push button' and n.name == esco[0]['label_nl'] and
                      (n.description or '').startswith('ESCO'), 'the ESCO forklift driver among the results')
    click(result)
    essentials = []
    deadline = time.monotonic() + 30
    while len(essentials) < len(proposal) and time.monotonic() < deadline:
        essentials = all_named(editor, 'check box', '')
        essentials = [n for n in essentials if (n.name or '').endswith(' is essential')]
        time.sleep(0.5)
    check(len(essentials) == len(proposal), 'the occupation proposes its %d competences' % len(proposal))
    labels = [n.name[:-len(' is essential')] for n in essentials]
    proposed_essential = [n.name[:-len(' is essential')] for n in essentials if n.checked]
    check(len(proposed_essential) == len([c for c in proposal if c['essential']]),
          'essential as ESCO says: %d of them' % len(proposed_essential))

    # The account manager edits them with the employer: one goes, one is raised, one is
    # added by a search. (GTK 4.8 gives a check box no action for AT-SPI to do, and no
    # focus to grab: making one optional is the widget test's.)
    removed, raised = labels[-1], proposed_essential[0]
    click_found(editor, named('push button', 'Remove ' + removed), 'the remove button of ' + removed)
    set_level(editor, raised, 5)
    set_text(entry(editor, 'Add a competence', 'the competence search'), 'geduld')
    click_found(editor, lambda n: n.roleName == 'push button' and n.name == 'Geduld', 'Geduld among the results')
    wait_for(editor, lambda n: n.roleName == 'check box' and n.name == 'Geduld is essential', 'Geduld in the list')

    set_text(entry(editor, 'Title', 'the title'), title)
    set_text(entry(editor, 'Hours per week', 'the hours'), '24')
    click(wait_for(editor, lambda n: n.roleName == 'push button' and n.name == 'Save', 'the save button'))

    # The server has what the form had.
    found, deadline = [], time.monotonic() + 30
    while not found and time.monotonic() < deadline:
        found = api.call('GET', 'vacancies?per_page=5&q=' + urllib.parse.quote(title))['items']
        time.sleep(0.5)
    check(len(found) == 1, 'the API lists the new vacancy')
    vacancy = found[0]
    by_label = {c['label']: c for c in vacancy['competences']}
    check(vacancy['employer_id'] == employer['id'] and vacancy['occupation_id'] == esco[0]['id'],
          'for %s, from the ESCO occupation' % employer['name'])
    check(vacancy['organisation_id'] == me['organisation_id'] and vacancy['hours'] == 24,
          'taken in by the WSP, 24 hours a week')
    check(len(vacancy['competences']) == len(proposal) and removed not in by_label and 'Geduld' in by_label,
          'one competence removed, one added: %d' % len(vacancy['competences']))
    check(by_label[raised]['level'] == 5 and by_label[raised]['essential'], '%s at level 5' % raised)
    check(by_label['Geduld']['essential'] and by_label['Geduld']['level'] == 3, 'Geduld essential, at level 3')
    return vacancy


def main():
    data_home = tempfile.mkdtemp(prefix='werkbrug-e2e-vacancies-')
    app = e2e.App(data_home)
    try:
        node = app.start()
        api = e2e.Api(app.url())
        log('embedded server at ' + api.base)
        api.login(MANAGER)
        me = api.call('GET', 'me')
        vacancy = take_in_vacancy(node, api, me, MANAGER, TITLE)

        # And the vacancies list has it.
        click(wait_for(node, lambda n: n.roleName == 'page tab' and n.name == 'Vacancies', 'the vacancies tab'))
        search = e2e.open_search(node, 'Search vacancies')
        set_text(search, TITLE)
        vacancies = list_view_of(search)
        wait_for(vacancies, lambda n: n.roleName in ('label', 'status bar') and (n.name or '').startswith('1 of ') and
                 (n.name or '').endswith(' vacancies'), 'exactly one vacancy in the list', 60)
        log('the list counts one vacancy')
        table = wait_for(vacancies, lambda n: n.roleName == 'tree table' and n.name == 'Vacancies', 'the vacancy list')
        wait_for(table, lambda n: n.name == TITLE, 'the new vacancy in the list')
        log('the new vacancy is in the list')
        app.quit()
        log('all checks passed')
        return 0
    except (Failure, OSError, IndexError, KeyError, tree.SearchError) as failure:
        log('FAILED: %r' % failure)
        e2e.shoot_failure('werkbrug-e2e-vacancies-failure.png')
        return 1
    finally:
        app.stop()
        shutil.rmtree(data_home, ignore_errors=True)


if __name__ == '__main__':
    sys.exit(main())
