/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "wb-candidate-item"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "wb-format.h"

#include "wb-candidate-item.h"

/* One part of an item's explanation: a heading in bold (or none) and its text. */
typedef struct {
  char *section;
  char *heading;
  char *text;
  const char *css_class;
} Section;

struct _WbCandidateItem
{
  GObject parent_instance;

  WbMatchDirection direction;
  WbApiRankedMatch *match;
  char *name;
  GHashTable *texts;              /* section -> text shown */
  GArray *sections;               /* Section, in the order shown */
  gboolean expanded;
  GtkWidget *detail;              /* the explanation, once opened (a GtkListBoxRow) */
  WbScoreBar *detail_bar;
};

G_DEFINE_FINAL_TYPE (WbCandidateItem, wb_candidate_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_EXPANDED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
for_vacancy (WbMatchDirection direction)
{
  return direction == WB_MATCH_DIRECTION_CANDIDATES;
}

/* Texts of a ranked item */

static const char *
requirement_label (const WbApiMatchRequirement *requirement)
{
  if (requirement->driving_licence)
    return _("Driving licence");
  return requirement->label != NULL ? requirement->label : "?";
}

/* "Persoonlijke verzorging (level 3, asked 3)" and the like, for one list of requirements. */
static char *
requirements_text (GArray     *requirements,
                   const char *list)
{
  g_autoptr(GString) text = g_string_new (NULL);

  if (requirements == NULL || requirements->len == 0)
    return NULL;
  for (guint i = 0; i < requirements->len; i++)
    {
      const WbApiMatchRequirement *r = &g_array_index (requirements, WbApiMatchRequirement, i);
      const char *label = requirement_label (r);
      g_autofree char *item = NULL;

      if (r->driving_licence)
        item = g_strdup (label);
      else if (g_str_equal (list, "matched") || g_str_equal (list, "below_level"))
        item = g_strdup_printf (r->essential ?
                                /* TRANSLATORS: an essential competence with the candidate's level and the level asked */
                                _("%s (level %d, asked %d, essential)") :
                                /* TRANSLATORS: an optional competence with the candidate's level and the level asked */
                                _("%s (level %d, asked %d)"),
                                label, r->level, r->required_level);
      else if (g_str_equal (list, "unknown"))
        item = g_strdup_printf (r->inferred ?
                                /* TRANSLATORS: a competence inferred from work experience at a level nobody assessed */
                                _("%s (asked %d; inferred from work experience, level not assessed)") :
                                /* TRANSLATORS: a competence asked of a candidate none of whose competences are known */
                                _("%s (asked %d; none of the candidate's competences is known)"),
                                label, r->required_level);
      else
        /* TRANSLATORS: a competence the candidate lacks, with the level the vacancy asks */
        item = g_strdup_printf (_("%s (level %d asked)"), label, r->required_level);
      if (i > 0)
        g_string_append (text, "; ");
      g_string_append (text, item);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static char *
subject_name (WbMatchDirection  direction,
              WbApiRankedMatch *match)
{
  if (for_vacancy (direction))
    {
      WbRecord *client = match->client;
      const char *pseudonym = client != NULL ? wb_record_get_string (client, "pseudonym") : NULL;
      const char *given = client != NULL ? wb_record_get_string (client, "given_name") : NULL;
      const char *family = client != NULL ? wb_record_get_string (client, "family_name") : NULL;

      if (!match->pseudonymous && (given != NULL || family != NULL))
        return g_strdup_printf ("%s %s", given != NULL ? given : "", family != NULL ? family : "");
      if (pseudonym != NULL)
        return g_strdup (pseudonym);
      return g_strdup_printf ("K-%06" G_GINT64_FORMAT, match->client_id);
    }
  else
    {
      WbRecord *vacancy = match->vacancy;
      const char *title = vacancy != NULL ? wb_record_get_string (vacancy, "title") : NULL;
      const char *employer = vacancy != NULL ? wb_record_get_string (vacancy, "employer") : NULL;

      if (title == NULL)
        /* TRANSLATORS: a vacancy without a title, by its number */
        return g_strdup_printf (_("Vacancy %d"), (int) match->vacancy_id);
      if (employer == NULL)
        return g_strdup (title);
      /* TRANSLATORS: a vacancy's title and its employer */
      return g_strdup_printf (_("%s at %s"), title, employer);
    }
}

static char *
distance_text (WbApiRankedMatch *match)
{
  g_autofree char *km = NULL;

  if (match->distance_km < 0)
    return g_strdup (_("Distance unknown"));
  km = wb_format_number (match->distance_km, 1);
  /* TRANSLATORS: the distance between the candidate's home and the work, between postcode areas */
  return g_strdup_printf (_("%s km"), km);
}

static char *
diagnosis_text (WbApiRankedMatch *match)
{
  switch (match->diagnosis)
    {
    case WB_API_DIAGNOSIS_MISSING:
      return g_strdup (_("No diagnosis"));
    case WB_API_DIAGNOSIS_STALE:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Diagnosis out of date (%d month old)",
                                           "Diagnosis out of date (%d months old)",
                                           (gulong) MAX (0, match->diagnosis_age_months)),
                              match->diagnosis_age_months);
    case WB_API_DIAGNOSIS_CURRENT:
    default:
      {
        g_autofree char *date = match->diagnosis_date != NULL ? wb_format_iso_date (match->diagnosis_date) : g_strdup ("?");

        return g_strdup_printf (_("Diagnosis current (%s)"), date);
      }
    }
}

static const char *
supplied_by_text (const char *supplied_by)
{
  if (g_strcmp0 (supplied_by, "client_organisation") == 0)
    return _("the client's organisation can supply it");
  if (g_strcmp0 (supplied_by, "vacancy_account_manager") == 0)
    return _("the vacancy's account manager can supply it");
  return NULL;
}

/* What an account manager reads out loud to an employer: who, the score, what they have and
 * lack of what the work asks, and what is not known. */
static char *
summary_text (WbMatchDirection  direction,
              WbApiRankedMatch *match,
              const char       *name)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *score = wb_score_format_points (match->score);
  g_autofree char *matched = requirements_text (match->matched, "matched");
  g_autofree char *gap = requirements_text (match->gap, "gap");
  g_autofree char *below = requirements_text (match->below_level, "below_level");
  g_autofree char *unknown = requirements_text (match->unknown, "unknown");
  g_autofree char *distance = distance_text (match);

  if (for_vacancy (direction) && match->pseudonymous)
    /* TRANSLATORS: the start of a ranked candidate's explanation; %s is their pseudonym */
    g_string_append_printf (text, _("Candidate %s (a pseudonym) scores %s out of 100."), name, score);
  else
    /* TRANSLATORS: the start of a ranked item's explanation: a name or a vacancy, and the score */
    g_string_append_printf (text, _("%s scores %s out of 100."), name, score);
  g_string_append_c (text, ' ');
  g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "Has %u of the %u essential requirement.",
                                             "Has %u of the %u essential requirements.", match->n_essential),
                          match->n_essential - MIN (match->n_essential, match->n_essential_missing), match->n_essential);
  if (matched != NULL)
    g_string_append_printf (text, " %s %s.", _("Has at the level asked:"), matched);
  if (gap != NULL)
    g_string_append_printf (text, " %s %s.", _("Lacks:"), gap);
  if (below != NULL)
    g_string_append_printf (text, " %s %s.", _("Has below the level asked:"), below);
  if (unknown != NULL)
    g_string_append_printf (text, " %s %s.", _("Not known:"), unknown);
  if (match->distance_km >= 0)
    /* TRANSLATORS: in a ranked item's explanation: the distance in km */
    g_string_append_printf (text, _(" Distance between home and work: %s."), distance);
  else
    g_string_append (text, _(" The distance between home and work is not known."));
  if (match->training_suggestion != NULL)
    g_string_append_printf (text, " %s", match->training_suggestion);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* The explanation as texts */

static void
add_section (WbCandidateItem *info,
             const char      *section,
             const char      *heading,
             const char      *text,
             const char      *css_class)
{
  Section entry;

  if (text == NULL)
    return;
  entry.section = g_strdup (section);
  entry.heading = g_strdup (heading);
  entry.text = g_strdup (text);
  entry.css_class = css_class;
  g_array_append_val (info->sections, entry);
  g_hash_table_replace (info->texts, g_strdup (section),
                        heading != NULL ? g_strdup_printf ("%s %s", heading, text) : g_strdup (text));
}

/* The explanation of a row, as texts. */
static void
add_sections (WbCandidateItem *info)
{
  WbApiRankedMatch *match = info->match;
  g_autofree char *summary = summary_text (info->direction, match, info->name);
  g_autofree char *matched = requirements_text (match->matched, "matched");
  g_autofree char *gap = requirements_text (match->gap, "gap");
  g_autofree char *below = requirements_text (match->below_level, "below_level");
  g_autofree char *unknown = requirements_text (match->unknown, "unknown");
  g_autofree char *optional = requirements_text (match->optional_missing, "optional_missing");
  g_autofree char *distance = distance_text (match);
  g_autofree char *diagnosis = diagnosis_text (match);
  g_autoptr(GString) missing = g_string_new (NULL);

  add_section (info, "summary", NULL, summary, NULL);
  add_section (info, "matched", _("Matched:"), matched, NULL);
  add_section (info, "gap", _("Missing:"), gap, "wb-match-gap");
  add_section (info, "below_level", _("Below the level asked:"), below, "wb-match-gap");
  add_section (info, "unknown", _("Not known:"), unknown, "wb-match-unknown");
  add_section (info, "optional_missing", _("Optional, lacking:"), optional, NULL);
  add_section (info, "training", NULL, match->training_suggestion, "wb-warning-note");
  add_section (info, "distance", _("Distance:"), match->distance_km < 0 ? _("unknown") : distance, NULL);
  add_section (info, "diagnosis", NULL, diagnosis,
               match->diagnosis == WB_API_DIAGNOSIS_CURRENT ? NULL : "wb-match-unknown");

  for (guint i = 0; match->missing != NULL && i < match->missing->len; i++)
    {
      const WbApiMatchMissing *m = &g_array_index (match->missing, WbApiMatchMissing, i);
      const char *who = supplied_by_text (m->supplied_by);

      if (missing->len > 0)
        g_string_append (missing, " ");
      g_string_append (missing, m->text != NULL ? m->text : m->field);
      if (who != NULL)
        g_string_append_printf (missing, " (%s)", who);
    }
  add_section (info, "missing", _("Missing data:"), missing->len > 0 ? missing->str : NULL, "wb-match-unknown");

  /* Why the score is what it is: the server's explanation of each part, in its words. */
  for (guint i = 0; i < WB_MATCH_N_PARTS; i++)
    {
      const WbApiMatchPart *part = &match->parts[i];
      g_autofree char *points = wb_score_format_points (part->points);
      g_autofree char *weight = wb_score_format_points (part->weight);
      g_autofree char *part_heading = NULL;
      char section[32];

      if (part->explanation == NULL)
        continue;
      /* TRANSLATORS: a part of the score, its points and the most it could earn, before the server's explanation */
      part_heading = g_strdup_printf (_("%s (%s of %s):"), wb_match_part_label (i), points, weight);
      g_snprintf (section, sizeof section, "part:%s", wb_match_part_to_string (i));
      add_section (info, section, part_heading, part->explanation, NULL);
    }
}

/* The row's title and subtitle: the rank and the name (a pseudonym says it is one, seen and
 * heard), and what to flag. */
static void
add_title (WbCandidateItem *self)
{
  WbApiRankedMatch *match = self->match;
  g_autofree char *title = NULL;
  g_autofree char *distance = distance_text (match);
  g_autoptr(GPtrArray) flags = g_ptr_array_new_with_free_func (g_free);

  if (for_vacancy (self->direction) && match->pseudonymous)
    /* TRANSLATORS: a ranked candidate shown under their pseudonym: the rank and the pseudonym */
    title = g_strdup_printf (_("%u. %s (pseudonym)"), match->rank, self->name);
  else
    title = g_strdup_printf ("%u. %s", match->rank, self->name);
  g_hash_table_replace (self->texts, g_strdup ("title"), g_steal_pointer (&title));

  if (for_vacancy (self->direction) && match->organisation != NULL)
    g_ptr_array_add (flags, g_strdup (match->organisation));
  if (!for_vacancy (self->direction) && match->vacancy != NULL &&
      wb_record_get_string (match->vacancy, "closes_at") != NULL)
    {
      g_autofree char *closes = wb_format_iso_date (wb_record_get_string (match->vacancy, "closes_at"));

      /* TRANSLATORS: when a vacancy closes, a date */
      g_ptr_array_add (flags, g_strdup_printf (_("Closes %s"), closes));
    }
  g_ptr_array_add (flags, g_strdup (distance));
  if (match->diagnosis != WB_API_DIAGNOSIS_CURRENT)
    g_ptr_array_add (flags, diagnosis_text (match));
  if (match->near_miss)
    g_ptr_array_add (flags, g_strdup (_("Near miss: training closes the gap")));
  if (match->unknown != NULL && match->unknown->len > 0)
    g_ptr_array_add (flags, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u requirement not known",
                                                          "%u requirements not known", match->unknown->len),
                                             match->unknown->len));
  g_ptr_array_add (flags, NULL);
  g_hash_table_replace (self->texts, g_strdup ("subtitle"), g_strjoinv (" · ", (char **) flags->pdata));
}

/* The explanation's widgets */

static GtkWidget *
section_label (const Section *section)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  if (section->heading != NULL)
    {
      /* The heading in bold: the list it names, then what is in it. */
      g_autofree char *escaped_heading = g_markup_escape_text (section->heading, -1);
      g_autofree char *escaped_text = g_markup_escape_text (section->text, -1);
      g_autofree char *markup = g_strdup_printf ("<b>%s</b> %s", escaped_heading, escaped_text);

      gtk_label_set_markup (GTK_LABEL (label), markup);
    }
  else
    gtk_label_set_text (GTK_LABEL (label), section->text);
  if (section->css_class != NULL)
    gtk_widget_add_css_class (label, section->css_class);
  return label;
}

/* GObject */

static void
wb_candidate_item_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  WbCandidateItem *self = WB_CANDIDATE_ITEM (object);

  switch (prop_id)
    {
    case PROP_EXPANDED:
      g_value_set_boolean (value, self->expanded);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wb_candidate_item_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  WbCandidateItem *self = WB_CANDIDATE_ITEM (object);

  switch (prop_id)
    {
    case PROP_EXPANDED:
      wb_candidate_item_set_expanded (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wb_candidate_item_dispose (GObject *object)
{
  WbCandidateItem *self = WB_CANDIDATE_ITEM (object);

  /* The row that showed it holds a reference to the item while the explanation is its
   * child: here the explanation has no parent any more. */
  self->detail_bar = NULL;
  g_clear_object (&self->detail);
  G_OBJECT_CLASS (wb_candidate_item_parent_class)->dispose (object);
}

static void
wb_candidate_item_finalize (GObject *object)
{
  WbCandidateItem *self = WB_CANDIDATE_ITEM (object);

  g_hash_table_unref (self->texts);
  for (guint i = 0; i < self->sections->len; i++)
    {
      Section *section = &g_array_index (self->sections, Section, i);

      g_free (section->section);
      g_free (section->heading);
      g_free (section->text);
    }
  g_array_unref (self->sections);
  g_clear_pointer (&self->match, wb_api_ranked_match_unref);
  g_free (self->name);
  G_OBJECT_CLASS (wb_candidate_item_parent_class)->finalize (object);
}

static void
wb_candidate_item_class_init (WbCandidateItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = wb_candidate_item_get_property;
  object_class->set_property = wb_candidate_item_set_property;
  object_class->dispose = wb_candidate_item_dispose;
  object_class->finalize = wb_candidate_item_finalize;

  properties[PROP_EXPANDED] = g_param_spec_boolean ("expanded", NULL, NULL, FALSE,
                                                    G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                                                    G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
wb_candidate_item_init (WbCandidateItem *self)
{
  self->texts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->sections = g_array_new (FALSE, FALSE, sizeof (Section));
}

/* Public API */

WbCandidateItem *
wb_candidate_item_new (WbApiRankedMatch *match,
                       WbMatchDirection  direction)
{
  WbCandidateItem *self;

  g_return_val_if_fail (match != NULL, NULL);

  self = g_object_new (WB_TYPE_CANDIDATE_ITEM, NULL);
  self->direction = direction;
  self->match = wb_api_ranked_match_ref (match);
  self->name = subject_name (direction, match);
  add_title (self);
  add_sections (self);
  return self;
}

WbApiRankedMatch *
wb_candidate_item_get_match (WbCandidateItem *self)
{
  g_return_val_if_fail (WB_IS_CANDIDATE_ITEM (self), NULL);
  return self->match;
}

gint64
wb_candidate_item_get_id (WbCandidateItem *self)
{
  g_return_val_if_fail (WB_IS_CANDIDATE_ITEM (self), 0);
  return for_vacancy (self->direction) ? self->match->client_id : self->match->vacancy_id;
}

const char *
wb_candidate_item_get_name (WbCandidateItem *self)
{
  g_return_val_if_fail (WB_IS_CANDIDATE_ITEM (self), NULL);
  return self->name;
}

const char *
wb_candidate_item_get_text (WbCandidateItem *self,
                            const char      *section)
{
  g_return_val_if_fail (WB_IS_CANDIDATE_ITEM (self), NULL);
  g_return_val_if_fail (section != NULL, NULL);
  return g_hash_table_lookup (self->texts, section);
}

gboolean
wb_candidate_item_get_expanded (WbCandidateItem *self)
{
  g_return_val_if_fail (WB_IS_CANDIDATE_ITEM (self), FALSE);
  return self->expanded;
}

void
wb_candidate_item_set_expanded (WbCandidateItem *self,
                                gboolean         expanded)
{
  g_return_if_fail (WB_IS_CANDIDATE_ITEM (self));

  expanded = !!expanded;
  if (self->expanded == expanded)
    return;
  self->expanded = expanded;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EXPANDED]);
}

GtkWidget *
wb_candidate_item_ensure_detail (WbCandidateItem *self)
{
  GtkWidget *box, *bar;
  g_autofree char *bar_name = NULL;
  gboolean why = FALSE;

  g_return_val_if_fail (WB_IS_CANDIDATE_ITEM (self), NULL);

  if (self->detail != NULL)
    return self->detail;

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);

  /* The score and its parts. */
  bar = GTK_WIDGET (wb_score_bar_new ());
  wb_score_bar_set_show_legend (WB_SCORE_BAR (bar), TRUE);
  wb_score_bar_set_match (WB_SCORE_BAR (bar), self->match);
  /* TRANSLATORS: the spoken name of the score bar in a ranked item's explanation */
  bar_name = g_strdup_printf (_("Score of %s"), self->name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (bar), GTK_ACCESSIBLE_PROPERTY_LABEL, bar_name, -1);
  gtk_box_append (GTK_BOX (box), bar);
  self->detail_bar = WB_SCORE_BAR (bar);

  for (guint i = 0; i < self->sections->len; i++)
    {
      const Section *section = &g_array_index (self->sections, Section, i);

      if (!why && g_str_has_prefix (section->section, "part:"))
        {
          GtkWidget *heading = gtk_label_new (_("Why this score"));

          gtk_widget_add_css_class (heading, "heading");
          gtk_label_set_xalign (GTK_LABEL (heading), 0);
          gtk_accessible_update_property (GTK_ACCESSIBLE (heading), GTK_ACCESSIBLE_PROPERTY_LEVEL, 4, -1);
          gtk_box_append (GTK_BOX (box), heading);
          why = TRUE;
        }
      gtk_box_append (GTK_BOX (box), section_label (section));
    }

  /* A row of its own, so that the expander row holds it as it is and gives it back whole. */
  self->detail = gtk_list_box_row_new ();
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (self->detail), FALSE);
  gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (self->detail), FALSE);
  gtk_widget_set_focusable (self->detail, FALSE);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (self->detail), box);
  g_object_ref_sink (self->detail);
  return self->detail;
}

WbScoreBar *
wb_candidate_item_get_detail_bar (WbCandidateItem *self)
{
  g_return_val_if_fail (WB_IS_CANDIDATE_ITEM (self), NULL);
  wb_candidate_item_ensure_detail (self);
  return self->detail_bar;
}
