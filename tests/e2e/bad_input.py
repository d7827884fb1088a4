#!/usr/bin/env python3
"""Bad input against the live API (the real freezer-api binary, SQLite, noauth).

Cases are generated from the API's own JSON schemas (every property of every create and
patch body given a value of a type it refuses, strings past their maxLength, values outside
their enum, unknown fields where none are allowed) and written by hand (bodies that are not
JSON, 10 MB bodies, deep nesting, invalid UTF-8, NUL bytes, huge numbers, odd ids in the
path, SQL and JSON injection in ids and search documents, header floods).

Each case must get a 4xx JSON answer within a bounded time, the process must stay up, and
the database must be exactly what it was before (compared with a full dump).

Usage: bad_input.py FREEZER_API FREEZER_MANAGE SCHEMA_DIR
"""
import copy
import http.client
import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time

API, MANAGE, SCHEMAS = sys.argv[1:4]
PORT = 29098
HEADERS = {"X-Project-Id": "p1", "X-User-Id": "u1", "X-Roles": "member",
           "Content-Type": "application/json"}
TIME_LIMIT = 5.0  # seconds an answer may take

# A valid body per route; each generated case breaks exactly one thing in it.
JOB = {"client_id": "node1", "description": "d",
       "job_schedule": {"schedule_interval": "1 days"},
       "job_actions": [{"freezer_action": {"action": "backup", "mode": "fs",
                                           "path_to_backup": "/etc", "backup_name": "b",
                                           "container": "c"},
                        "max_retries": 1}]}
ACTION = {"freezer_action": {"action": "backup", "mode": "fs", "path_to_backup": "/etc"},
          "max_retries": 1}
SESSION = {"description": "s", "hold_off": 5, "schedule": {"schedule_interval": "1 days"}}
# The job's times are the server's: it overwrites what a client sends, as upstream does.
# action_defaults only fills what a job's actions leave unset (and is dropped when there are
# none), so its values are checked where they land: the actions' own cases cover them.
# A job without a schedule gets an empty one, as upstream.
FILLED_IN = {"job_schedule"}
SERVER_TIMES = {"job_schedule.time_created", "job_schedule.time_started",
                "job_schedule.time_ended"}
ROUTES = [  # method, path, schema, valid body, fields the server owns or fills in (left alone)
    ("POST", "/v2/p1/jobs", "job", JOB, {"user_id", "project_id", "_version", "job_id",
                                         "user_credentials", "session_id", "session_tag",
                                         "session_name", "action_defaults"} | SERVER_TIMES),
    # Without job_actions in the patch, action_defaults has nothing to apply to and is
    # dropped, as upstream does.
    ("PATCH", "/v2/p1/jobs/JOB", "job_patch", {"description": "x"},
     {"user_id", "project_id", "_version", "job_id", "session_id", "session_tag",
      "session_name", "action_defaults"} | SERVER_TIMES),
    ("POST", "/v2/p1/actions", "action", ACTION, {"user_id", "project_id", "action_id"}),
    ("PATCH", "/v2/p1/actions/ACTION", "action_patch", {"max_retries": 2},
     {"user_id", "project_id", "action_id"}),
    ("POST", "/v2/p1/sessions", "session", SESSION,
     {"user_id", "project_id", "session_id", "session_tag", "jobs", "status", "result",
      "time_start", "time_end", "time_started", "time_ended"}),
]


def load_schema(name):
    with open(os.path.join(SCHEMAS, name + ".json")) as f:
        schema = json.load(f)
    with open(os.path.join(SCHEMAS, "definitions.json")) as f:
        definitions = json.load(f)["definitions"]
    definitions.update(schema.get("definitions", {}))
    return schema, definitions


def resolve(node, definitions):
    while isinstance(node, dict) and "$ref" in node:
        node = definitions[node["$ref"].split("/")[-1]]
    return node


SAMPLES = {"string": "text", "integer": 7, "number": 2.5, "boolean": True, "array": [],
           "object": {}, "null": None}


def refused_values(prop):
    """Values the property's schema refuses, whatever else it allows."""
    types = prop.get("type")
    if isinstance(types, str):
        types = [types]
    out = []
    if types:
        allowed = set(types)
        if "number" in allowed:
            allowed.add("integer")
        for name, value in SAMPLES.items():
            if name in allowed or (name == "integer" and "number" in allowed):
                continue
            if name == "number" and "integer" in allowed:
                out.append(2.5)
                continue
            out.append(value)
    if "enum" in prop:
        out.append("not-one-of-" + "-".join(str(v) for v in prop["enum"])[:40])
    if "maxLength" in prop:
        out.append("x" * (prop["maxLength"] + 1))
    if "minimum" in prop and (types is None or "integer" in types or "number" in types):
        out.append(prop["minimum"] - 1)
    if "pattern" in prop:
        out.append("spaces and $ymbols / not matching")
    return out


def generated_cases():
    cases = []
    for method, path, schema_name, body, owned in ROUTES:
        schema, definitions = load_schema(schema_name)
        props = schema.get("properties", {})
        for name, prop in props.items():
            if name in owned:
                continue
            prop = resolve(prop, definitions)
            for value in refused_values(prop):
                broken = copy.deepcopy(body)
                broken[name] = value
                cases.append((f"{method} {schema_name}.{name}={json.dumps(value)[:30]}",
                              method, path, json.dumps(broken)))
            # One level down: the properties of object-typed members (job_schedule, ...).
            nested = prop.get("properties") if prop.get("type") == "object" else None
            for inner, inner_prop in (nested or {}).items():
                if f"{name}.{inner}" in owned:
                    continue
                inner_prop = resolve(inner_prop, definitions)
                for value in refused_values(inner_prop):
                    broken = copy.deepcopy(body)
                    broken.setdefault(name, {})
                    if not isinstance(broken[name], dict):
                        continue
                    broken[name][inner] = value
                    cases.append((f"{method} {schema_name}.{name}.{inner}={json.dumps(value)[:30]}",
                                  method, path, json.dumps(broken)))
        if schema.get("additionalProperties") is False:
            broken = copy.deepcopy(body)
            broken["zz_unknown"] = 1
            cases.append((f"{method} {schema_name} unknown field", method, path,
                          json.dumps(broken)))
        for required in schema.get("required", []):
            if required in body and required not in owned and required not in FILLED_IN:
                broken = copy.deepcopy(body)
                del broken[required]
                cases.append((f"{method} {schema_name} without {required}", method, path,
                              json.dumps(broken)))
    return cases


INJECTIONS = ["' OR '1'='1", "1; DROP TABLE jobs; --", "\" OR \"\"=\"", "%' --",
              "{\"$gt\": \"\"}", "../../etc/passwd", "..", "a/b", "\\u0000"]


def hand_written_cases():
    cases = []
    for body, label in [("{", "truncated JSON"),
                        ("[]", "array body"), ("null", "null body"), ("\"s\"", "string body"),
                        ("{\"a\": 1} {\"b\": 2}", "two documents"),
                        ("{\"a\": 1e400}", "number too big"),
                        ("{\"a\": 123456789012345678901234567890}", "huge integer"),
                        ("{\"a\": NaN}", "NaN"), ("{'a': 1}", "single quotes"),
                        ("{\"a\": \"\\ud800\"}", "lone surrogate"),
                        (b"{\"description\": \"\xff\xfe\"}", "invalid UTF-8"),
                        (b"{\"description\": \"\xc0\xaf\"}", "overlong UTF-8"),
                        ("{\"description\": \"a\\u0000b\"}", "NUL in a string"),
                        ("{\"description\": \"x\"}\x00junk", "NUL after the document"),
                        ("[" * 10000 + "]" * 10000, "10,000-deep arrays"),
                        ("{\"a\":" * 5000 + "1" + "}" * 5000, "5,000-deep objects"),
                        ("{\"description\": \"" + "x" * (10 * 1024 * 1024) + "\"}", "10 MB body")]:
        for method, path in [("POST", "/v2/p1/jobs"), ("PATCH", "/v2/p1/jobs/JOB"),
                             ("POST", "/v2/p1/actions"), ("POST", "/v2/p1/sessions"),
                             ("POST", "/v2/p1/backups"), ("POST", "/v2/p1/clients")]:
            cases.append((f"{method} {path}: {label}", method, path, body))
    for value in INJECTIONS:
        quoted = value.replace("%", "%25").replace("/", "%2F").replace("'", "%27") \
            .replace(" ", "%20").replace("\"", "%22").replace("\\", "%5C").replace("{", "%7B") \
            .replace("}", "%7D").replace("$", "%24").replace(";", "%3B")
        for resource in ["jobs", "actions", "sessions", "backups", "clients"]:
            cases.append((f"GET {resource}/{value}", "GET", f"/v2/p1/{resource}/{quoted}", None))
            cases.append((f"DELETE {resource}/{value}", "DELETE", f"/v2/p1/{resource}/{quoted}",
                          None))
        for key in ["job_id", "client_id", "description", "_all"]:
            search = {"match": [{key: value}], "match_not": [{key: value}]}
            cases.append((f"search {key}={value}", "GET", "/v2/p1/jobs?limit=5",
                          json.dumps(search)))
    for path in ["/v2/p1/jobs/%00", "/v2/p1/jobs/a%00b", "/v2/p1/jobs/%ff", "/v2/../v2/p1/jobs/x",
                 "/v2/p1/jobs/..%2F..%2Fetc", "/v2/p1/jobs/" + "x" * 4000,
                 "/v2/%ff/jobs", "/v2/p1/jobs?limit=-1", "/v2/p1/jobs?limit=abc",
                 "/v2/p1/jobs?offset=99999999999999999999", "/v2/p1/jobs?limit=1e9"]:
        cases.append((f"GET {path[:60]}", "GET", path, None))
    for bad in [{"match": "x"}, {"match": [1]}, {"match": [{"a": 1, "b": 2}]},
                {"match": [{"_all": "not json"}]}, {"match_not": {}}, {"zz": []}]:
        cases.append((f"search {json.dumps(bad)[:40]}", "GET", "/v2/p1/jobs?limit=5",
                      json.dumps(bad)))
    return cases


def request(method, path, body, headers=None):
    connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=TIME_LIMIT * 2)
    started = time.monotonic()
    data = body.encode("utf-8", "surrogateescape") if isinstance(body, str) else body
    connection.request(method, path, body=data, headers=headers or HEADERS)
    response = connection.getresponse()
    payload = response.read()
    connection.close()
    return response.status, payload, time.monotonic() - started


def header_cases():
    """Header floods and framing a client library would not produce."""
    out = []
    flood = {**HEADERS, **{f"X-Flood-{i}": "v" * 100 for i in range(200)}}
    out.append(("200 headers", "GET", "/v2/p1/jobs", None, flood))
    out.append(("one 70 KB header", "GET", "/v2/p1/jobs", None,
                {**HEADERS, "X-Big": "b" * 70000}))
    out.append(("Content-Length mismatch", "RAW",
                b"POST /v2/p1/jobs HTTP/1.1\r\nHost: x\r\nX-Project-Id: p1\r\nX-User-Id: u1\r\n"
                b"Content-Length: 5\r\nContent-Length: 6\r\n\r\n{}xyz", None, None))
    out.append(("chunked garbage", "RAW",
                b"POST /v2/p1/jobs HTTP/1.1\r\nHost: x\r\nX-Project-Id: p1\r\nX-User-Id: u1\r\n"
                b"Transfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n", None, None))
    out.append(("chunked over the limit", "RAW",
                b"POST /v2/p1/jobs HTTP/1.1\r\nHost: x\r\nX-Project-Id: p1\r\nX-User-Id: u1\r\n"
                b"Transfer-Encoding: chunked\r\n\r\n200000\r\n", None, None))
    return out


def raw_request(data):
    with socket.create_connection(("127.0.0.1", PORT), timeout=TIME_LIMIT * 2) as s:
        started = time.monotonic()
        s.sendall(data)
        reply = b""
        while b"\r\n\r\n" not in reply:
            chunk = s.recv(65536)
            if not chunk:
                break
            reply += chunk
        head, _, rest = reply.partition(b"\r\n\r\n")
        status = int(head.split(b" ")[1]) if head else 0
        length = 0
        for line in head.split(b"\r\n")[1:]:
            name, _, value = line.partition(b":")
            if name.strip().lower() == b"content-length":
                length = int(value)
        while len(rest) < length:
            chunk = s.recv(65536)
            if not chunk:
                break
            rest += chunk
        return status, rest, time.monotonic() - started


def snapshot(db_path):
    connection = sqlite3.connect(db_path)
    dump = "\n".join(connection.iterdump())
    connection.close()
    return dump


def main():
    work = tempfile.mkdtemp(prefix="freezer-bad-input-")
    db_path = os.path.join(work, "freezer.db")
    conf = os.path.join(work, "api.conf")
    with open(conf, "w") as f:
        f.write(f"[DEFAULT]\nbind_host = 127.0.0.1\nbind_port = {PORT}\n"
                f"[api]\nauth_strategy = noauth\n[database]\nconnection = sqlite:///{db_path}\n")
    subprocess.run([MANAGE, "--config-file", conf, "db", "sync"], check=True,
                   stdout=subprocess.DEVNULL)
    log = open(os.path.join(work, "api.log"), "w")
    api = subprocess.Popen([API, "--config-file", conf], stdout=log, stderr=subprocess.STDOUT)
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", PORT), timeout=1).close()
                break
            except OSError:
                time.sleep(0.1)
        # The records the cases aim at.
        status, _, _ = request("POST", "/v2/p1/clients", json.dumps({"client_id": "node1"}))
        assert status == 201, status
        status, body, _ = request("POST", "/v2/p1/jobs", json.dumps(JOB))
        assert status == 201, (status, body)
        job_id = json.loads(body)["job_id"]
        status, body, _ = request("POST", "/v2/p1/actions", json.dumps(ACTION))
        assert status == 201, (status, body)
        action_id = json.loads(body)["action_id"]
        status, _, _ = request("POST", "/v2/p1/sessions", json.dumps(SESSION))
        assert status == 201
        before = snapshot(db_path)

        cases = generated_cases()
        generated = len(cases)
        cases += hand_written_cases()
        failures = []
        count = 0
        for name, method, path, body in cases:
            path = path.replace("JOB", job_id).replace("ACTION", action_id)
            status, payload, elapsed = request(method, path, body)
            count += 1
            problem = check(status, payload, elapsed, lookup=(method in ("GET", "DELETE")))
            if problem:
                failures.append(f"{name}: {problem}")
        for name, method, path, body, headers in header_cases():
            if method == "RAW":
                status, payload, elapsed = raw_request(path)
            else:
                status, payload, elapsed = request(method, path, body, headers)
            count += 1
            problem = check(status, payload, elapsed, lookup=False)
            if problem:
                failures.append(f"{name}: {problem}")
        if api.poll() is not None:
            failures.append(f"the API exited with {api.returncode}")
        after = snapshot(db_path)
        if after != before:
            failures.append("the database changed")
        print(f"bad_input: {count} cases ({generated} generated from the schemas), "
              f"{len(failures)} failures")
        for failure in failures:
            print("  " + failure)
        return 1 if failures else 0
    finally:
        api.send_signal(signal.SIGTERM)
        api.wait(timeout=10)


def check(status, payload, elapsed, lookup):
    """None when the answer is a proper refusal (or, for lookups, a harmless miss)."""
    if elapsed > TIME_LIMIT:
        return f"answer took {elapsed:.1f} s"
    if status >= 500 and status != 753:
        return f"status {status}: {payload[:200]!r}"
    if lookup:
        # GET and DELETE of odd ids: 404 or 400, 204 for DELETE (upstream), 200 for searches.
        if status not in (200, 204, 400, 404):
            return f"status {status}"
    elif status < 400:
        return f"accepted with {status}: {payload[:200]!r}"
    if payload:
        try:
            json.loads(payload)
        except ValueError:
            return f"body is not JSON: {payload[:200]!r}"
    return None


if __name__ == "__main__":
    sys.exit(main())
