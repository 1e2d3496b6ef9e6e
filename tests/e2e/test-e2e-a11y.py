#!/usr/bin/python3
# Copyright 2026 The Werkbrug authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""End-to-end test of what a screen reader hears: the real application in embedded demo mode,
walked through the accessibility tree (dogtail / AT-SPI) in every view of every role.

For each demo role (admin, coordinator, WSP account manager, local account manager,
consultant, analyst) it signs in, visits every view of the view switcher, opens the first row
of each list and walks the page, opens the first filter's options, the keyboard shortcuts
window and (for the coordinator) a decision window, and signs out through the menu. It fails
on any interactive control on screen without a name, with a generic one (a class name such as
"GtkListItemWidget"), with a doubled one ("Cancel Cancel", "Add a timeline event Add Event"),
on two different controls of one view with the same name, on labels of hidden pages that are
exposed as shown, and on a GLib critical (the application runs with G_DEBUG=fatal-criticals)
or a crash, signing out as each role.
Usage: [WB_WALK_ROLES=ROLE,…] test-e2e-a11y.py PATH-TO-werkbrug [--dump]. Exit 77 skips."""

import importlib.util
import os
import re
import shutil
import sys
import tempfile
import time

# The driver of test-e2e.py: the application, the waiting and the clicking. Loading it also
# sets dogtail up as that test does (or skips without a display).
_spec = importlib.util.spec_from_file_location('werkbrug_e2e', os.path.join(os.path.dirname(__file__), 'test-e2e.py'))
e2e = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(e2e)

tree, rawinput = e2e.tree, e2e.rawinput

# Six sign-ins in one session: Mesa's software GL under Xvfb crashed in GTK's GL renderer
# (SIGSEGV in swrast_dri.so while drawing a frame) after the fifth or so; the walk is about
# the accessibility tree, not the drawing, so the application draws with cairo.
os.environ['GSK_RENDERER'] = 'cairo'
Failure, log, check, wait_for, named, click = e2e.Failure, e2e.log, e2e.check, e2e.wait_for, e2e.named, e2e.click

ROLES = [
    ('admin', 'admin'),
    ('coordinator', 'wsp-parkstad.coordinator'),
    ('WSP account manager', 'wsp-parkstad.am1'),
    ('local account manager', 'gemeente-heerlen.lam1'),
    ('consultant', 'isd-kompas.consultant1'),
    ('analyst', 'isd-kompas.analyst'),
]

DUMP = '--dump' in sys.argv

# WB_WALK_ROLES limits the walk to some roles, named by role or user and separated by commas
# ("consultant,analyst", "wsp-parkstad.am1"): the whole walk takes a quarter of an hour.
if os.environ.get('WB_WALK_ROLES'):
    _wanted = {w.strip().lower() for w in os.environ['WB_WALK_ROLES'].split(',') if w.strip()}
    _chosen = [(role, user) for role, user in ROLES if role.lower() in _wanted or user.lower() in _wanted]
    if not _chosen:
        print('WB_WALK_ROLES names none of: ' + ', '.join(role for role, user in ROLES))
        sys.exit(1)
    ROLES = _chosen

# What a user operates; each must have a name of its own.
INTERACTIVE = {
    'push button', 'toggle button', 'check box', 'radio button', 'combo box', 'entry', 'text', 'password text',
    'spin button', 'slider', 'switch', 'menu item', 'check menu item', 'radio menu item', 'link', 'page tab',
    'list item', 'table row', 'tree item', 'column header', 'row header', 'table cell', 'scroll bar',
}
# Rows, options and cells repeat by nature (two clients may share a name); the other
# controls of one view must not.
REPEATING = {'list item', 'table row', 'tree item', 'table cell', 'scroll bar'}
GENERIC = re.compile(r'^(Gtk|Adw|Wb)[A-Z]\w*$')
# Texts of pages that are never on screen once a user has signed in.
HIDDEN_PAGE_TEXTS = {'Werkbrug Could Not Start', 'Preparing Werkbrug'}


# Controls whose name GTK 4.8 makes of their own label and the text inside them.
LABELLED = {'push button', 'toggle button', 'check box', 'radio button', 'menu item', 'entry', 'text',
            'password text', 'spin button'}


def doubled(role, name, texts):
    """ "Cancel Cancel", or a button's name followed by the text of a label inside it ("Add a
    timeline event Add Event"): GTK 4.8 speaks both the label and what labels it."""
    words = name.split()
    half = len(words) // 2
    if half > 0 and len(words) % 2 == 0 and [w.lower() for w in words[:half]] == [w.lower() for w in words[half:]]:
        return True
    return role in LABELLED and any(text and text != name and name.endswith(' ' + text) for text in texts)


def walk(node, found, depth=0, outer=None):
    """The interactive nodes below @node, as (node, role, name, texts of the labels inside,
    name of the interactive node around it). GTK 4.8 marks no node as showing: what is not
    on screen must not be in the tree at all."""
    if depth > 80:
        return []
    texts = []
    try:
        children = list(node.children)
    except Exception:  # the tree changes under the walk
        children = []
    for child in children:
        try:
            role, name = child.roleName, child.name or ''
        except Exception:
            continue
        inner = walk(child, found, depth + 1, name if role in INTERACTIVE else outer)
        if role == 'label':
            texts.append(name)
        if role in INTERACTIVE:
            found.append((child, role, name, inner, outer))
            if DUMP:
                log('%s%s %r' % ('  ' * min(depth, 20), role, name))
        texts.extend(inner)
    return texts


def problems_in(where, node):
    found = []
    labels = []

    def collect_labels(n, depth=0):
        if depth > 80:
            return
        try:
            for child in n.children:
                if child.roleName == 'label' and child.name in HIDDEN_PAGE_TEXTS:
                    labels.append(child.name)
                collect_labels(child, depth + 1)
        except Exception:
            pass
    walk(node, found)
    collect_labels(node)
    problems = []
    seen = {}
    for child, role, name, texts, outer in found:
        if not name.strip():
            problems.append('%s: a %s without a name' % (where, role))
        elif GENERIC.match(name):
            problems.append('%s: a %s named %r' % (where, role, name))
        elif doubled(role, name, texts):
            problems.append('%s: a %s with a doubled name %r' % (where, role, name))
        elif '_' in name and role in ('push button', 'toggle button', 'menu item'):
            problems.append('%s: a %s that reads its mnemonic %r' % (where, role, name))
        # A drop-down's or a menu button's own button carries its name: one control.
        if role not in REPEATING and name.strip() and name != outer:
            seen.setdefault(name, []).append(role)
    for name, roles in seen.items():
        if len(roles) > 1:
            problems.append('%s: %d controls are all %r (%s)' % (where, len(roles), name, ', '.join(roles)))
    for text in labels:
        problems.append('%s: the hidden page\'s %r is exposed as shown' % (where, text))
    # The same problem of many rows or cells is one line, with its count.
    counted = {}
    for problem in problems:
        counted[problem] = counted.get(problem, 0) + 1
    problems = [p if n == 1 else '%s (%d times)' % (p, n) for p, n in counted.items()]
    log('%s: %d controls, %d problems' % (where, len(found), len(problems)))
    for problem in problems[:30]:
        log('  ' + problem)
    return problems


def window_of(app):
    return wait_for(app, lambda n: n.roleName == 'frame', 'the main window')


def top_level(app, predicate, what, timeout=20):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for running in list(e2e.RUNNING):
            running.check_alive()
        try:
            for child in app.children:
                if predicate(child):
                    return child
        except Exception:
            pass
        time.sleep(0.3)
    raise Failure('timed out waiting for ' + what)


def sign_in(app, username):
    click(wait_for(app, named('push button', 'Sign in as %s ' % username), 'the demo user ' + username, 180))
    wait_for(app, lambda n: n.roleName == 'page tab', 'the views', 60)
    time.sleep(1)


def sign_out(app):
    # The menu button's own button, the one with a "click".
    click(wait_for(app, lambda n: n.roleName in ('push button', 'toggle button') and n.name == 'Main menu' and
                   'click' in n.actions, 'the main menu'))
    item = wait_for(app, lambda n: n.roleName == 'menu item' and (n.name or '').replace('_', '') == 'Sign Out',
                    'the sign-out item')
    try:
        click(item)
    except Exception as error:  # the action is done, but its answer may come late on a busy machine
        log('signing out answered late (%s)' % error)
    wait_for(app, lambda n: n.roleName == 'push button' and (n.name or '').startswith('Sign in as '),
             'the sign-in page', 120)


def view_tabs(app):
    return [n.name for n in app.findChildren(lambda n: n.roleName == 'page tab')]


def wait_loaded(app):
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        busy = app.findChild(lambda n: n.roleName == 'progress bar', retry=False, requireResult=False)
        spinner = app.findChild(lambda n: n.roleName in ('spinner', 'animation'), retry=False,
                                requireResult=False)
        if busy is None and spinner is None:
            return
        time.sleep(0.5)


def open_first_filter(app, where):
    """The options of the first drop-down filter: each must speak its text."""
    combo = app.findChild(lambda n: n.roleName == 'combo box', retry=False, requireResult=False)
    if combo is None:
        return []
    button = combo.findChild(lambda n: 'click' in n.actions, retry=False, requireResult=False) or combo
    try:
        click(button)
    except Exception as error:
        return ['%s: the drop-down %r does not open (%s)' % (where, combo.name, error)]
    problems = []
    # The popover is the drop-down's child.
    try:
        wait_for(combo, lambda n: n.roleName == 'list item', 'the options of ' + combo.name, 20)
    except Failure:
        problems.append('%s: the drop-down %r shows no options' % (where, combo.name))
    names = [o.name or '' for o in combo.findChildren(lambda n: n.roleName == 'list item')]
    for name in names:
        if not name or GENERIC.match(name):
            problems.append('%s: an option of %r is named %r' % (where, combo.name, name))
    log('%s: %d options of %r' % (where, len(names), combo.name))
    # Closed again by the same button.
    try:
        click(button)
    except Exception:
        pass
    time.sleep(0.5)
    return problems


def visit_decision(app, where):
    """A decision window of the review queue: a dialog, every control named."""
    decide = window_of(app).findChild(lambda n: n.roleName == 'push button' and (n.name or '').startswith('Dismiss'),
                                      retry=False, requireResult=False)
    if decide is None:
        return ['%s: no decision to take' % where]
    click(decide)
    try:
        dialog = top_level(app, lambda n: n.roleName == 'dialog', 'the decision dialog', 20)
    except Failure:
        return ['%s: the decision window is not exposed as a dialog' % where]
    problems = problems_in(where + ' / decision', dialog)
    cancel = dialog.findChild(lambda n: n.roleName == 'push button' and (n.name or '').startswith('Cancel'),
                              retry=False, requireResult=False)
    if cancel is not None:
        click(cancel)
    time.sleep(1)
    return problems


def visit_views(app, role):
    problems = []
    tabs = view_tabs(app)
    check(len(tabs) >= 1, 'the %s sees %d views: %s' % (role, len(tabs), ', '.join(tabs)))
    for tab in tabs:
        click(wait_for(app, lambda n: n.roleName == 'page tab' and n.name == tab, 'the tab ' + tab))
        time.sleep(1)
        wait_loaded(app)
        where = '%s / %s' % (role, tab)
        window = window_of(app)
        problems += problems_in(where, window)
        problems += open_first_filter(app, where)
        # The first row's page; the review queue shows its review beside it where the window
        # is wide enough (its "Open" buttons are then the page's: "Open Account").
        if tab == 'Review Queue' and window.findChild(
                lambda n: n.roleName == 'push button' and (n.name or '').startswith('Dismiss'),
                retry=False, requireResult=False) is not None:
            problems += visit_decision(app, where)
            continue
        opener = window.findChild(lambda n: n.roleName == 'push button' and (n.name or '').startswith('Open')
                                  and n.sensitive, retry=False, requireResult=False)
        if opener is not None:
            log('opening with %r' % opener.name)
            click(opener)
            time.sleep(2)
            wait_loaded(app)
            problems += problems_in(where + ' / page', window_of(app))
            if tab == 'Review Queue':
                problems += visit_decision(app, where)
            back = window.findChild(lambda n: n.roleName == 'push button' and n.name == 'Back to the list',
                                    retry=False, requireResult=False)
            if back is not None:
                click(back)
                time.sleep(1)
    return problems


def visit_shortcuts(app, role):
    """The keyboard shortcuts window, from the main menu."""
    click(wait_for(app, lambda n: n.roleName in ('push button', 'toggle button') and n.name == 'Main menu' and
                   'click' in n.actions, 'the main menu'))
    click(wait_for(app, lambda n: n.roleName == 'menu item' and (n.name or '').replace('_', '') == 'Keyboard Shortcuts',
                   'the shortcuts item'))
    try:
        shortcuts = top_level(app, lambda n: n.roleName in ('frame', 'window', 'dialog') and n.name != 'Werkbrug',
                              'the keyboard shortcuts window', 20)
    except Failure:
        return ['%s: no keyboard shortcuts window' % role]
    problems = []
    # WB_TEST_SHOTS: the window as the application made it on first asking (wb-window.c:
    # show_help_overlay_action), with the keys the application gives its actions.
    if os.environ.get('WB_TEST_SHOTS'):
        time.sleep(1)
        e2e.shot('shortcuts-' + role.replace(' ', '-'))
    if not shortcuts.name or GENERIC.match(shortcuts.name):
        problems.append('%s: the shortcuts window is named %r' % (role, shortcuts.name))
    problems += problems_in(role + ' / shortcuts', shortcuts)
    close = shortcuts.findChild(lambda n: n.roleName == 'push button' and n.name == 'Close', retry=False,
                                requireResult=False)
    if close is not None:
        click(close)
    time.sleep(1)
    return problems


def main():
    data_home = tempfile.mkdtemp(prefix='werkbrug-e2e-a11y-')
    app = e2e.App(data_home)
    problems = []
    try:
        node = app.start()
        wait_for(node, lambda n: n.roleName == 'push button' and (n.name or '').startswith('Sign in as '),
                 'the sign-in page', 180)
        problems += problems_in('sign-in', window_of(node))
        for role, username in ROLES:
            sign_in(node, username)
            problems += visit_views(node, role)
            problems += visit_shortcuts(node, role)
            sign_out(node)
        check(not problems, 'every control on screen has a name of its own%s' % ''.join(
            '\n#   ' + p for p in problems[:80]))
        # Signed in and out as each role without a critical (they end the application at once);
        # GTK's own warnings (the shortcuts window's label sizes) are not ours to fail on.
        app.stop()
        criticals = [line for line in app.output().splitlines() if 'CRITICAL' in line]
        check(app.process.returncode == 0 and not criticals, 'the application quits cleanly (%d)%s' % (
            app.process.returncode, ''.join('\n#   ' + line for line in criticals[:10])))
        log('all checks passed')
        return 0
    except (Failure, OSError, StopIteration, tree.SearchError) as failure:
        log('FAILED: %s' % failure)
        for p in problems[:80]:
            log('  ' + p)
        e2e.shoot_failure('werkbrug-e2e-a11y-failure.png')
        return 1
    finally:
        app.stop()
        shutil.rmtree(data_home, ignore_errors=True)


if __name__ == '__main__':
    sys.exit(main())
