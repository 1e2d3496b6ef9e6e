#!/usr/bin/python3
# Copyright 2026 The Werkbrug authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""The OpenAPI contract (docs/openapi.json) against the code and against real answers.

    test-openapi.py WERKBRUG-SERVER

1. The document is what build-aux/openapi.py writes from `werkbrug-server describe` today: a
   route or record field added to the code and not to the document fails here.
2. Every operation has its responses and every request body an example that its own schema
   accepts; the examples of docs/api.md's answers are accepted by the answer's schema.
3. A real werkbrug-server on loopback, on synthetic demo data, is called on every route as
   several roles, with good and bad requests, and each answer (status and body) must be one
   the document describes.
Prints TAP.
"""

import http.client
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

from jsonschema import Draft202012Validator, RefResolver

SERVER = sys.argv[1]
TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(TOP, "build-aux"))
import openapi  # noqa: E402

DOC = json.load(open(os.path.join(TOP, "docs", "openapi.json"), encoding="utf-8"))
RESOLVER = RefResolver.from_schema(DOC)
PASSWORD = "werkbrug-demo"

n_tests = 0
n_failed = 0


def check(ok, name, detail=""):
    global n_tests, n_failed
    n_tests += 1
    if not ok:
        n_failed += 1
        sys.stderr.write("FAIL %s\n%s\n" % (name, detail))
    print("%s %d - %s" % ("ok" if ok else "not ok", n_tests, name))
    sys.stdout.flush()


def errors_of(schema, value):
    validator = Draft202012Validator(schema, resolver=RESOLVER)
    return ["%s: %s" % ("/".join(str(p) for p in e.absolute_path), e.message[:300])
            for e in validator.iter_errors(value)]


# ---------------------------------------------------------------------------
# 1. The document against the code

describe = json.loads(subprocess.run([SERVER, "describe"], check=True, capture_output=True, text=True).stdout)
written = openapi.build(describe)
check(written == DOC, "docs/openapi.json is what build-aux/openapi.py writes from the server",
      "run: build-aux/openapi.py _build/src/server/werkbrug-server > docs/openapi.json")

routes = [line.split()[:2] for line in describe["routes"]]
missing = [m + " " + p for m, p in routes if m.lower() not in DOC["paths"].get(p, {})]
check(not missing, "every route of the server is in the document", "\n".join(missing))
documented = {(m.upper(), p) for p, ops in DOC["paths"].items() for m in ops}
extra = documented - {(m, p) for m, p in routes}
check(not extra, "the document names no route the server lacks", repr(extra))

for r in describe["resources"]:
    name = openapi.camel(r["name"])
    props = DOC["components"]["schemas"][name]["properties"]
    fields = [f["name"] for f in r["fields"] if "secret" not in f["flags"]]
    check(all(f in props for f in fields), "the schema %s has every field of %s" % (name, r["name"]))

# ---------------------------------------------------------------------------
# 2. The document on its own

check(DOC["openapi"].startswith("3.1."), "an OpenAPI 3.1 document")
check(DOC["components"]["securitySchemes"]["bearer"] == {"type": "http", "scheme": "bearer",
                                                          "description": "the token of POST /api/v1/session"},
      "bearer authentication")
operation_ids = [op["operationId"] for ops in DOC["paths"].values() for op in ops.values()]
check(len(operation_ids) == len(set(operation_ids)), "operation ids are unique")

bad_examples = []
no_example = []
for path, ops in DOC["paths"].items():
    for method, op in ops.items():
        body = op.get("requestBody")
        if body is not None:
            for media_type, media in body["content"].items():
                if media.get("example") is None:
                    no_example.append(method + " " + path)
                elif media_type == "application/json":
                    errs = errors_of(media["schema"], media["example"])
                    if errs:
                        bad_examples.append("%s %s request: %s" % (method, path, errs[:3]))
        for status, response in op["responses"].items():
            for media in response.get("content", {}).values():
                if "example" in media:
                    errs = errors_of(media["schema"], media["example"])
                    if errs:
                        bad_examples.append("%s %s %s: %s" % (method, path, status, errs[:3]))
        undocumented_params = [p for p in re.findall(r"\{([a-z_]+)\}", path)
                               if not any(q.get("name") == p and q.get("in") == "path"
                                          for q in op.get("parameters", []))]
        if undocumented_params:
            bad_examples.append("%s %s: path parameters %s" % (method, path, undocumented_params))
check(not no_example, "every request body has an example", "\n".join(no_example))
check(not bad_examples, "every example is accepted by its own schema", "\n".join(bad_examples))

# ---------------------------------------------------------------------------
# 3. Real answers

TEMPLATES = sorted(DOC["paths"], key=lambda p: p.count("{"))


def template_of(path):
    path = path.split("?")[0]
    for t in TEMPLATES:
        if re.fullmatch(re.sub(r"\\\{[a-z_]+\\\}", "[^/]+", re.escape(t)), path):
            return t
    return None


class Server:
    def __init__(self):
        self.dir = tempfile.mkdtemp(prefix="werkbrug-openapi-")
        os.chmod(self.dir, 0o700)
        db = os.path.join(self.dir, "werkbrug.db")
        subprocess.run([SERVER, "demo", "--db", db, "--clients", "400", "--quiet"], check=True,
                       stdout=subprocess.DEVNULL)
        self.proc = subprocess.Popen([SERVER, "serve", "--db", db, "--listen", "127.0.0.1:0"],
                                     stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        line = self.proc.stdout.readline()
        m = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
        if not m:
            raise SystemExit("werkbrug-server did not start: " + line)
        self.port = int(m.group(1))

    def close(self):
        self.proc.terminate()
        self.proc.wait(10)
        shutil.rmtree(self.dir, ignore_errors=True)


server = Server()
tokens = {}
seen = set()


def call(method, path, body=None, user=None, headers=None, raw=None, content_type="application/json"):
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
    h = dict(headers or {})
    if user is not None:
        h["Authorization"] = "Bearer " + tokens[user]
    data = raw
    if body is not None:
        data = json.dumps(body).encode()
    if data is not None and "Content-Type" not in h:
        h["Content-Type"] = content_type
    conn.request(method, path, body=data, headers=h)
    response = conn.getresponse()
    payload = response.read()
    result = (response.status, dict((k.lower(), v) for k, v in response.getheaders()), payload)
    conn.close()
    return result


def expect(method, path, status, user=None, body=None, headers=None, raw=None, content_type="application/json",
           name=None):
    """Calls, then checks the status and that the document describes the answer."""
    got, hdrs, payload = call(method, path, body, user, headers, raw, content_type)
    label = name or "%s %s as %s: %s" % (method, path, user or "nobody", status or "a documented answer")
    template = template_of(path)
    problems = []
    if status is not None and got != status:
        problems.append("status %d, expected %d: %s" % (got, status, payload[:300]))
    op = DOC["paths"].get(template, {}).get(method.lower()) if template else None
    value = None
    if op is None and template is not None and got == 405:
        # A method the path does not have: the general 405 problem, with Allow.
        op = {"responses": {"405": {"$ref": "#/components/responses/Problem405"}}}
        if "allow" not in hdrs:
            problems.append("a 405 without Allow")
    if op is None:
        problems.append("the document has no %s %s" % (method, path))
    else:
        seen.add((method, template))
        response = op["responses"].get(str(got))
        if response is not None and "$ref" in response:
            response = DOC["components"]["responses"][response["$ref"].split("/")[-1]]
        if response is None:
            problems.append("the document does not name status %d for %s %s" % (got, method, template))
        else:
            content = response.get("content")
            ctype = hdrs.get("content-type", "").split(";")[0]
            if content is None:
                if payload:
                    problems.append("a body where the document says none")
            elif ctype not in content:
                problems.append("content type %s, the document says %s" % (ctype, list(content)))
            elif ctype.endswith("json"):
                value = json.loads(payload)
                problems += errors_of(content[ctype]["schema"], value)[:5]
    sys.stderr.write("%s -> %d\n" % (label, got))
    check(not problems, label, "\n".join(problems))
    return value, hdrs


for user in ("admin", "gemeente-heerlen.lam1", "gemeente-heerlen.coordinator", "gemeente-heerlen.analyst",
             "wsp-parkstad.coordinator", "wsp-parkstad.wsp1", "isd-kompas.lam1"):
    status, _, payload = call("POST", "/api/v1/session", {"username": user, "password": PASSWORD})
    if status == 201:
        tokens[user] = json.loads(payload)["token"]
    elif user == "wsp-parkstad.wsp1":
        # The WSP account managers' usernames: whichever the demo gives.
        pass
check("gemeente-heerlen.lam1" in tokens and "admin" in tokens, "demo users sign in")
expect("POST", "/api/v1/session", 201, body={"username": "isd-kompas.lam1", "password": PASSWORD},
       name="POST /api/v1/session: 201 with a Session")
expect("POST", "/api/v1/session", 401, body={"username": "isd-kompas.lam1", "password": "wrong"},
       name="POST /api/v1/session with a wrong password: 401 problem")
expect("POST", "/api/v1/session", 400, body={"username": "isd-kompas.lam1", "password": "werkbrug-demo\u0000x"},
       name="POST /api/v1/session with U+0000: 400 problem")
expect("POST", "/api/v1/session", 415, raw=b"username=a", content_type="application/x-www-form-urlencoded",
       name="POST /api/v1/session as a form: 415 problem")
expect("GET", "/api/v1/me", 401, name="GET /api/v1/me without a token: 401 problem")

LAM = "gemeente-heerlen.lam1"
COORD = "gemeente-heerlen.coordinator"
expect("GET", "/api/v1/me", 200, user=LAM)

# Every list of records, and one record of each
for path, ops in DOC["paths"].items():
    if "get" not in ops or "{" in path or path in ("/api/v1/me", "/api/v1/monitor"):
        continue
    user = "admin" if path in ("/api/v1/audit", "/api/v1/audit/trail") else (COORD if path in ("/api/v1/reviews", "/api/v1/arrangements")
                                                    else LAM)
    if path == "/api/v1/accounts/export.csv":
        expect("GET", path, 200, user=user)
        continue
    query = {"/api/v1/alerts": "", "/api/v1/changes": "?since=0"}.get(path, "?per_page=3")
    value, _ = expect("GET", path + query, 200, user=user)
    items = (value or {}).get("items") or []
    if items and "id" in items[0] and ("get" in ops) and (path + "/{id}") in DOC["paths"]:
        expect("GET", "%s/%d" % (path, items[0]["id"]), 200, user=user)

# A client of the caller's own, and one of another organisation (pseudonymous)
own, _ = expect("GET", "/api/v1/clients?per_page=1&organisation_id=3", 200, user=LAM)
client = own["items"][0]
other, _ = expect("GET", "/api/v1/clients?per_page=1&organisation_id=1", 200, user=LAM)
expect("GET", "/api/v1/clients/%d" % other["items"][0]["id"], 200, user=LAM,
       name="GET a pseudonymous client: 200")
record, hdrs = expect("GET", "/api/v1/clients/%d" % client["id"], 200, user=LAM,
                      headers={"X-Werkbrug-Reason": "contract test"})
expect("GET", "/api/v1/clients/%d/events?per_page=5" % client["id"], 200, user=LAM)
expect("GET", "/api/v1/clients/%d/diagnoses" % client["id"], 200, user=LAM)
expect("GET", "/api/v1/clients/999999", 404, user=LAM)
expect("GET", "/api/v1/clients?sort=nonsense", 400, user=LAM)
expect("GET", "/api/v1/clients?page=4294969&per_page=1000", 400, user=LAM)
expect("DELETE", "/api/v1/clients/%d" % client["id"], 405, user=LAM)

# Writes: create, change with and without If-Match, an event, a problem for each way wrong
create = DOC["paths"]["/api/v1/clients"]["post"]["requestBody"]["content"]["application/json"]["example"]
created, hdrs = expect("POST", "/api/v1/clients", 201, user=LAM, body=dict(create, bsn="111222333"))
if created:
    cid = created["id"]
    expect("PATCH", "/api/v1/clients/%d" % cid, 428, user=LAM, body={"phone": "045-0000001"})
    changed, hdrs = expect("PATCH", "/api/v1/clients/%d" % cid, 200, user=LAM, body={"phone": "045-0000001"},
                           headers={"If-Match": '"v%d"' % created["version"]})
    expect("PATCH", "/api/v1/clients/%d" % cid, 412, user=LAM, body={"phone": "045-0000002"},
           headers={"If-Match": '"v%d"' % created["version"]})
    expect("PATCH", "/api/v1/clients/%d" % cid, 400, user=LAM, body={"version": 9},
           headers={"If-Match": '"v%d"' % changed["version"]})
    expect("POST", "/api/v1/clients", 409, user=LAM, body=dict(create, bsn="111222333"))
    expect("POST", "/api/v1/clients/%d/events" % cid, 201, user=LAM,
           body={"kind": "note", "date": "2026-12-01", "note": "Contracttest"})
    expect("POST", "/api/v1/clients/%d/events" % cid, 403, user="isd-kompas.lam1",
           body={"kind": "note", "date": "2026-12-01", "note": "Niet van ons"})
expect("POST", "/api/v1/clients", 400, user=LAM, body={"family_name": "Nul\u0000Byte"})
expect("POST", "/api/v1/clients", 400, user=LAM, raw=b"[" * 100000 + b"]" * 100000,
       name="POST /api/v1/clients nested 100,000 deep: 400 problem")

# Employers, accounts, review queue
employers, _ = expect("GET", "/api/v1/employers?per_page=1", 200, user=LAM)
eid = employers["items"][0]["id"]
expect("GET", "/api/v1/employers/%d/rule" % eid, 200, user=LAM)
expect("GET", "/api/v1/employers/%d/history" % eid, 200, user=LAM)
expect("GET", "/api/v1/employers/%d/contacts" % eid, 200, user=LAM)
expect("GET", "/api/v1/employers/%d/contact-log" % eid, 200, user=LAM)
csv = DOC["paths"]["/api/v1/employers/import"]["post"]["requestBody"]["content"]["text/csv"]["example"]
expect("POST", "/api/v1/employers/import", 200, user=LAM, raw=csv.encode(), content_type="text/csv; charset=utf-8")
reviews, _ = expect("GET", "/api/v1/reviews?per_page=2", 200, user=COORD)
if reviews and reviews["items"]:
    expect("GET", "/api/v1/reviews/%d" % reviews["items"][0]["id"], 200, user=COORD)
users, _ = expect("GET", "/api/v1/users?per_page=1&organisation_id=3&role=account_manager_local", 200, user=COORD)
expect("GET", "/api/v1/users/%d/handover" % users["items"][0]["id"], 200, user=COORD)
expect("GET", "/api/v1/notifications", 200, user=LAM)

# Vacancies and rankings both ways
vacancies, _ = expect("GET", "/api/v1/vacancies?per_page=1&status=open", 200, user=LAM)
vid = vacancies["items"][0]["id"]
ranking, _ = expect("GET", "/api/v1/vacancies/%d/matches?limit=5" % vid, 200, user=LAM)
expect("GET", "/api/v1/vacancies/%d/matches?limit=5&near_misses=true" % vid, 200, user=LAM)
expect("GET", "/api/v1/vacancies/%d/matches?per_page=5" % vid, 400, user=LAM)
active, _ = expect("GET", "/api/v1/clients?per_page=1&organisation_id=3&status=active", 200, user=LAM)
if active["items"]:
    expect("GET", "/api/v1/clients/%d/matches?limit=5" % active["items"][0]["id"], 200, user=LAM)
expect("GET", "/api/v1/match-weights/Parkstad", 200, user=LAM)
expect("GET", "/api/v1/match-weights/Nowhere", 404, user=LAM)

# The monitor: aggregates for an analyst, a 400 naming what it does not know
expect("GET", "/api/v1/monitor?metric=to_work&level=subregion&period=quarter&from=2025&to=2026",
       200, user="gemeente-heerlen.analyst")
expect("GET", "/api/v1/monitor?metric=vacancies_open&level=region&by=sector", 200, user=LAM)
expect("GET", "/api/v1/monitor?metric=inflow&level=province", 400, user="gemeente-heerlen.analyst")
alert, _ = expect("POST", "/api/v1/alerts", 201, user=LAM, body={"kind": "client_for_vacancy", "vacancy_id": vid, "threshold": 0.7})
if alert:
    expect("DELETE", "/api/v1/alerts/%d" % alert["id"], 204, user=LAM)

# Every other operation once, with its documented example, as a role that may do it: the
# answer, success or a problem, must be one the document describes.
consultants, _ = expect("GET", "/api/v1/users?per_page=1&organisation_id=5&role=consultant", 200, user="admin")
IDS = {"clients": client["id"], "employers": eid, "vacancies": vid, "users": consultants["items"][0]["id"]}
for path, ops in DOC["paths"].items():
    for method, op in ops.items():
        if (method.upper(), path) in seen or method == "delete":
            continue
        resource = path.split("/")[3]
        concrete = re.sub(r"\{region\}", "Parkstad", path)
        concrete = re.sub(r"\{[a-z_]+\}", str(IDS.get(resource, 1)), concrete)
        user = "admin" if resource in ("organisations", "municipalities", "users", "competences",
                                       "occupations") else COORD if resource in (
                                       "targets", "action-points", "match-weights", "reviews") else LAM
        body = op.get("requestBody", {}).get("content", {})
        if "application/json" in body:
            # The examples name records of docs/api.md's demo; whatever the answer, the
            # document must describe it.
            expect(method.upper(), concrete, None, user=user, body=body["application/json"]["example"],
                   headers={"If-Match": '"v1"'} if method == "patch" else None)
        elif method == "get":
            expect("GET", concrete, None, user=user)
        else:
            expect(method.upper(), concrete, None, user=user, raw=b"{}" if body else None)

# Sign out: this token, then every token of the user
expect("DELETE", "/api/v1/session", 204, user="isd-kompas.lam1")
expect("GET", "/api/v1/me", 401, user="isd-kompas.lam1", name="GET /api/v1/me after sign-out: 401")
expect("DELETE", "/api/v1/sessions", 204, user=COORD)

never = sorted({(m.upper(), p) for p, ops in DOC["paths"].items() for m in ops} - seen)
sys.stderr.write("routes not called by this test (called by the C suites): %s\n" % never)
check(not never, "every route were called here (%d of %d)" %
      (len(documented) - len(never), len(documented)))

server.close()
print("1..%d" % n_tests)
sys.exit(1 if n_failed else 0)
