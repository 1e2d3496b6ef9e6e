/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <json-glib/json-glib.h>

#include "wb-problem.h"

G_BEGIN_DECLS

/* The JSON body of a request, read as the server reads it. */

/* Arrays and objects may nest this deep; the documents of the API need about 8. */
#define WB_BODY_MAX_DEPTH 32

/* Parses @data as one JSON object. Before json-glib sees the text, one pass over its bytes
 * refuses what json-glib takes badly: nesting deeper than WB_BODY_MAX_DEPTH (its parser
 * recurses and would run out of stack), the escape \u0000 (it would cut the text there),
 * a surrogate escape without its pair (it would make invalid UTF-8) and a raw control
 * character in a text (which JSON does not allow). Returns a new reference, or NULL with
 * @problem set to a 400 that names the member of the object where the text is wrong. */
JsonObject  *wb_body_parse_object (const char  *data,
                                   gsize        length,
                                   WbProblem  **problem);

G_END_DECLS
