/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Where the message catalogues are: the installed locale directory, or the build tree's
 * when Werkbrug runs uninstalled from it (as `build-aux/setup.sh run` does). */
const char *wb_locale_dir (void);

G_END_DECLS
