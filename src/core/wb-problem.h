/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Problem details (RFC 9457) as the server writes them and the client reads them. */
typedef struct {
  guint status;
  char *type;        /* a URI naming the kind of problem */
  char *title;
  char *detail;
  GPtrArray *errors; /* of WbFieldError */
} WbProblem;

WbProblem   *wb_problem_new         (guint        status,
                                     const char  *title,
                                     const char  *detail);
void         wb_problem_free        (WbProblem   *problem);
void         wb_problem_add_error   (WbProblem   *problem,
                                     const char  *field,
                                     const char  *message);
const char  *wb_problem_get_error   (WbProblem   *problem,
                                     const char  *field);
char        *wb_problem_to_json     (WbProblem   *problem);
WbProblem   *wb_problem_from_json   (guint        status,
                                     const char  *json,
                                     gsize        length);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WbProblem, wb_problem_free)

G_END_DECLS
