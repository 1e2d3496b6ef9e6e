/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* `werkbrug-server describe`: what the server is, as data: every route it answers and every
 * record's fields with their types, flags and limits. build-aux/openapi.py writes the
 * OpenAPI contract (docs/openapi.json) from it, and a test checks that the contract names
 * every route and every field, so that the document cannot drift from the code. */

#define G_LOG_DOMAIN "wb-server-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "wb-schema.h"
#include "wb-server.h"
#include "wb-server-cli-private.h"

static const char *
type_name (WbFieldType type)
{
  static const char * const names[] = {
    [WB_FIELD_STRING] = "string",
    [WB_FIELD_INT] = "int",
    [WB_FIELD_REAL] = "real",
    [WB_FIELD_BOOL] = "bool",
    [WB_FIELD_DATE] = "date",
    [WB_FIELD_ENUM] = "enum",
    [WB_FIELD_REF] = "ref",
    [WB_FIELD_BSN] = "bsn",
    [WB_FIELD_KVK] = "kvk",
    [WB_FIELD_PC4] = "pc4",
    [WB_FIELD_POSTCODE] = "postcode",
    [WB_FIELD_PHONE] = "phone",
    [WB_FIELD_EMAIL] = "email",
    [WB_FIELD_STRV] = "strv",
    [WB_FIELD_JSON] = "json",
  };

  return (guint) type < G_N_ELEMENTS (names) && names[type] != NULL ? names[type] : "unknown";
}

static void
add_flags (JsonBuilder  *builder,
           WbFieldFlags  flags)
{
  static const struct {
    WbFieldFlags flag;
    const char *name;
  } known[] = {
    { WB_FIELD_REQUIRED, "required" },
    { WB_FIELD_READONLY, "readonly" },
    { WB_FIELD_IMMUTABLE, "immutable" },
    { WB_FIELD_IDENTITY, "identity" },
    { WB_FIELD_HEALTH, "health" },
    { WB_FIELD_PUBLIC, "public" },
    { WB_FIELD_FILTER, "filter" },
    { WB_FIELD_SORT, "sort" },
    { WB_FIELD_SEARCH, "search" },
    { WB_FIELD_SECRET, "secret" },
    { WB_FIELD_NULLABLE, "nullable" },
    { WB_FIELD_MULTILINE, "multiline" },
  };

  json_builder_set_member_name (builder, "flags");
  json_builder_begin_array (builder);
  for (guint i = 0; i < G_N_ELEMENTS (known); i++)
    if (flags & known[i].flag)
      json_builder_add_string_value (builder, known[i].name);
  json_builder_end_array (builder);
}

static void
add_field (JsonBuilder       *builder,
           const WbFieldSpec *field)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, field->name);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, type_name (field->type));
  add_flags (builder, field->flags);
  if (field->values != NULL)
    {
      json_builder_set_member_name (builder, "values");
      json_builder_begin_array (builder);
      for (guint i = 0; field->values[i] != NULL; i++)
        json_builder_add_string_value (builder, field->values[i]);
      json_builder_end_array (builder);
    }
  if (field->min != 0 || field->max != 0)
    {
      json_builder_set_member_name (builder, "min");
      json_builder_add_int_value (builder, field->min);
      json_builder_set_member_name (builder, "max");
      json_builder_add_int_value (builder, field->max);
    }
  if (field->ref_table != NULL)
    {
      json_builder_set_member_name (builder, "ref_table");
      json_builder_add_string_value (builder, field->ref_table);
    }
  json_builder_end_object (builder);
}

static void
add_resource (JsonBuilder          *builder,
              const WbResourceSpec *spec)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, spec->name);
  json_builder_set_member_name (builder, "table");
  json_builder_add_string_value (builder, spec->table);
  json_builder_set_member_name (builder, "parent_field");
  if (spec->parent_field != NULL)
    json_builder_add_string_value (builder, spec->parent_field);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "versioned");
  json_builder_add_boolean_value (builder, spec->versioned);
  json_builder_set_member_name (builder, "default_sort");
  json_builder_add_string_value (builder, spec->default_sort);
  json_builder_set_member_name (builder, "fields");
  json_builder_begin_array (builder);
  for (guint i = 0; i < spec->n_fields; i++)
    add_field (builder, &spec->fields[i]);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

int
_wb_cli_describe (int    argc,
                  char **argv)
{
  g_autoptr(GOptionContext) context = _wb_cli_new_context ("describe", "");
  g_autoptr(GError) error = NULL;
  g_autoptr(WbStore) store = NULL;
  g_autoptr(WbServer) server = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;
  g_auto(GStrv) routes = NULL;
  int status;

  g_option_context_set_summary (context, _("Print the routes and record fields the server offers, as JSON."));
  if (!_wb_cli_parse_options (context, &argc, &argv, &status))
    return status;
  if (argc != 1)
    return _wb_cli_usage_error (context, _("describe takes no arguments"));

  /* The modules are what they are on any database: describe an empty one. */
  store = wb_store_open (":memory:", &error);
  if (store == NULL)
    {
      g_printerr ("werkbrug-server: %s\n", error->message);
      return WB_CLI_EXIT_FAILURE;
    }
  server = wb_server_new (store);
  routes = wb_server_dup_routes (server);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "version");
  json_builder_add_string_value (builder, PACKAGE_VERSION);
  json_builder_set_member_name (builder, "routes");
  json_builder_begin_array (builder);
  for (guint i = 0; routes[i] != NULL; i++)
    json_builder_add_string_value (builder, routes[i]);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "resources");
  json_builder_begin_array (builder);
  for (WbResource r = 0; r < WB_N_RESOURCES; r++)
    add_resource (builder, wb_resource_spec_get (r));
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);
  return 0;
}
