#!/usr/bin/python3
# Copyright 2026 The Werkbrug authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""End-to-end test of the labour-market monitor: the real application in embedded demo mode,
driven through the accessibility tree (dogtail / AT-SPI) with test-e2e.py's driver.

An analyst signs in and lands on the monitor (the only page an analyst has), picks a
subregion and a range of years, switches every chart to its table, finds a hidden small
number said as hidden, and saves the dashboard as a PDF whose text (pdftotext) holds the
definition of the figures. Then another organisation's account manager opens the monitor
and finds nothing on it that leads to a person: every control is a filter, a table toggle,
an export or the print. Usage: test-e2e-monitor.py PATH-TO-werkbrug. Exit 77 skips."""

import importlib.util
import os
import shutil
import subprocess
import sys
import tempfile
import time

_spec = importlib.util.spec_from_file_location('werkbrug_e2e', os.path.join(os.path.dirname(__file__), 'test-e2e.py'))
e2e = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(e2e)

tree, rawinput = e2e.tree, e2e.rawinput
Failure, check, wait_for, named, click = e2e.Failure, e2e.check, e2e.wait_for, e2e.named, e2e.click
START = time.monotonic()


def log(message):
    e2e.log('%5.1f s  %s' % (time.monotonic() - START, message))

ANALYST = 'gemeente-heerlen.analyst'
MANAGER = 'szmh.lam1'            # a local account manager of another organisation than Heerlen
SUBREGION = 'Maastricht-Heuvelland'


def from_years():
    """The first year of "three years back" as the application counts: in local time (it runs
    in the test's time zone), by the year when it started or now (a run over New Year)."""
    return {time.localtime(STARTED).tm_year - 2, time.localtime().tm_year - 2}


STARTED = time.time()
DEFINITION = 'Outflow to work: the outflow events'

# What a control on the monitor may be: a filter, the tables toggle, an export, the print.
ALLOWED = {'Level', 'Area', 'Period', 'From year', 'To year', 'Figure over time', 'Client group',
           'Work capacity band', 'Show all figures as tables', 'Print or save the dashboard', 'Table', 'Export',
           'Load the figures again'}


def sign_in(node, username):
    click(wait_for(node, named('push button', 'Sign in as %s ' % username), 'the demo user ' + username, 120))


def key_figures(node, prefix='Key figures for ', timeout=90):
    return wait_for(node, lambda n: n.roleName == 'label' and (n.name or '').startswith(prefix),
                    'the key figures heading ' + prefix, timeout)


def monitor_page(node):
    """The monitor page: the widget that holds both its filter bar and its charts."""
    key_figures(node)
    page = wait_for(node, lambda n: n.roleName == 'combo box' and n.name == 'Level', 'the level filter')
    for _ in range(12):
        page = page.parent
        try:
            if page.findChild(lambda n: n.roleName == 'label' and (n.name or '').startswith('Key figures for '),
                              retry=False, requireResult=False) is not None:
                return page
        except Exception:  # the tree changes under the search
            pass
    raise Failure('no monitor page above the level filter')


def app_windows(app):
    """The X windows of the application that are shown, with their sizes."""
    ids = subprocess.run(['xdotool', 'search', '--pid', str(app.process.pid), '--onlyvisible', '.*'],
                         capture_output=True, text=True).stdout.split()
    sizes = {}
    for window in ids:
        shell = subprocess.run(['xdotool', 'getwindowgeometry', '--shell', window], capture_output=True,
                               text=True).stdout
        fields = dict(line.split('=', 1) for line in shell.split() if '=' in line)
        sizes[window] = (int(fields.get('WIDTH', 0)), int(fields.get('HEIGHT', 0)))
    return sizes


def choose(app, node, name, index, count):
    """Picks item @index of the @count items of the drop-down @name as a person does with
    the mouse: opens it, then clicks the item in the list that pops up. (GTK 4.8 gives the
    items no action for AT-SPI, and a pop-up no keyboard focus under Xvfb without a window
    manager; the list's rows are 34 pixels high between margins of 33.)"""
    combo = wait_for(node, lambda n: n.roleName == 'combo box' and n.name == name, 'the %s filter' % name)
    button = [c for c in combo.children if c.roleName == 'push button'][0]
    before = app_windows(app)
    click(button)
    deadline = time.monotonic() + 10
    popup = None
    while popup is None and time.monotonic() < deadline:
        time.sleep(0.3)
        fresh = {w: size for w, size in app_windows(app).items() if w not in before and size[1] > 50}
        if fresh:
            popup = max(fresh, key=lambda w: fresh[w][1])
    if popup is None:
        raise Failure('the list of %s did not pop up' % name)
    width, height = app_windows(app)[popup]
    row = (height - 66) / count
    y = int(33 + row * (index + 0.5))
    subprocess.run(['xdotool', 'mousemove', '--window', popup, str(width // 3), str(y), 'click', '1'], check=True)
    time.sleep(0.5)


def pdf_complete(path):
    try:
        with open(path, 'rb') as f:
            f.seek(0, os.SEEK_END)
            f.seek(max(0, f.tell() - 32))
            return b'%%EOF' in f.read()
    except OSError:
        return False


def controls(page):
    return page.findChildren(lambda n: n.roleName in ('push button', 'toggle button', 'combo box', 'menu item',
                                                      'link', 'check box', 'radio button'))


def main():
    data_home = tempfile.mkdtemp(prefix='werkbrug-e2e-monitor-')
    out_dir = tempfile.mkdtemp(prefix='werkbrug-e2e-monitor-pdf-')
    pdf = os.path.join(out_dir, 'monitor.pdf')
    global STARTED
    STARTED = time.time()
    app = e2e.App(data_home)
    try:
        node = app.start()
        api = e2e.Api(app.url())
        log('embedded server at ' + api.base)
        sign_in(node, ANALYST)
        log('signed in as ' + ANALYST)

        # An analyst lands on the monitor, and has no page of persons to go to. From here on
        # the searches stay inside the monitor page: the whole tree is thousands of nodes.
        page = monitor_page(node)
        log('the monitor page is there')
        key_figures(page, 'Key figures for Zuid-Limburg')
        tabs = [n.name for n in node.findChildren(lambda n: n.roleName == 'page tab')]
        check('Clients' not in tabs and 'Accounts' not in tabs and 'Vacancies' not in tabs,
              'an analyst has no clients, accounts or vacancies page (%s)' % tabs)

        # A subregion and a range of years.
        choose(app, page, 'Level', 1, 4)               # Region -> Subregion
        key_figures(page, 'Key figures for Parkstad')
        log('Parkstad')
        choose(app, page, 'Area', 2, 3)                # Parkstad -> Maastricht-Heuvelland
        key_figures(page, 'Key figures for ' + SUBREGION)
        choose(app, page, 'From year', 7, 10)          # five years back -> three
        heads = ['Key figures for %s, Q1 %d' % (SUBREGION, year) for year in sorted(from_years())]
        heading = wait_for(page, lambda n: n.roleName == 'label' and (n.name or '').startswith(tuple(heads)),
                           'the key figures heading ' + ' or '.join(heads), 90)
        log(heading.name)

        # Every chart as a table; a hidden small number is said as hidden, with the reason.
        toggle = wait_for(page, lambda n: n.name == 'Show all figures as tables', 'the tables toggle')
        log('the tables toggle is a %s' % toggle.roleName)
        click(toggle)
        log('tables on')
        hidden = wait_for(page, lambda n: n.roleName == 'label' and ': hidden (' in (n.name or ''),
                          'a hidden cell in a table', 30)
        check('fewer than 10' in hidden.name or 'reveal' in hidden.name,
              'a hidden cell says why: %s' % hidden.name)

        # The dashboard as a PDF, through the file chooser.
        menu = wait_for(page, lambda n: n.name == 'Print or save the dashboard', 'the print menu')
        log('the print menu is a %s with %s' % (menu.roleName, list(menu.actions)))
        click(menu if 'click' in menu.actions else [c for c in menu.children if 'click' in c.actions][0])
        item = wait_for(node, lambda n: n.roleName == 'menu item' and (n.name or '').startswith('Save the Dashboard'),
                        'the save as PDF item')
        click(item)
        # The file chooser (GTK's own, its buttons named with their mnemonics): the whole path
        # typed as the name.
        chooser = wait_for(node, lambda n: n.name == 'Save the Dashboard as PDF' and n.parent == node,
                           'the file chooser', 30)
        e2e.set_text(wait_for(chooser, lambda n: n.roleName in ('text', 'entry') and n.name == 'Name:',
                              'the file name'), pdf)
        click(wait_for(chooser, lambda n: n.roleName == 'push button' and (n.name or '').endswith('Save'),
                       'the save button'))
        # Cairo writes the file as it goes; it is whole once its trailer is there (a fixed
        # pause after the first bytes read half a file on a slow machine).
        deadline = time.monotonic() + 120
        while not pdf_complete(pdf) and time.monotonic() < deadline:
            time.sleep(0.3)
        check(pdf_complete(pdf), 'the dashboard is saved as %s' % pdf)
        text = subprocess.run(['pdftotext', '-layout', pdf, '-'], capture_output=True, text=True, check=True).stdout
        flat = ' '.join(text.split())
        check(DEFINITION in flat, 'the PDF holds the definition of the outflow to work')
        check('Labour-market monitor ' + SUBREGION in flat, 'the PDF is the monitor of %s' % SUBREGION)
        check('hidden' in flat, 'the PDF says how small numbers are hidden')
        app.quit()

        # Another organisation's account manager: the monitor leads to figures only.
        os.remove(app.url_file)
        app = e2e.App(data_home)
        node = app.start()
        sign_in(node, MANAGER)
        click(wait_for(node, lambda n: n.roleName == 'page tab' and n.name == 'Monitor', 'the monitor tab', 90))
        log('the monitor tab')
        page = monitor_page(node)
        key_figures(page, 'Key figures for Zuid-Limburg')
        choose(app, page, 'Level', 2, 4)               # Region -> Municipality
        wait_for(page, lambda n: n.roleName == 'label' and (n.name or '').startswith('Key figures for ')
                 and not n.name.startswith('Key figures for Zuid-Limburg'), 'the key figures of a municipality', 90)
        found = controls(page)
        names = sorted({n.name for n in found})
        # A chart's own buttons say whose they are: 'Table of “…”', 'Export “…”'.
        strays = [n for n in names if n not in ALLOWED and not n.startswith(('Table of “', 'Export “'))]
        check(len(found) >= 20 and not strays,
              '%d controls on the monitor, each a filter, table, export or print%s' % (
                  len(found), ''.join('\n#   ' + repr(n) for n in strays[:10])))
        labels = [n.name or '' for n in page.findChildren(lambda n: n.roleName == 'label')]
        check(not any(n.startswith('K-') for n in labels), 'no pseudonym of a client on the monitor')
        app.quit()
        log('all checks passed')
        return 0
    except (Failure, OSError, IndexError, KeyError, subprocess.CalledProcessError, tree.SearchError) as failure:
        log('FAILED: %r' % failure)
        e2e.shoot_failure('werkbrug-e2e-monitor-failure.png')
        return 1
    finally:
        app.stop()
        shutil.rmtree(data_home, ignore_errors=True)
        shutil.rmtree(out_dir, ignore_errors=True)


if __name__ == '__main__':
    sys.exit(main())
