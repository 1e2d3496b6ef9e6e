#!/usr/bin/env python3
# Copyright 2026 The Werkbrug authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes docs/openapi.json, the API's OpenAPI 3.1 contract.

    build-aux/openapi.py _build/src/server/werkbrug-server > docs/openapi.json

What the code knows, it says: the routes and every record's fields come from
`werkbrug-server describe`, so that a route or a field cannot be left out. What the code
does not know is written here: the shapes of the answers that are not plain records (the
rankings, the account list, the review queue, ...), which tests/openapi/test-openapi.py
checks against real answers of a running server. The summary of each operation and the
example of each request body come from docs/api.md and docs/accounts-api.md, where the
people who read the API read them.
"""

import json
import os
import re
import subprocess
import sys

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# ---------------------------------------------------------------------------
# Small helpers to write schemas briefly

STR = {"type": "string"}
INT = {"type": "integer"}
NUM = {"type": "number"}
BOOL = {"type": "boolean"}
DATE = {"type": "string", "format": "date"}
TIME = {"type": "string", "format": "date-time"}
ID = {"type": "integer", "minimum": 1}
ANY = {}


def null(schema):
    """@schema or null."""
    if "$ref" in schema or "enum" in schema or "type" not in schema:
        return {"anyOf": [schema, {"type": "null"}]}
    out = dict(schema)
    out["type"] = [schema["type"], "null"]
    return out


def arr(items):
    return {"type": "array", "items": items}


def ref(name):
    return {"$ref": "#/components/schemas/" + name}


def obj(properties, optional=(), open_=False, description=None):
    """An object of @properties, all required but the @optional ones; no other members
    unless @open_."""
    out = {"type": "object", "properties": properties,
           "required": [k for k in properties if k not in optional]}
    if not open_:
        out["additionalProperties"] = False
    if description:
        out["description"] = description
    return out


def page_of(item):
    return obj({"items": arr(item), "total": INT, "page": INT, "per_page": INT})


# ---------------------------------------------------------------------------
# Records, from `werkbrug-server describe`

FIELD_TYPES = {
    "string": STR,
    "int": INT,
    "real": NUM,
    "bool": BOOL,
    "date": DATE,
    "ref": ID,
    "bsn": {"type": "string", "pattern": "^[0-9]{9}$", "description": "citizen service number (eleven-test)"},
    "kvk": {"type": "string", "pattern": "^[0-9]{8}$", "description": "chamber of commerce number"},
    "pc4": {"type": "string", "pattern": "^[1-9][0-9]{3}$", "description": "four-digit postcode area"},
    "postcode": {"type": "string", "pattern": "^[1-9][0-9]{3} ?[A-Za-z]{2}$"},
    "phone": STR,
    "email": {"type": "string", "format": "email"},
    "strv": arr(STR),
    "json": ANY,
}

# What the server adds to a record beyond its fields (the organisation's municipalities, a
# client's pseudonymous view, a vacancy's competences, ...): one place, checked by the test.
COMPETENCE_OF_CLIENT = obj({"competence_id": ID, "label": STR, "level": {"type": "integer", "minimum": 1, "maximum": 5},
                            "evidence": null(STR)}, optional=("evidence",))
COMPETENCE_OF_VACANCY = obj({"competence_id": ID, "label": STR, "level": {"type": "integer", "minimum": 1, "maximum": 5},
                             "essential": BOOL})
RECORD_EXTRAS = {
    "organisations": {"municipality_ids": arr(ID)},
    "users": {"organisation": ref("Organisation"),
              "password_must_change": {"type": "boolean", "description": "in the sign-in answer only: the user "
                                       "signed in with a one-time password and chooses their own next "
                                       "(POST /api/v1/me/password)"}},
    "clients": {
        "pseudonym": STR, "age_band": STR, "capacity_band": STR,
        "pseudonymous": {"type": "boolean", "description": "true: the caller reads the pseudonymous profile only"},
        "competences": arr(COMPETENCE_OF_CLIENT),
        "sector_preferences": arr(STR),
        "work_experience": arr(obj({}, open_=True)),
        "organisation": STR,
        "referral": null(obj({}, open_=True)),
    },
    "diagnoses": {"competences": arr(COMPETENCE_OF_CLIENT)},
    "vacancies": {"competences": arr(COMPETENCE_OF_VACANCY), "employer": STR, "region": STR, "municipality_id": ID,
                  "positions_filled": INT, "positions_open": INT, "organisation": STR},
    "matches": {"client": obj({}, open_=True), "vacancy": obj({}, open_=True)},
    "occupations": {"competences": arr(obj({"competence_id": ID, "label": STR, "essential": BOOL}, open_=True))},
    "events": {"author_name": STR, "organisation": STR},
    "audit": {"user_name": STR},
}


# What a POST or PATCH takes beyond a record's fields: written with the record, not a field of it.
WRITE_EXTRAS = {
    "users": {"password": {"type": "string", "minLength": 12, "writeOnly": True,
                           "description": "the first password; stored as an Argon2id hash only"}},
    "clients": {"sector_preferences": arr(STR),
                "work_experience": arr(obj({"occupation_id": ID}, open_=True))},
    "diagnoses": {"competences": arr(obj({"competence_id": ID, "level": {"type": "integer", "minimum": 1,
                                                                             "maximum": 5},
                                          "evidence": STR}, optional=("evidence",)))},
    "vacancies": {"competences": arr(obj({"competence_id": ID, "level": {"type": "integer", "minimum": 1,
                                                                             "maximum": 5},
                                          "essential": BOOL}, optional=("essential",)))},
}


def camel(name):
    singular = {"organisations": "Organisation", "municipalities": "Municipality", "users": "User",
                "clients": "Client", "events": "Event", "diagnoses": "Diagnosis", "employers": "Employer",
                "contacts": "Contact", "contact-log": "ContactLogEntry", "vacancies": "Vacancy",
                "matches": "Match", "competences": "Competence", "occupations": "Occupation",
                "targets": "Target", "action-points": "ActionPoint", "audit": "AuditEntry"}
    return singular[name]


def field_schema(field):
    if field["type"] == "enum":
        schema = {"type": "string", "enum": field["values"]}
    else:
        schema = dict(FIELD_TYPES[field["type"]])
    if "max" in field and field["type"] in ("int", "real"):
        schema["minimum"] = field["min"]
        schema["maximum"] = field["max"]
    if field["type"] == "ref":
        schema["description"] = "id of a row of " + field["ref_table"]
    if "readonly" in field["flags"]:
        schema["readOnly"] = True
    return schema


def record_schemas(resource):
    """The record as read, the body of a POST and of a PATCH."""
    name = camel(resource["name"])
    fields = [f for f in resource["fields"] if "secret" not in f["flags"]]
    read = {"id": ID, "created_at": TIME}
    if resource["versioned"]:
        read["version"] = {"type": "integer", "minimum": 1}
        read["updated_at"] = TIME
    create, patch, required = {}, {}, []
    for f in fields:
        # A value is null where it is not known yet, also for a field that may not be cleared.
        read[f["name"]] = null(field_schema(f))
        if "readonly" in f["flags"]:
            continue
        writable = field_schema(f)
        if "nullable" in f["flags"]:
            writable = null(writable)
        create[f["name"]] = writable
        if "required" in f["flags"]:
            required.append(f["name"])
        if "immutable" not in f["flags"]:
            patch[f["name"]] = writable
    for extra, schema in RECORD_EXTRAS.get(resource["name"], {}).items():
        read[extra] = schema
    for extra, schema in WRITE_EXTRAS.get(resource["name"], {}).items():
        create[extra] = schema
        if extra != "password":
            patch[extra] = schema
    return {
        name: {"type": "object", "properties": read, "required": ["id"], "additionalProperties": False,
               "description": "A record of " + resource["name"] + " as read. Identity and health fields are "
               "left out where the caller reads a pseudonymous profile."},
        name + "Create": {"type": "object", "properties": create, "required": required,
                          "additionalProperties": False},
        name + "Patch": {"type": "object", "properties": patch, "minProperties": 1,
                         "additionalProperties": False},
    }


# ---------------------------------------------------------------------------
# The answers that are not plain records

WEIGHTS = obj({k: {"type": "number", "minimum": 0, "maximum": 1}
               for k in ("competences", "education", "travel", "hours", "capacity", "sector", "readiness")})
PART = obj({"score": NUM, "weight": NUM, "points": NUM, "known": BOOL, "explanation": STR})
REQUIREMENT = obj({"competence_id": ID, "label": STR, "required_level": null(INT), "level": null(INT),
                   "essential": BOOL, "reason": STR, "source": STR},
                  optional=("reason", "required_level", "level", "essential", "source"))
RANKED = obj({
    "rank": INT, "score": {"type": "number", "minimum": 0, "maximum": 1},
    "vacancy_id": ID, "client_id": ID, "organisation_id": ID, "organisation": STR,
    "vacancy_organisation_id": ID,
    "parts": obj({k: PART for k in ("competences", "education", "travel", "hours", "capacity", "sector", "readiness")}),
    "competences": obj({"essential": INT, "essential_missing": INT, "optional": INT, "optional_present": INT}),
    "matched": arr(REQUIREMENT), "gap": arr(REQUIREMENT), "below_level": arr(REQUIREMENT),
    "optional_missing": arr(REQUIREMENT), "unknown": arr(REQUIREMENT), "inferred": arr(REQUIREMENT),
    "missing": arr(obj({"field": STR, "supplied_by": STR, "text": STR},
                       description="what is not known and who can supply it")),
    "diagnosis": obj({"state": {"type": "string", "enum": ["current", "stale", "missing"]},
                      "date": null(DATE), "age_months": null(INT)}),
    "stale_diagnosis": BOOL, "near_miss": BOOL, "training_suggestion": null(STR),
    "wage_cost_subsidy_route": BOOL, "wage_cost_subsidy_offered": BOOL,
    "capacity_band": null(STR), "pseudonymous": BOOL,
    "distance_km": null(NUM), "weights": WEIGHTS,
    "client": ref("Client"), "vacancy": ref("Vacancy"),
}, optional=("client", "vacancy", "organisation", "vacancy_organisation_id"),
   description="One candidate (or vacancy) of a ranking with the reasons for its place")
RANKING_CONTROLS = {"limit": INT, "max_km": null(NUM), "org": null(ID), "near_misses": BOOL, "pool": BOOL,
                    "considered": INT, "weights": ref("MatchWeights"), "items": arr(ref("RankedMatch"))}
PERIOD = {"type": "string", "pattern": "^[0-9]{4}(-Q[1-4]|-(0[1-9]|1[0-2]))?$",
          "description": "a year 2025, a quarter 2025-Q3 or a month 2025-07"}
ACCOUNT = obj({
    "id": ID, "name": STR, "kvk": null(STR), "sector": null(STR), "employee_count": null(INT), "pc4": null(STR),
    "municipality_id": null(ID), "municipality": null(STR), "owner_id": null(ID), "owner_name": null(STR),
    "owner_organisation": null(STR), "owner_type": null(STR), "expected_owner_type": null(STR),
    "status": STR, "status_label": STR, "dormant": BOOL, "last_contact": null(DATE), "open_vacancies": INT,
    "exception_reason": null(STR), "exception_approved_by": null(ID), "exception_approved_by_name": null(STR),
    "exception_approved_at": null(STR), "active": BOOL, "region": null(STR),
    "employer_id": ID, "reason": null(STR), "explanation": STR,
}, optional=("region", "employer_id", "reason", "explanation"),
   description="An employer account with its owner and what the <25 / ≥25 rule says of it")

EMPLOYER_BRIEF = obj({
    "id": ID, "name": STR, "kvk": null(STR), "employee_count": null(INT), "pc4": null(STR),
    "municipality": null(STR), "owner_id": null(ID), "owner_name": null(STR), "owner_organisation": null(STR),
    "active": BOOL, "last_contact": null(DATE), "municipality_id": null(ID), "region": null(STR),
    "exception_reason": null(STR), "exception_approved_by": null(ID),
}, description="The employer of a review or a reported arrangement, with its owner")

HISTORY = obj({
    "id": ID, "employer_id": ID, "kind": STR, "at": STR, "quarter": STR, "user_id": null(ID),
    "user_name": null(STR), "organisation_id": null(ID), "organisation": null(STR), "change": null(STR),
    "text": null(STR), "from_user_id": null(ID), "from_user_name": null(STR), "to_user_id": null(ID),
    "to_user_name": null(STR), "briefing": null(STR), "notified": INT,
}, description="One change of an employer account: owner, size, exception, arrangement, handover")

SPECIAL_SCHEMAS = {
    "Problem": obj({
        "type": STR, "title": STR, "status": {"type": "integer", "minimum": 400, "maximum": 599},
        "detail": STR, "errors": arr(ref("FieldError")),
    }, optional=("detail", "errors"), description="RFC 9457 problem details"),
    "FieldError": obj({"field": STR, "message": STR}),
    "Session": obj({"token": {"type": "string", "pattern": "^[0-9a-f]{64}$"}, "expires_at": TIME,
                    "user": ref("User")}),
    "SignIn": obj({"username": {"type": "string", "minLength": 1}, "password": {"type": "string", "minLength": 1}}),
    "MatchWeights": obj({"region": STR, "version": INT, "default": BOOL, "weights": WEIGHTS}),
    "MatchWeightsPatch": obj({"weights": {"type": "object", "minProperties": 1, "additionalProperties": False,
                                          "properties": WEIGHTS["properties"]}}),
    "RankedMatch": RANKED,
    "CandidateRanking": obj(dict(RANKING_CONTROLS, vacancy_id=ID, vacancy=ref("Vacancy"))),
    "VacancyRanking": obj(dict(RANKING_CONTROLS, client_id=ID, client=ref("Client")),
                          optional=("client",)),
    "Alert": obj({"id": ID, "user_id": ID,
                  "kind": {"type": "string", "enum": ["vacancy_for_client", "client_for_vacancy"]},
                  "vacancy_id": null(ID), "client_id": null(ID),
                  "threshold": {"type": "number", "minimum": 0, "maximum": 1}},
                 optional=("vacancy_id", "client_id", "user_id")),
    "AlertCreate": obj({"kind": {"type": "string", "enum": ["vacancy_for_client", "client_for_vacancy"]},
                        "vacancy_id": ID, "client_id": ID,
                        "threshold": {"type": "number", "minimum": 0, "maximum": 1}},
                       optional=("vacancy_id", "client_id")),
    "Account": ACCOUNT,
    "Review": obj({"id": ID, "kind": STR, "reason": STR, "status": STR, "decision": null(STR),
                   "decision_reason": null(STR), "decided_by": null(ID), "decided_by_name": null(STR),
                   "decided_at": null(STR), "version": INT, "created_at": TIME, "updated_at": TIME,
                   "employer": EMPLOYER_BRIEF, "related_employer": null(EMPLOYER_BRIEF),
                   "suggested_action": null(STR)}),
    "ReviewDecision": obj({"action": STR, "reason": STR, "owner_id": ID},
                          optional=("reason", "owner_id"), open_=True),
    "Handover": obj({
        "user": obj({"id": ID, "display_name": STR, "role": STR, "organisation": STR, "active": BOOL,
                     "left_at": null(STR)}),
        "accounts": arr(obj({
            "employer": ref("Account"),
            "successors": arr(obj({"id": ID, "display_name": STR, "organisation": STR, "fit": STR,
                                   "accounts": INT})),
            "successor_id": null(ID),
            "briefing": obj({
                "last_contacts": arr(obj({"date": DATE, "kind": STR, "user_name": null(STR),
                                          "organisation": null(STR), "note": null(STR)})),
                "open_vacancies": arr(obj({"id": ID, "title": STR, "positions": INT, "opened_at": null(DATE)})),
                "matches_in_progress": arr(obj({"vacancy_id": ID, "vacancy_title": STR, "state": STR,
                                                "count": INT})),
                "exception": null(obj({"reason": STR, "approved_by": null(ID), "approved_by_name": null(STR),
                                       "approved_at": null(STR)})),
                "contacts": INT}),
            "briefing_summary": STR}))},
        description="An account manager's accounts with the successors the <25 / ≥25 rule proposes and a "
                    "briefing per account"),
    "HandoverRequest": obj({"reason": STR, "assignments": arr(obj({}, open_=True))}, open_=True),
    "Notification": obj({"id": ID, "kind": STR, "title": STR, "body": null(STR), "resource": null(STR),
                         "resource_id": null(ID), "read_at": null(STR), "created_at": TIME},
                        optional=("body", "resource", "resource_id")),
    "HistoryEntry": HISTORY,
    "Arrangement": obj(dict(HISTORY["properties"], employer=EMPLOYER_BRIEF)),
    "ImportReport": obj({"read": INT, "imported": INT, "merged": INT, "refused": INT,
                         "rows": arr(obj({"line": INT, "outcome": {"type": "string", "enum": ["merged", "refused"]},
                                          "kvk": null(STR), "name": null(STR), "employer_id": null(ID),
                                          "message": STR}, optional=("employer_id", "kvk", "name")))}),
    "AnyPage": page_of(obj({}, open_=True)),
    "MonitorPoint": obj({"period": PERIOD, "value": null(NUM), "suppressed": BOOL,
                         "reason": null({"type": "string", "enum": ["small", "complement", "not_yet_known",
                                                                    "undefined", "no_data"]}),
                         "status": {"type": "string", "enum": ["final", "provisional"]}},
                        description="One period's figure: null with its reason when hidden or not known"),
    "MonitorSeries": obj({"key": STR, "name": STR, "by": null(STR), "opportunity": BOOL,
                          "points": arr(ref("MonitorPoint")),
                          "targets": arr(obj({"period": PERIOD, "value": NUM, "id": ID}))},
                         optional=("by", "opportunity")),
    "Monitor": obj({"metric": STR, "level": STR, "period": STR, "from": PERIOD, "to": PERIOD,
                    "by": null(STR), "client_group": null(STR), "capacity_band": null(STR), "unit": STR,
                    "series": arr(ref("MonitorSeries")), "definition": STR, "source": STR,
                    "as_of": null(DATE), "generated_at": null(TIME)},
                   description="One metric of the labour-market monitor as series of aggregates"),
    "PasswordReset": obj({"user_id": ID, "username": STR,
                          "one_time_password": {"type": "string", "pattern": "^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$"}}),
    "AuditTrailRow": obj({"id": ID, "at": TIME, "user_id": null(ID), "user_name": null(STR), "username": null(STR),
                          "organisation_id": null(ID), "organisation": null(STR), "action": STR, "resource": STR,
                          "resource_id": null(ID), "reason": null(STR)}),
    "PasswordChange": obj({"current_password": STR, "new_password": {"type": "string", "minLength": 10}},
                          optional=("current_password",)),
    "Change": obj({"seq": INT, "resource": STR, "id": ID,
                   "kind": {"type": "string", "enum": ["created", "changed", "deleted"]},
                   "version": INT, "parent": obj({"resource": STR, "id": ID})},
                  optional=("version", "parent"),
                  description="A record that changed: never its contents"),
    "ChangePage": obj({"items": arr(ref("Change")), "seq": INT, "reset": BOOL, "more": BOOL}),
}

# Per special route: (request body schema or None, success status, response schema or None,
# extra parameters). Records are generated below.
P = lambda name, desc, schema=STR, where="query": {"name": name, "in": where, "required": where == "path",
                                                    "description": desc, "schema": schema}
RANKING_PARAMS = [
    P("limit", "how many to rank (default 50, at most 500)", {"type": "integer", "minimum": 1, "maximum": 500}),
    P("max_km", "leave out what is farther away than this (off by default: distance only lowers a score)",
      {"type": "number", "minimum": 0}),
    P("org", "only candidates of this organisation", ID),
    P("near_misses", "only those who lack one or two essential competences", BOOL),
    P("pool", "only the work-ready pool", BOOL),
]
MONITOR_PARAMS = [
    dict(P("metric", "the figure: see docs/monitor.md", {"type": "string", "enum": [
        "inflow", "outflow", "to_work", "placements", "activated", "referrals", "returns", "durable_6m",
        "durable_12m", "caseload", "pool", "vacancies_open", "vacancies_filled", "tension", "benefit_saved",
        "cbs_recipients", "cbs_to_work"]}), required=True),
    P("level", "the areas (default region)",
      {"type": "string", "enum": ["municipality", "organisation", "subregion", "region"]}),
    P("period", "the kind of period (default year)", {"type": "string", "enum": ["month", "quarter", "year"]}),
    P("from", "the first period (default: five years up to as_of)", PERIOD),
    P("to", "the last period; at most ten years after from", PERIOD),
    P("key", "one area of the level: a CBS code, an organisation's code or a (sub)region's name"),
    P("by", "a split the metric offers", {"type": "string", "enum": [
        "outflow_type", "reason", "phase", "track", "client_group", "capacity_band", "age_band", "sector"]}),
    P("client_group", "only clients of this group"),
    P("capacity_band", "only clients of this work capacity band",
      {"type": "string", "enum": ["<30", "30-80", "80-100"]}),
    P("as_of", "the reference date (default: the latest event)", DATE),
]
SPECIAL = {
    "GET /api/v1/monitor": (None, "200", ref("Monitor"), MONITOR_PARAMS),
    "POST /api/v1/session": (ref("SignIn"), "201", ref("Session"), []),
    "DELETE /api/v1/session": (None, "204", None, []),
    "DELETE /api/v1/sessions": (None, "204", None, []),
    "GET /api/v1/me": (None, "200", ref("User"), []),
    "GET /api/v1/vacancies/{id}/matches": (None, "200", ref("CandidateRanking"), RANKING_PARAMS),
    "GET /api/v1/clients/{id}/matches": (None, "200", ref("VacancyRanking"), RANKING_PARAMS),
    "GET /api/v1/match-weights/{region}": (None, "200", ref("MatchWeights"), []),
    "PATCH /api/v1/match-weights/{region}": (ref("MatchWeightsPatch"), "200", ref("MatchWeights"), []),
    "GET /api/v1/alerts": (None, "200", obj({"items": arr(ref("Alert")), "total": INT}), []),
    "POST /api/v1/alerts": (ref("AlertCreate"), "201", ref("Alert"), []),
    "DELETE /api/v1/alerts/{id}": (None, "204", None, []),
    "POST /api/v1/employers/import": ("text/csv", "200", ref("ImportReport"), []),
    "GET /api/v1/employers/{id}/rule": (None, "200", ref("Account"), []),
    "GET /api/v1/employers/{id}/history": (None, "200", page_of(ref("HistoryEntry")), []),
    "GET /api/v1/arrangements": (None, "200", page_of(ref("Arrangement")), []),
    "GET /api/v1/users/{id}/handover": (None, "200", ref("Handover"), []),
    "POST /api/v1/users/{id}/handover": (ref("HandoverRequest"), "200", obj({}, open_=True), []),
    "GET /api/v1/accounts": (None, "200", page_of(ref("Account")), [{"$ref": "#/components/parameters/ids"}]),
    "GET /api/v1/accounts/export.csv": (None, "200", "text/csv", []),
    "GET /api/v1/reviews": (None, "200", page_of(ref("Review")), [{"$ref": "#/components/parameters/ids"}]),
    "GET /api/v1/reviews/{id}": (None, "200", ref("Review"), []),
    "POST /api/v1/reviews/{id}/decision": (ref("ReviewDecision"), "200", ref("Review"), []),
    "GET /api/v1/notifications": (None, "200", page_of(ref("Notification")), []),
    "POST /api/v1/notifications/{id}/read": (None, "200", ref("Notification"), []),
    "POST /api/v1/users/{id}/password-reset": (None, "200", ref("PasswordReset"), []),
    "POST /api/v1/me/password": (ref("PasswordChange"), "204", None, []),
    "GET /api/v1/audit/trail": (None, "200", page_of(ref("AuditTrailRow")), [
        P("client_id", "rows about this client", ID), P("user_id", "rows of what this user did", ID),
        P("organisation_id", "rows of this organisation's users", ID),
        P("from", "the first day", DATE), P("to", "the last day (included)", DATE),
        {"$ref": "#/components/parameters/audit_reads"},
        P("page", "from 1", {"type": "integer", "minimum": 1}),
        P("per_page", "1 to 1000 (50)", {"type": "integer", "minimum": 1, "maximum": 1000})]),
    "GET /api/v1/changes": (None, "200", ref("ChangePage"), [
        P("since", "the seq of the last change seen; also sent as the Last-Event-ID header",
          {"type": "integer", "minimum": 0}),
        {"name": "Last-Event-ID", "in": "header", "required": False,
         "description": "an EventSource's last event id, as since", "schema": {"type": "string"}}]),
}

# The routes that answer with server-sent events when asked for text/event-stream.
EVENT_STREAMS = {
    "GET /api/v1/changes": "With Accept: text/event-stream: event ready, then one event change per "
                           "change (data: a Change, id: its seq), heartbeats, reset and session-ended",
}

# The writes that are not a PATCH but guard a version all the same.
IF_MATCH = {"POST /api/v1/reviews/{id}/decision"}

# Where the section of docs/api.md does not start with a sentence that says it.
SUMMARIES = {
    "DELETE /api/v1/alerts/{id}": "Deletes an alert of the caller's",
}

PROBLEMS = {
    "400": "The request is not valid: the problem's `errors` name each field or parameter",
    "401": "No token, an expired one, or wrong credentials",
    "403": "The policy denies it",
    "404": "No such record",
    "405": "The resource does not have this method (see `Allow`)",
    "409": "A duplicate, or a workflow step that is not possible",
    "412": "`If-Match` names an older version: read again, re-apply, send again",
    "413": "A body over 1 MiB (the connection is closed)",
    "415": "A body that is not sent as JSON",
    "428": "A PATCH without `If-Match`",
    "429": "Too many failed sign-ins: wait the seconds of `Retry-After`",
    "503": "The database is busy or the server is stopping: try again in a moment",
}


# ---------------------------------------------------------------------------
# docs/api.md: summaries and examples

def parse_payload(payload):
    """The body of an example: JSON, or the text of a file (a CSV), or None."""
    if not payload:
        return None
    try:
        return json.loads(payload)
    except ValueError:
        return None if payload.startswith("{") else payload + "\n"


def read_docs():
    """{"METHOD /path": {"summary", "description", "request", "response", "status"}} from the
    sections of the API pages."""
    out = {}
    for page in ("docs/api.md", "docs/accounts-api.md"):
        text = open(os.path.join(TOP, page), encoding="utf-8").read()
        sections = re.split(r"^### ", text, flags=re.M)[1:]
        for section in sections:
            heading, _, body = section.partition("\n")
            m = re.match(r"(GET|POST|PATCH|DELETE) (/api/v1/\S+)", heading)
            if not m:
                continue
            key = m.group(1) + " " + m.group(2)
            paragraphs = [p.strip() for p in re.split(r"\n\s*\n", body) if p.strip()]
            prose = [p for p in paragraphs if not p.startswith(("```", "|", "Request:", "Response:"))]
            entry = out.setdefault(key, {})
            if prose and "summary" not in entry:
                first = re.sub(r"\s+", " ", prose[0])
                entry["summary"] = first.split(". ")[0].rstrip(".")[:120]
                entry["description"] = "\n\n".join(prose[:3]) + "\n\nSee " + page + "."
            # The examples: of each request, the one the section shows succeeding, else the first.
            blocks = re.findall(r"(Request|Response):\s*\n\s*```http\n(.*?)```", body, flags=re.S)
            pairs = []
            for kind, block in blocks:
                head, _, payload = block.partition("\n\n")
                payload = payload.strip()
                if kind == "Request":
                    pairs.append({"request": parse_payload(payload)})
                elif pairs:
                    status = re.search(r"HTTP/1\.1 (\d{3})", head)
                    pairs[-1]["status"] = status.group(1) if status else None
                    pairs[-1]["response"] = parse_payload(payload)
            good = [p for p in pairs if (p.get("status") or "").startswith("2")]
            for p in good[:1] or pairs[:1]:
                if p["request"] is not None and "request" not in entry:
                    entry["request"] = p["request"]
                if p.get("response") is not None and "response" not in entry:
                    entry["response"] = p["response"]
                    entry["response_status"] = p.get("status")
    return out


# ---------------------------------------------------------------------------
# The document

def problem_response(code):
    return {"$ref": "#/components/responses/Problem" + code}


def path_parameters(path):
    params = []
    for name in re.findall(r"\{([a-z_]+)\}", path):
        if name == "region":
            params.append(P("region", "a subregion: Parkstad, Westelijke Mijnstreek or Maastricht-Heuvelland",
                            STR, "path"))
        else:
            params.append(P(name, "the record's id", ID, "path"))
    return params


def list_parameters(resource):
    fields = [f for f in resource["fields"] if "secret" not in f["flags"]]
    params = [{"$ref": "#/components/parameters/page"}, {"$ref": "#/components/parameters/per_page"},
              {"$ref": "#/components/parameters/ids"}]
    if any("search" in f["flags"] for f in fields):
        params.append(P("q", "searches " + ", ".join(f["name"] for f in fields if "search" in f["flags"])
                        + "; `%` and `_` are literal"))
    sorts = [f["name"] for f in fields if "sort" in f["flags"]]
    if sorts:
        params.append(P("sort", "a field to sort on, `-` first for descending",
                        {"type": "string", "enum": sorts + ["-" + s for s in sorts]}))
    for f in fields:
        if "filter" in f["flags"]:
            params.append(P(f["name"], "only the records with this value (`null` for empty)",
                            {"type": "string"}))
    if resource["name"] == "audit":
        params.append({"$ref": "#/components/parameters/audit_reads"})
    return params


def operation(method, path, docs, request, status, response, params, resource=None):
    key = method + " " + path
    doc = docs.get(key, {})
    op = {
        "operationId": re.sub(r"[^A-Za-z0-9]+", "_", method.lower() + path[len("/api/v1"):]).strip("_"),
        "summary": SUMMARIES.get(key, doc.get("summary", key)),
        "tags": [path.split("/")[3]],
    }
    if "description" in doc:
        op["description"] = doc["description"]
    all_params = path_parameters(path) + params
    if (method == "PATCH" and (resource is None or resource.get("versioned"))) or key in IF_MATCH:
        all_params.append({"$ref": "#/components/parameters/If-Match"})
    if method == "GET" and path.startswith("/api/v1/clients"):
        all_params.append({"$ref": "#/components/parameters/X-Werkbrug-Reason"})
    if all_params:
        op["parameters"] = all_params
    if request == "text/csv":
        op["requestBody"] = {"required": True, "content": {"text/csv": {
            "schema": STR, "example": doc.get("request")}}}
    elif request is not None:
        media = {"schema": request}
        if "request" in doc:
            media["example"] = doc["request"]
        op["requestBody"] = {"required": True, "content": {"application/json": media}}
    responses = {}
    if response == "text/csv":
        responses[status] = {"description": "The list as CSV for Dutch Excel (semicolons, UTF-8 with BOM)",
                             "content": {"text/csv": {"schema": STR}}}
    elif response is None:
        responses[status] = {"description": "Done; no body"}
    else:
        media = {"schema": response}
        if "response" in doc and doc.get("response_status", status) == status:
            media["example"] = doc["response"]
        responses[status] = {"description": "Success", "content": {"application/json": media}}
        if key in EVENT_STREAMS:
            # A Media Type Object has no description of its own: the stream's schema says it.
            responses[status]["content"]["text/event-stream"] = {
                "schema": {"type": "string", "description": EVENT_STREAMS[key]}}
        if method == "GET" and resource is not None and resource.get("versioned") and "{id}" in path \
           and path.count("/") == 4:
            responses[status]["headers"] = {"ETag": {"description": "the record's version, `\"vN\"`, for If-Match",
                                                     "schema": STR}}
    codes = ["400", "401", "403", "404", "405", "503"]
    if request is not None:
        codes += ["413", "415"]
    if method in ("POST", "PATCH"):
        codes.append("409")
    if method == "PATCH" or key in IF_MATCH:
        codes += ["412", "428"]
    if key == "POST /api/v1/session":
        codes = ["400", "401", "413", "415", "429", "503"]
    for code in sorted(set(codes)):
        responses[code] = problem_response(code)
    op["responses"] = responses
    if key == "POST /api/v1/session":
        op["security"] = []
    return op


def build(describe):
    docs = read_docs()
    resources = {r["name"]: r for r in describe["resources"]}
    schemas = {}
    for r in describe["resources"]:
        schemas.update(record_schemas(r))
    schemas.update(SPECIAL_SCHEMAS)
    paths = {}
    for line in describe["routes"]:
        method, path = line.split()[:2]
        parts = path[len("/api/v1/"):].split("/")
        key = method + " " + path
        if key in SPECIAL:
            request, status, response, params = SPECIAL[key]
            op = operation(method, path, docs, request, status, response, params)
        else:
            # A record route: /{records}, /{records}/{id}, /{records}/{id}/{nested}
            resource = resources[parts[-1]] if len(parts) != 2 else resources[parts[0]]
            name = camel(resource["name"])
            if method == "GET" and len(parts) == 2:
                op = operation(method, path, docs, None, "200", ref(name), [], resource)
            elif method == "GET":
                op = operation(method, path, docs, None, "200", page_of(ref(name)), list_parameters(resource),
                               resource)
            elif method == "POST":
                op = operation(method, path, docs, ref(name + "Create"), "201", ref(name), [], resource)
            elif method == "PATCH":
                op = operation(method, path, docs, ref(name + "Patch"), "200", ref(name), [], resource)
            else:
                raise SystemExit("openapi.py: no description of " + key)
        paths.setdefault(path, {})[method.lower()] = op

    # Only the schemas an operation uses (a record that cannot be changed has no Patch).
    used, todo = set(), [paths, ref("Problem")]
    while todo:
        node = todo.pop()
        if isinstance(node, dict):
            if "$ref" in node and node["$ref"].startswith("#/components/schemas/"):
                name = node["$ref"].split("/")[-1]
                if name not in used:
                    used.add(name)
                    todo.append(schemas[name])
            todo.extend(node.values())
        elif isinstance(node, list):
            todo.extend(node)
    schemas = {k: v for k, v in schemas.items() if k in used}

    responses = {}
    for code, text in PROBLEMS.items():
        responses["Problem" + code] = {
            "description": text,
            "content": {"application/problem+json": {"schema": ref("Problem")}},
        }
    responses["Problem429"]["headers"] = {"Retry-After": {"description": "seconds to wait",
                                                          "schema": {"type": "integer", "minimum": 1}}}
    return {
        "openapi": "3.1.0",
        "jsonSchemaDialect": "https://spec.openapis.org/oas/3.1/dialect/base",
        "info": {
            "title": "Werkbrug API",
            "version": "1",
            "summary": "The central layer of the re-integration chain of South Limburg",
            "description": "Clients, employer accounts, vacancies and matches of the municipalities and the "
                           "employer service points (WSP) of South Limburg. The conventions (lists, versions, "
                           "errors, privacy) are in docs/api.md; this document is written by "
                           "build-aux/openapi.py from the server's own description and checked against its "
                           "answers.",
            "license": {"name": "GPL-3.0-or-later", "identifier": "GPL-3.0-or-later"},
        },
        "servers": [{"url": "https://werkbrug.example.invalid", "description": "a region's server"}],
        "security": [{"bearer": []}],
        "tags": [{"name": t, "description": "/api/v1/" + t + "…"} for t in sorted({op["tags"][0] for p in paths.values() for op in p.values()})],
        "paths": paths,
        "components": {
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer",
                                           "description": "the token of POST /api/v1/session"}},
            "parameters": {
                "page": P("page", "the page, from 1; a page past row 10,000,000 is a 400",
                          {"type": "integer", "minimum": 1}),
                "per_page": P("per_page", "rows per page, 50 by default", {"type": "integer", "minimum": 1,
                                                                          "maximum": 1000}),
                "ids": P("ids", "only these records: at most 100 ids separated by commas, as an app that "
                         "follows the change feed reads the rows that changed", {"type": "string",
                                                                                "pattern": "^[1-9][0-9]*(,[1-9][0-9]*)*$"}),
                "audit_reads": P("audit_reads", "`false` leaves out the reads of the audit itself (`audit_read`)",
                                 {"type": "boolean", "default": True}),
                "If-Match": dict(P("If-Match", "the ETag of the version read, `\"vN\"`", STR, "header"),
                                 required=True),
                "X-Werkbrug-Reason": P("X-Werkbrug-Reason", "why the record is read; kept in the audit log",
                                       STR, "header"),
            },
            "schemas": schemas,
            "responses": responses,
        },
    }


def main():
    if len(sys.argv) != 2:
        raise SystemExit("usage: build-aux/openapi.py WERKBRUG-SERVER > docs/openapi.json")
    describe = json.loads(subprocess.run([sys.argv[1], "describe"], check=True, capture_output=True,
                                         text=True).stdout)
    json.dump(build(describe), sys.stdout, indent=2, ensure_ascii=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
