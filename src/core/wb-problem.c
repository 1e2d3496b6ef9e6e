/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "wb-problem"

#include "config.h"

#include <string.h>

#include "wb-problem.h"
#include "wb-schema.h"

WbProblem *
wb_problem_new (guint       status,
                const char *title,
                const char *detail)
{
  WbProblem *problem = g_new0 (WbProblem, 1);

  problem->status = status;
  problem->type = g_strdup_printf ("urn:werkbrug:problem:%u", status);
  problem->title = g_strdup (title);
  problem->detail = g_strdup (detail);
  problem->errors = g_ptr_array_new_with_free_func ((GDestroyNotify) wb_field_error_free);
  return problem;
}

void
wb_problem_free (WbProblem *problem)
{
  if (problem == NULL)
    return;
  g_free (problem->type);
  g_free (problem->title);
  g_free (problem->detail);
  g_clear_pointer (&problem->errors, g_ptr_array_unref);
  g_free (problem);
}

void
wb_problem_add_error (WbProblem  *problem,
                      const char *field,
                      const char *message)
{
  WbFieldError *error;

  g_return_if_fail (problem != NULL);

  error = g_new0 (WbFieldError, 1);
  error->field = g_strdup (field);
  error->message = g_strdup (message);
  g_ptr_array_add (problem->errors, error);
}

const char *
wb_problem_get_error (WbProblem  *problem,
                      const char *field)
{
  g_return_val_if_fail (problem != NULL, NULL);

  for (guint i = 0; i < problem->errors->len; i++)
    {
      WbFieldError *error = g_ptr_array_index (problem->errors, i);

      if (g_strcmp0 (error->field, field) == 0)
        return error->message;
    }
  return NULL;
}

char *
wb_problem_to_json (WbProblem *problem)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (problem != NULL, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, problem->type);
  json_builder_set_member_name (builder, "title");
  json_builder_add_string_value (builder, problem->title);
  json_builder_set_member_name (builder, "status");
  json_builder_add_int_value (builder, problem->status);
  if (problem->detail != NULL)
    {
      json_builder_set_member_name (builder, "detail");
      json_builder_add_string_value (builder, problem->detail);
    }
  if (problem->errors->len > 0)
    {
      json_builder_set_member_name (builder, "errors");
      json_builder_begin_array (builder);
      for (guint i = 0; i < problem->errors->len; i++)
        {
          WbFieldError *error = g_ptr_array_index (problem->errors, i);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "field");
          json_builder_add_string_value (builder, error->field);
          json_builder_set_member_name (builder, "message");
          json_builder_add_string_value (builder, error->message);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
    }
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

WbProblem *
wb_problem_from_json (guint       status,
                      const char *json,
                      gsize       length)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  WbProblem *problem;
  JsonObject *object;
  JsonArray *errors;

  if (json == NULL || !json_parser_load_from_data (parser, json, length, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return wb_problem_new (status, NULL, NULL);

  object = json_node_get_object (json_parser_get_root (parser));
  problem = wb_problem_new (status,
                            json_object_get_string_member_with_default (object, "title", NULL),
                            json_object_get_string_member_with_default (object, "detail", NULL));
  if (json_object_has_member (object, "type"))
    {
      g_free (problem->type);
      problem->type = g_strdup (json_object_get_string_member_with_default (object, "type", NULL));
    }

  errors = NULL;
  if (json_object_has_member (object, "errors") &&
      JSON_NODE_HOLDS_ARRAY (json_object_get_member (object, "errors")))
    errors = json_object_get_array_member (object, "errors");
  for (guint i = 0; errors != NULL && i < json_array_get_length (errors); i++)
    {
      JsonNode *node = json_array_get_element (errors, i);
      JsonObject *error;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      error = json_node_get_object (node);
      wb_problem_add_error (problem,
                            json_object_get_string_member_with_default (error, "field", NULL),
                            json_object_get_string_member_with_default (error, "message", NULL));
    }
  return problem;
}
