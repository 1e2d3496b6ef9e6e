/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* A request body, read as the server reads it (wb_body_parse_object, as in
 * _wb_server_parse_body) and validated as every resource of the schema table, both as a new
 * record and as a change. */

#include "config.h"

#include "fuzz-common.h"
#include "wb-core.h"

/* Nothing the parse lets through is cut or broken: every text is whole UTF-8. */
static void
check_node (JsonNode *node)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObjectIter iter;
        const char *name;
        JsonNode *member;

        json_object_iter_init (&iter, json_node_get_object (node));
        while (json_object_iter_next (&iter, &name, &member))
          {
            g_assert_true (g_utf8_validate (name, -1, NULL));
            check_node (member);
          }
      }
      break;
    case JSON_NODE_ARRAY:
      for (guint i = 0; i < json_array_get_length (json_node_get_array (node)); i++)
        check_node (json_array_get_element (json_node_get_array (node), i));
      break;
    case JSON_NODE_VALUE:
      if (json_node_get_value_type (node) == G_TYPE_STRING)
        g_assert_true (g_utf8_validate (json_node_get_string (node), -1, NULL));
      break;
    case JSON_NODE_NULL:
    default:
      break;
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(WbProblem) problem = NULL;
  g_autoptr(JsonObject) object = NULL;
  g_autoptr(JsonNode) root = NULL;

  fuzz_init ();
  object = wb_body_parse_object ((const char *) data, size, &problem);
  if (object == NULL)
    {
      g_autofree char *json = wb_problem_to_json (problem);

      g_assert_cmpuint (problem->status, ==, 400);
      g_assert_true (g_utf8_validate (json, -1, NULL));
      return 0;
    }

  root = json_node_init_object (json_node_alloc (), object);
  check_node (root);

  for (guint resource = 0; resource < WB_N_RESOURCES; resource++)
    for (guint creating = 0; creating < 2; creating++)
      {
        g_autoptr(GPtrArray) errors = g_ptr_array_new_with_free_func ((GDestroyNotify) wb_field_error_free);
        g_autoptr(WbProblem) answer = wb_problem_new (400, "fuzz", NULL);
        g_autofree char *json = NULL;
        gboolean valid = wb_resource_spec_validate (wb_resource_spec_get (resource), object, creating, errors);

        g_assert_true (valid == (errors->len == 0));
        for (guint i = 0; i < errors->len; i++)
          {
            WbFieldError *error = errors->pdata[i];

            g_assert_true (g_utf8_validate (error->field, -1, NULL));
            g_assert_true (g_utf8_validate (error->message, -1, NULL));
            wb_problem_add_error (answer, error->field, error->message);
          }
        json = wb_problem_to_json (answer);
        g_assert_true (g_utf8_validate (json, -1, NULL));
      }
  return 0;
}
