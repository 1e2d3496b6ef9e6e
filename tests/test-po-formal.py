#!/usr/bin/python3
# Copyright 2026 The Werkbrug authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""One form of address in the Dutch interface: the formal "u".

    test-po-formal.py PO-FILE...

Fails on every translation (msgstr) that says "je", "jij", "jou", "jouw", "jullie" or
"jezelf" to the user, with the message it translates. Prints TAP.
"""

import re
import sys

INFORMAL = re.compile(r"\b(je|jij|jou|jouw|jullie|jezelf)\b", re.IGNORECASE)
STRING = re.compile(r'"((?:[^"\\]|\\.)*)"')


def entries(text):
    """(msgid, msgstr) of each entry, the strings joined; plural forms each on their own."""
    for block in re.split(r"\n\s*\n", text):
        msgid, msgstrs, current = [], {}, None
        for line in block.splitlines():
            if line.startswith("#"):
                continue
            match = re.match(r"(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)\s+(.*)", line)
            if match:
                current = match.group(1)
                rest = match.group(2)
            else:
                rest = line
            if current is None:
                continue
            parts = "".join(STRING.findall(rest))
            if current == "msgid":
                msgid.append(parts)
            elif current.startswith("msgstr"):
                msgstrs.setdefault(current, []).append(parts)
        for key, value in msgstrs.items():
            yield "".join(msgid), "".join(value)


def main():
    n = 0
    failed = 0
    for path in sys.argv[1:]:
        with open(path, encoding="utf-8") as f:
            text = f.read()
        bad = [(msgid, msgstr) for msgid, msgstr in entries(text) if msgid and INFORMAL.search(msgstr)]
        n += 1
        ok = not bad
        failed += 0 if ok else 1
        print("%s %d - %s addresses the user as \"u\" everywhere" % ("ok" if ok else "not ok", n, path))
        for msgid, msgstr in bad:
            print("# %r -> %r" % (msgid, msgstr))
        # The check itself: it finds what it should.
        n += 1
        probe = list(entries('msgid "Your changes"\nmsgstr ""\n"Jouw "\n"wijzigingen"\n'))
        found = any(INFORMAL.search(s) for _, s in probe)
        failed += 0 if found else 1
        print("%s %d - the check finds an informal word across wrapped lines" % ("ok" if found else "not ok", n))
    print("1..%d" % n)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
