#!/usr/bin/python3
# Copyright 2026 The Werkbrug authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""End-to-end test of matching both ways: the real application in embedded demo mode (with
ESCO imported from the shared data), driven through the accessibility tree (dogtail /
AT-SPI) with test-e2e.py's driver.

A WSP account manager takes a vacancy in for an employer from an ESCO occupation and edits
its competences (test-e2e-vacancies.py's steps), opens it and sees its ranked candidates with
their explanations, another organisation's candidates under their pseudonym only; narrows
them to 25 km and to the pool, and reads the matched and missing competences of the first.
A local account manager opens one of their clients and the "Suitable Vacancies" card's
explanation names a competence the client lacks. The HTTP API says what the screen must show.
Usage: test-e2e-matching.py PATH-TO-werkbrug. Exit 77 skips."""

import importlib.util
import os
import re
import shutil
import sys
import tempfile
import time
import urllib.parse


def _load(name, file):
    spec = importlib.util.spec_from_file_location(name, os.path.join(os.path.dirname(__file__), file))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


e2e = _load('werkbrug_e2e', 'test-e2e.py')
vacancies_e2e = _load('werkbrug_e2e_vacancies', 'test-e2e-vacancies.py')

tree, rawinput = e2e.tree, e2e.rawinput
Failure, log, check, wait_for, named, click, set_text = (e2e.Failure, e2e.log, e2e.check, e2e.wait_for, e2e.named,
                                                          e2e.click, e2e.set_text)
entry, list_view_of = vacancies_e2e.entry, vacancies_e2e.list_view_of

MANAGER = 'wsp-parkstad.am1'
LOCAL_MANAGER = 'isd-kompas.lam1'
TITLE = 'Heftruckchauffeur matching (e2e %d)' % (os.getpid() % 10000)
ROW_TITLE = re.compile(r'^(\d+)\. (.*)$')


def label_text(node):
    return (node.name or '').strip()


def ranked_titles(parent):
    """The titles of the ranked rows shown ("1. K-000123 (pseudonym)"), in order."""
    try:
        found = parent.findChildren(lambda n: n.roleName == 'label' and ROW_TITLE.match(n.name or '') is not None
)
    except Exception:  # the tree changes under the search
        return []
    titles = []
    for n in found:
        if n.name not in titles:
            titles.append(n.name)
    return sorted(titles, key=lambda t: int(ROW_TITLE.match(t).group(1)))


def expected_title(item):
    client = item['client']
    if item['pseudonymous']:
        return '%d. %s (pseudonym)' % (item['rank'], client['pseudonym'])
    return '%d. %s %s' % (item['rank'], client['given_name'], client['family_name'])


def wait_for_ranking(parent, items, what, timeout=60):
    """Waits until the first rows shown are those of @items, as the API ranks them."""
    want = [expected_title(i) if 'client' in i else None for i in items[:3]]
    deadline = time.monotonic() + timeout
    shown = []
    while time.monotonic() < deadline:
        shown = ranked_titles(parent)
        if want and all(w is None for w in want):
            if len(shown) >= len(want):
                return shown
        elif shown[:len(want)] == want:
            return shown
        time.sleep(0.5)
    raise Failure('timed out waiting for %s: shown %r, expected %r' % (what, shown[:3], want))


def open_row(parent, title):
    """Opens the explanation of the ranked row @title with its "Why?" button."""
    name = ROW_TITLE.match(title).group(2)
    if name.endswith(' (pseudonym)'):
        name = name[:-len(' (pseudonym)')]
    click(wait_for(parent, named('push button', 'Why %s is on the list' % name), 'the Why button of ' + title))


def detail_label(parent, prefix, what, timeout=60):
    return wait_for(parent, lambda n: n.roleName == 'label' and (n.name or '').startswith(prefix), what, timeout)


def requirement_names(items):
    return [('Driving licence' if r.get('competence_id') is None else r['label']) for r in items]


def wsp_manager_part(node, api):
    me = api.call('GET', 'me')
    vacancy = vacancies_e2e.take_in_vacancy(node, api, me, MANAGER, TITLE)

    # The vacancy taken in stands on its page in the vacancies view, its candidates below it.
    click(wait_for(node, lambda n: n.roleName == 'page tab' and n.name == 'Vacancies', 'the vacancies tab'))
    # (GTK 4.8 gives AT-SPI no "showing" state: nodes are found by name and role alone.)
    wait_for(node, lambda n: n.name == TITLE and n.roleName in ('label', 'heading'), 'the vacancy page of ' + TITLE)
    view = node

    # Its candidates, ranked as the API ranks them, by default at any distance.
    ranking = api.call('GET', 'vacancies/%d/matches?limit=50' % vacancy['id'])
    items = ranking['items']
    check(len(items) > 0, 'the API ranks %d candidates for the new vacancy' % len(items))
    pseudonymous = [i for i in items if i['pseudonymous']]
    check(pseudonymous, '%d of them belong to other organisations' % len(pseudonymous))
    shown = wait_for_ranking(view, items, 'the ranked candidates')
    check(len(shown) >= min(len(items), 5), 'the panel shows the first %d of them' % len(shown))
    for title in shown:
        rank = int(ROW_TITLE.match(title).group(1))
        item = items[rank - 1]
        check(title == expected_title(item), 'row %d: %s' % (rank, title))
        if item['pseudonymous']:
            # Only the pseudonym: the API sends no name, and the screen says it is one.
            check('family_name' not in item['client'] and title.endswith(' (pseudonym)'),
                  'another organisation\'s candidate under a pseudonym only')
    scores = wait_for(view, lambda n: n.roleName in ('level bar', 'progress bar', 'meter') and
                      (n.name or '').startswith('Score of '), 'a score bar', 60)
    check((scores.description or '').startswith('Score '), 'the score bar says its parts: %s' %
          (scores.description or '')[:80])
    weights = detail_label(view, 'Weights used: ', 'the weights used')
    check(ranking['weights']['region'] in weights.name, 'the weights used are named: ' + weights.name[:60])
    e2e.shot('candidates')

    # Narrowed to 25 km and to the pool, as the API narrows them.
    spin = wait_for(view, lambda n: n.roleName == 'spin button' and n.name == 'Maximum distance in km',
                    'the maximum distance')
    try:
        spin.value = 25
    except Exception as error:
        log('typing the distance instead (%s)' % error)
        spin.grabFocus()
        rawinput.keyCombo('<Control>a')
        rawinput.typeText('25')
        rawinput.pressKey('Tab')
    click(wait_for(view, lambda n: n.roleName in ('toggle button', 'push button') and n.name == 'Only the Pool',
                   'the pool toggle'))
    narrowed = api.call('GET', 'vacancies/%d/matches?limit=50&max_km=25&pool=true' % vacancy['id'])['items']
    check(all(i['client']['in_pool'] and i['distance_km'] is not None and i['distance_km'] <= 25 for i in narrowed),
          '%d candidates in the pool within 25 km' % len(narrowed))
    if not narrowed:
        detail_label(view, 'No candidates with these controls', 'the empty state')
        log('no candidate is left: the empty state says which controls to switch off')
        return vacancy
    shown = wait_for_ranking(view, narrowed, 'the narrowed candidates')
    first = narrowed[0]
    check(shown[0] == expected_title(first), 'the first candidate within 25 km in the pool: ' + shown[0])

    # The first candidate's explanation, to read out loud.
    open_row(view, shown[0])
    summary = detail_label(view, 'Candidate ' if first['pseudonymous'] else expected_title(first)[3:],
                           'the explanation of the first candidate')
    log('read out loud: ' + summary.name)
    if first['matched']:
        matched = detail_label(view, 'Matched: ', 'the matched competences')
        for name in requirement_names(first['matched']):
            check(name in matched.name, 'matched: ' + name)
    if first['gap']:
        missing = detail_label(view, 'Missing: ', 'the missing competences')
        for name in requirement_names(first['gap']):
            check(name in missing.name, 'missing: ' + name)
    else:
        check(('Has %d of the %d essential' % (first['competences']['essential'], first['competences']['essential']))
              in summary.name, 'the first candidate has every essential competence, and the text says so')
    distance = detail_label(view, 'Distance: ', 'the distance')
    check(distance.name.endswith(' km'), 'the distance in km: ' + distance.name)
    e2e.shot('candidates-narrowed')
    return vacancy


def local_manager_part(node, api):
    me = api.call('GET', 'me')
    clients = api.call('GET', 'clients?organisation_id=%d&status=active&per_page=100' % me['organisation_id'])['items']
    chosen, gap_item = None, None
    for client in clients:
        if not (client.get('given_name') and client.get('family_name')):
            continue
        top = api.call('GET', 'clients/%d/matches?limit=5' % client['id'])['items']
        # A vacancy of the top five that the client lacks a competence for.
        with_gap = [i for i in top if i['gap']]
        if with_gap:
            chosen, gap_item = client, with_gap[0]
            break
    organisation = me.get('organisation')
    if isinstance(organisation, dict):
        organisation = organisation.get('name')
    check(chosen is not None, 'a client of %s whose suitable vacancies name a gap' % organisation)
    full_name = '%s %s' % (chosen['given_name'], chosen['family_name'])
    log('client %d: %s; %s lacks %s' % (chosen['id'], full_name, gap_item['vacancy']['title'],
                                         requirement_names(gap_item['gap'])))

    e2e.sign_in(node, LOCAL_MANAGER)
    e2e.search_and_open(node, full_name)
    wait_for(node, lambda n: n.roleName == 'label' and n.name == full_name, 'the profile title')
    title = '%d. %s at %s' % (gap_item['rank'], gap_item['vacancy']['title'], gap_item['vacancy']['employer'])
    wait_for(node, lambda n: n.roleName == 'list item' and n.name == title, 'the vacancy in the card', 60)
    open_row(node, title)
    missing = detail_label(node, 'Missing: ', 'what the client lacks for ' + gap_item['vacancy']['title'])
    for name in requirement_names(gap_item['gap']):
        check(name in missing.name, 'the explanation names the missing competence ' + name)
    summary = detail_label(node, title[len('%d. ' % gap_item['rank']):] + ' scores ', 'the text to read out')
    check('Lacks: ' in summary.name, 'read out loud: ' + summary.name[:120])
    e2e.shot('suitable-vacancies')


def main():
    data_home = tempfile.mkdtemp(prefix='werkbrug-e2e-matching-')
    app = e2e.App(data_home)
    try:
        node = app.start()
        api = e2e.Api(app.url())
        log('embedded server at ' + api.base)
        api.login(MANAGER)
        wsp_manager_part(node, api)
        app.quit()

        os.remove(app.url_file)       # the next start writes the address of its own server
        app = e2e.App(data_home)
        node = app.start()
        api = e2e.Api(app.url())
        api.login(LOCAL_MANAGER)
        local_manager_part(node, api)
        app.quit()
        log('all checks passed')
        return 0
    except (Failure, OSError, IndexError, KeyError, StopIteration, tree.SearchError) as failure:
        log('FAILED: %r' % failure)
        e2e.shoot_failure('werkbrug-e2e-matching-failure.png')
        return 1
    finally:
        app.stop()
        shutil.rmtree(data_home, ignore_errors=True)


if __name__ == '__main__':
    sys.exit(main())
