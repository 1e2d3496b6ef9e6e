/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* The shape of every resource the central layer keeps, in one table per resource.
 * The same tables drive validation at the API boundary, the SQL columns in the store,
 * redaction by the policy and the filters and sort keys a list accepts. */

typedef enum {
  WB_FIELD_STRING,
  WB_FIELD_INT,
  WB_FIELD_REAL,
  WB_FIELD_BOOL,
  WB_FIELD_DATE,      /* YYYY-MM-DD */
  WB_FIELD_ENUM,
  WB_FIELD_REF,       /* id of a row in ref_table */
  WB_FIELD_BSN,       /* citizen service number, eleven-test */
  WB_FIELD_KVK,       /* chamber of commerce number, eight digits */
  WB_FIELD_PC4,       /* four-digit postcode area */
  WB_FIELD_POSTCODE,  /* full Dutch postcode, 1234 AB */
  WB_FIELD_PHONE,     /* telephone number */
  WB_FIELD_EMAIL,     /* e-mail address */
  WB_FIELD_STRV,      /* array of strings, stored as JSON */
  WB_FIELD_JSON,      /* any JSON value, stored as JSON text; written by the server only */
} WbFieldType;

typedef enum {
  WB_FIELD_REQUIRED  = 1 << 0,  /* must be present on create */
  WB_FIELD_READONLY  = 1 << 1,  /* set by the server only */
  WB_FIELD_IMMUTABLE = 1 << 2,  /* may be given on create, never changed */
  WB_FIELD_IDENTITY  = 1 << 3,  /* identifies a person: name, BSN, address */
  WB_FIELD_HEALTH    = 1 << 4,  /* health details */
  WB_FIELD_PUBLIC    = 1 << 5,  /* part of the pseudonymous profile */
  WB_FIELD_FILTER    = 1 << 6,  /* a list accepts ?name=value */
  WB_FIELD_SORT      = 1 << 7,  /* a list accepts ?sort=name */
  WB_FIELD_SEARCH    = 1 << 8,  /* ?q= searches this column */
  WB_FIELD_SECRET    = 1 << 9,  /* never leaves the server */
  WB_FIELD_NULLABLE  = 1 << 10, /* JSON null clears the value */
  WB_FIELD_MULTILINE = 1 << 11, /* a text of several lines: tab and line breaks allowed */
} WbFieldFlags;

typedef struct {
  const char *name;
  WbFieldType type;
  WbFieldFlags flags;
  const char * const *values;  /* allowed values of an enum, NULL-terminated */
  gint64 min;                  /* range of an int; both 0 means unbounded */
  gint64 max;
  const char *ref_table;       /* table of a reference */
} WbFieldSpec;

typedef enum {
  WB_RESOURCE_ORGANISATIONS,
  WB_RESOURCE_MUNICIPALITIES,
  WB_RESOURCE_USERS,
  WB_RESOURCE_CLIENTS,
  WB_RESOURCE_EVENTS,
  WB_RESOURCE_DIAGNOSES,
  WB_RESOURCE_EMPLOYERS,
  WB_RESOURCE_CONTACTS,
  WB_RESOURCE_CONTACT_LOG,
  WB_RESOURCE_VACANCIES,
  WB_RESOURCE_MATCHES,
  WB_RESOURCE_COMPETENCES,
  WB_RESOURCE_OCCUPATIONS,
  WB_RESOURCE_TARGETS,
  WB_RESOURCE_ACTION_POINTS,
  WB_RESOURCE_AUDIT,
  WB_N_RESOURCES
} WbResource;

typedef struct {
  WbResource resource;
  const char *name;            /* the name in the URL: "action-points" */
  const char *table;           /* the SQL table: "action_points" */
  const WbFieldSpec *fields;
  guint n_fields;
  const char *parent_field;    /* for nested resources: "client_id" */
  gboolean versioned;          /* has version and updated_at: ETag and If-Match apply */
  const char *default_sort;
} WbResourceSpec;

/* One error on one field, as it goes into a problem+json "errors" list. */
typedef struct {
  char *field;
  char *message;
} WbFieldError;

void                  wb_field_error_free        (WbFieldError *error);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WbFieldError, wb_field_error_free)
/* Appends an error on @field to @errors, taking @message. */
void                  wb_field_errors_add        (GPtrArray    *errors,
                                                  const char   *field,
                                                  char         *message);

const WbResourceSpec *wb_resource_spec_get       (WbResource resource);
const WbResourceSpec *wb_resource_spec_lookup    (const char *name);
const WbFieldSpec    *wb_resource_spec_find_field (const WbResourceSpec *spec,
                                                  const char           *name);

/* Checks a JSON object sent by a client. With @creating, required fields must be there
 * and immutable fields may be given. Appends a WbFieldError for every problem found to
 * @errors and returns TRUE when there was none. */
gboolean              wb_resource_spec_validate  (const WbResourceSpec *spec,
                                                  JsonObject           *object,
                                                  gboolean              creating,
                                                  GPtrArray            *errors);

gboolean              wb_field_spec_check_value  (const WbFieldSpec    *field,
                                                  JsonNode             *value,
                                                  char                **message);

gboolean              wb_enum_contains           (const char * const   *values,
                                                  const char           *value);

/* Enumerations of the domain, shared by the model, the importers and the views. */
extern const char * const wb_roles[];
extern const char * const wb_organisation_kinds[];
extern const char * const wb_regions[];
extern const char * const wb_client_groups[];
extern const char * const wb_education_levels[];
extern const char * const wb_language_levels[];
extern const char * const wb_transport_modes[];
extern const char * const wb_levels3[];
extern const char * const wb_phases[];
extern const char * const wb_tracks[];
extern const char * const wb_client_statuses[];
extern const char * const wb_sectors[];
extern const char * const wb_event_kinds[];
extern const char * const wb_instruments[];
extern const char * const wb_contract_types[];
extern const char * const wb_outflow_types[];
extern const char * const wb_evidence_kinds[];
extern const char * const wb_diagnosis_sources[];
extern const char * const wb_contact_kinds[];
extern const char * const wb_vacancy_statuses[];
extern const char * const wb_match_states[];
extern const char * const wb_action_point_statuses[];
extern const char * const wb_target_metrics[];
extern const char * const wb_target_levels[];

/* The opportunity sectors of a subregion of wb_regions (seed 001: Parkstad care, smart
 * services and medical logistics; Maastricht-Heuvelland customer service, manufacturing,
 * hospitality and leisure; Westelijke Mijnstreek automotive, logistics and technology),
 * NULL-terminated, or NULL for a region without (Zuid-Limburg as a whole). */
const char * const   *wb_region_opportunity_sectors (const char *region);
gboolean              wb_is_opportunity_sector      (const char *region,
                                                     const char *sector);

G_END_DECLS
