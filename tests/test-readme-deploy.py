#!/usr/bin/python3
# Copyright 2026 The Werkbrug authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""The README's "Deploying for a region" builds on a clean Debian 12: its apt-get line holds
every build dependency of build-aux/setup.sh (the -dev packages and the build tools), so that
"meson setup" does not stop on a missing library. TAP output."""

import re
import sys

top = sys.argv[1]
readme = open(top + "/README.md", encoding="utf-8").read()
setup = open(top + "/build-aux/setup.sh", encoding="utf-8").read()

section = readme.split("## Deploying for a region", 1)[1].split("\n## ", 1)[0]
install = re.search(r"apt-get install(?:[^\n\\]|\\\n)*", section).group(0)
deployed = set(install.replace("\\\n", " ").split())
listed = set(re.search(r"packages=\((.*?)\)", setup, re.S).group(1).split())
build_tools = {"meson", "ninja-build", "pkg-config", "gcc", "gettext", "desktop-file-utils", "appstream"}
needed = sorted(p for p in listed if p.endswith("-dev") or p in build_tools)

print("1..%d" % len(needed))
for i, package in enumerate(needed, 1):
    if package in deployed:
        print("ok %d %s" % (i, package))
    else:
        print("not ok %d %s is in build-aux/setup.sh but not in the README's apt-get line" % (i, package))
