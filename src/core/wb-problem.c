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

/* A member as text, or NULL when it is missing or not a string: the body comes from the
 * network and may be anything. */
static const char *
get_string_member (JsonObject *object,
                   const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

WbProblem *
wb_problem_from_json (guint       status,
                      const char *json,
                      gsize       length)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  WbProblem *problem;
  JsonObject *object;
  JsonNode *root;
  JsonNode *errors_node;
  JsonArray *errors;

  if (json == NULL || !json_parser_load_from_data (parser, json, length, NULL) ||
      (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return wb_problem_new (status, NULL, NULL);

  object = json_node_get_object (root);
  problem = wb_problem_new (status,
                            get_string_member (object, "title"),
                            get_string_member (object, "detail"));
  if (get_string_member (object, "type") != NULL)
    {
      g_free (problem->type);
      problem->type = g_strdup (get_string_member (object, "type"));
    }

  errors = NULL;
  errors_node = json_object_get_member (object, "errors");
  if (errors_node != NULL && JSON_NODE_HOLDS_ARRAY (errors_node))
    errors = json_node_get_array (errors_node);
  for (guint i = 0; errors != NULL && i < json_array_get_length (errors); i++)
    {
      JsonNode *node = json_array_get_element (errors, i);
      JsonObject *error;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      error = json_node_get_object (node);
      if (get_string_member (error, "field") == NULL)
        continue;
      wb_problem_add_error (problem, get_string_member (error, "field"), get_string_member (error, "message"));
    }
  return problem;
}
