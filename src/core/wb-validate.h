/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean wb_validate_bsn      (const char *bsn);
gboolean wb_validate_kvk      (const char *kvk);
gboolean wb_validate_pc4      (const char *pc4);
gboolean wb_validate_postcode (const char *postcode);
gboolean wb_validate_date     (const char *date);
/* A telephone number as people write it: Dutch (ten digits) or international (+...). */
gboolean wb_validate_phone    (const char *phone);
/* An e-mail address of the form local@domain.tld. */
gboolean wb_validate_email    (const char *email);

/* Whether the UTF-8 @text is free of control characters (U+0000 to U+001F and U+007F to
 * U+009F), but for tab, line feed and carriage return when @multiline. The first one found
 * goes to @bad. */
gboolean wb_validate_text     (const char *text,
                               gboolean    multiline,
                               gunichar   *bad);

/* Age band of the pseudonymous profile ("25-34") for a birth year in a given year. */
char    *wb_age_band          (int birth_year,
                               int this_year);
/* Capacity band of the pseudonymous profile: "<30", "30-80" or "80-100". */
const char *wb_capacity_band  (int work_capacity);

G_END_DECLS
