/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <adwaita.h>

#include "wb-session.h"

G_BEGIN_DECLS

/* One field an editor offers, in the order of the form: the group it stands in, its name
 * in the record, its label, the hint under it while it has no error (or NULL), and the
 * width of its entry in characters when it is one. Group, label and hint are marked with
 * N_() and translated when shown.
 *
 * A .wide field's editor stands below its row (which keeps the label, the hint and the
 * message), after the group's rows: make it the last of its group. .spec describes a field
 * the resource's schema does not have, a nested collection such as a vacancy's competences
 * (WB_FIELD_JSON); NULL takes the schema's. */
typedef struct {
  const char *group;
  const char *field;
  const char *label;
  const char *hint;
  int width_chars;
  gboolean wide;
  const WbFieldSpec *spec;
} WbEditorField;

#define WB_TYPE_RECORD_EDITOR (wb_record_editor_get_type ())

G_DECLARE_DERIVABLE_TYPE (WbRecordEditor, wb_record_editor, WB, RECORD_EDITOR, AdwWindow)

/* A modal window that edits one record of a resource, a row per field built from the
 * core's WbFieldSpec: a switch for a boolean, a drop-down for an enum or a reference, an
 * entry for the rest, or a widget of the subclass's own (create_editor). Saving sends only
 * what changed, with the record's version in If-Match. Validation messages from the server
 * show next to their field (those of a nested record, "competences[2]", next to the field
 * that holds it); a stale write (412) keeps the user's edit, says what the other person
 * changed and lets the user keep editing, take their version or re-apply the edit on it.
 * Closing with changes asks first. Emits "saved" with the saved record, tells the session
 * (wb_session_record_saved), then closes.
 *
 * A record without an id is a new one: the form starts from it as a draft (values filled
 * in already, an employer chosen) and saving creates it (POST) with every value the form
 * holds; a failed create keeps the form as it is.
 *
 * A subclass fills in its class: what it edits, the words of its dialogs and how a text
 * becomes a value. Construct with "session", "record" and "title". */
struct _WbRecordEditorClass
{
  AdwWindowClass parent_class;

  WbResource resource;
  const WbEditorField *fields;
  guint n_fields;

  /* Translatable (N_): the heading and first sentences of the dialog after a stale write,
   * the question before closing with unsaved changes, and the reason given for reading the
   * version that won (NULL when reading the resource needs none). */
  const char *conflict_heading;
  const char *conflict_body;
  const char *discard_body;
  const char *conflict_reason;

  /* Whether a value the choices of a drop-down do not know is added to them (shown as it
   * is) rather than showing as the first choice. */
  gboolean keep_unknown_choices;
  /* Whether a boolean the record does not hold reads as "false" rather than as "". */
  gboolean missing_bool_is_false;

  /* Appends the choices of a drop-down: each value as text to @values, its label to
   * @labels. The default offers an enum's values, after "Not known" when it is nullable. */
  void      (*add_choices)   (WbRecordEditor    *self,
                              const WbFieldSpec *spec,
                              GtkStringList     *labels,
                              GPtrArray         *values);
  /* Adds the change of one field to @changes; FALSE with a message when @text is no value
   * of the field. The default: a switch as a boolean, a whole number for an integer or a
   * reference, empty as null where the field may be empty ("is required" where not), the
   * rest as text. */
  gboolean  (*field_to_json) (WbRecordEditor    *self,
                              const WbFieldSpec *spec,
                              const char        *text,
                              JsonObject        *changes,
                              char             **message);
  /* A value as the conflict dialog lists it; the default: "—" for none, "Yes" or "No", an
   * enum's label, or the text. */
  char     *(*display_text)  (WbRecordEditor    *self,
                              const WbFieldSpec *spec,
                              const char        *text);
  /* The editor of a field when the standard one will not do (a search among thousands of
   * records, a list of nested records), or NULL for the standard one. The widget has a
   * string property "value" that holds the field as text, as record_text gives it. */
  GtkWidget *(*create_editor) (WbRecordEditor      *self,
                               const WbEditorField *info,
                               const WbFieldSpec   *spec);
  /* A field of @record as text, as its editor holds it; @record NULL is a record without
   * values. The default: numbers and ids in decimal, booleans "true" and "false". */
  char      *(*record_text)   (WbRecordEditor      *self,
                               WbRecord            *record,
                               const WbEditorField *info,
                               const WbFieldSpec   *spec);
};

WbSession  *wb_record_editor_get_session (WbRecordEditor *self);
/* The record as it was last read or saved (the draft of a new one). */
WbRecord   *wb_record_editor_get_record  (WbRecordEditor *self);
/* Whether saving creates the record. */
gboolean    wb_record_editor_get_creating (WbRecordEditor *self);
gboolean    wb_record_editor_has_changes (WbRecordEditor *self);
/* The fields changed so far, as the update would send them. */
JsonObject *wb_record_editor_dup_changes (WbRecordEditor *self);
/* Sets the text of a field's editor: "true" for a switch, a value for a drop-down (for
 * tests and scripts). */
void        wb_record_editor_set_field   (WbRecordEditor *self,
                                          const char     *field,
                                          const char     *text);
/* The text of a field's editor. */
char       *wb_record_editor_dup_field   (WbRecordEditor *self,
                                          const char     *field);
GtkWidget  *wb_record_editor_get_field_editor (WbRecordEditor *self,
                                          const char     *field);
/* Shows or hides a field (its row, and a wide field's editor). */
void        wb_record_editor_set_field_visible (WbRecordEditor *self,
                                          const char     *field,
                                          gboolean        visible);
const char *wb_record_editor_get_error   (WbRecordEditor *self,
                                          const char     *field);
/* What the editor says above its fields (after a refused or failed save), or NULL. */
const char *wb_record_editor_get_message (WbRecordEditor *self);
gboolean    wb_record_editor_is_saving   (WbRecordEditor *self);
void        wb_record_editor_save        (WbRecordEditor *self);

G_END_DECLS
