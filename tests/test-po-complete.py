#!/usr/bin/python3
# Copyright 2026 The Werkbrug authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""The Dutch translation is complete: every string the sources mark has a Dutch msgstr.

    test-po-complete.py SOURCE-ROOT

Checks that every file po/POTFILES.in names exists, that every C or UI file under src/
that marks strings is listed there, and that po/nl.po translates every message that
xgettext extracts (with the keywords of po/meson.build), none fuzzy. Prints TAP.
"""

import os
import re
import subprocess
import sys
import tempfile

KEYWORDS = ["--keyword=_", "--keyword=N_", "--keyword=C_:1c,2", "--keyword=NC_:1c,2",
            "--keyword=g_dngettext:2,3", "--keyword=ngettext:1,2", "--keyword=WB_PLURALS:1,2"]
MARKED = re.compile(r'\b(_|N_|C_|NC_|g_dngettext|ngettext|WB_PLURALS)\s*\(|translatable="yes"')


def main():
    root = sys.argv[1]
    n = failed = 0

    def report(ok, text, details=()):
        nonlocal n, failed
        n += 1
        failed += 0 if ok else 1
        print("%s %d - %s" % ("ok" if ok else "not ok", n, text))
        for line in details:
            print("# %s" % line)

    with open(os.path.join(root, "po", "POTFILES.in"), encoding="utf-8") as f:
        listed = [l.strip() for l in f if l.strip() and not l.startswith("#")]
    missing = [p for p in listed if not os.path.exists(os.path.join(root, p))]
    report(not missing, "every file POTFILES.in names exists", missing)

    unlisted = []
    for dirpath, _, files in os.walk(os.path.join(root, "src")):
        for name in files:
            if not name.endswith((".c", ".ui")):
                continue
            path = os.path.relpath(os.path.join(dirpath, name), root)
            with open(os.path.join(root, path), encoding="utf-8") as f:
                if MARKED.search(f.read()) and path not in listed:
                    unlisted.append(path)
    report(not unlisted, "every source file that marks strings is in POTFILES.in", sorted(unlisted))

    with tempfile.TemporaryDirectory() as tmp:
        pot = os.path.join(tmp, "werkbrug.pot")
        merged = os.path.join(tmp, "nl.po")
        existing = [p for p in listed if p not in missing]
        subprocess.run(["xgettext", "--from-code=UTF-8", "--directory", root, "-o", pot] + KEYWORDS + existing,
                       check=True, stderr=subprocess.DEVNULL)
        subprocess.run(["msgmerge", "--quiet", "--no-fuzzy-matching", os.path.join(root, "po", "nl.po"), pot,
                        "-o", merged], check=True)
        untranslated = subprocess.run(["msgattrib", "--untranslated", "--no-obsolete", merged],
                                      check=True, capture_output=True, text=True).stdout
        fuzzy = subprocess.run(["msgattrib", "--only-fuzzy", "--no-obsolete", os.path.join(root, "po", "nl.po")],
                               check=True, capture_output=True, text=True).stdout
    ids = [m for m in re.findall(r'^msgid "(.*)"$', untranslated, re.M) if m]
    report(not ids, "po/nl.po translates every message the sources mark", ids[:20])
    fuzzy_ids = [m for m in re.findall(r'^msgid "(.*)"$', fuzzy, re.M) if m]
    report(not fuzzy_ids, "po/nl.po has no fuzzy translation", fuzzy_ids[:20])
    print("1..%d" % n)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
