#!/usr/bin/env python3
"""Two API instances on different nodes of a Galera cluster, writing the same jobs at once.

The cluster is tests/services/galera.sh's (nodes on 127.0.0.1:23321..23323). One database is
made for the test; API A (127.0.0.1:29103) talks to node 1, API B (127.0.0.1:29104) to node 2.
Eight clients, half on each API, then patch, replace, signal and move the same four jobs in
and out of two sessions. Galera rejects one of two conflicting transactions at commit; the API
must run it again, not answer 5xx.

Afterwards both APIs must show the same state, every job must still be whole (its description
one that was written, its one action), a job's session must list it, and the three nodes must
hold identical tables.

Usage: galera_two_apis.py FREEZER_API FREEZER_MANAGE
"""
import http.client
import json
import os
import random
import subprocess
import sys
import tempfile
import threading
import time

API, MANAGE = sys.argv[1:3]
NODES = [23321, 23322, 23323]
PORTS = {"A": 29103, "B": 29104}
DATABASE = f"freezer_test_galera_{os.getpid()}"
HEADERS = {"X-Project-Id": "p1", "X-User-Id": "u1", "X-Roles": "member",
           "Content-Type": "application/json"}
CLIENTS, REQUESTS = 8, 40


def sql(node, statement, database=""):
    return subprocess.run(
        ["mariadb", "--no-defaults", "-h", "127.0.0.1", "-P", str(node), "-ufreezer",
         "-pfreezer", "-N", "-B", "-e", statement] + ([database] if database else []),
        check=True, capture_output=True, text=True).stdout


def request(api, method, path, body=None):
    connection = http.client.HTTPConnection("127.0.0.1", PORTS[api], timeout=30)
    connection.request(method, path, body=json.dumps(body) if body is not None else None,
                       headers=HEADERS)
    response = connection.getresponse()
    data = response.read()
    connection.close()
    return response.status, data


def start_api(work, name, node):
    conf = os.path.join(work, f"api-{name}.conf")
    with open(conf, "w") as f:
        f.write(f"[DEFAULT]\nbind_host = 127.0.0.1\nbind_port = {PORTS[name]}\n"
                "[api]\nauth_strategy = noauth\n[database]\n"
                f"connection = mysql+pymysql://freezer:freezer@127.0.0.1:{node}/{DATABASE}\n")
    if name == "A":
        subprocess.run([MANAGE, "--config-file", conf, "db", "sync"], check=True,
                       stdout=subprocess.DEVNULL)
    else:
        # Galera applies on the other nodes asynchronously; an API that finds its schema
        # behind stops at start, so node 2 first catches up with what node 1 committed.
        # (A node that has just rejoined the cluster refuses queries until it is synced.)
        for attempt in range(120):
            try:
                sql(node, "SET SESSION wsrep_sync_wait = 1; "
                    f"SELECT COUNT(*) FROM {DATABASE}.freezer_schema_migrations")
                break
            except subprocess.CalledProcessError as e:
                if attempt == 119:
                    raise SystemExit(f"FAIL: node {node} never caught up: {e.stderr}")
                time.sleep(0.5)
    log = open(os.path.join(work, f"api-{name}.log"), "w")
    process = subprocess.Popen([API, "--config-file", conf], stdout=log,
                               stderr=subprocess.STDOUT)
    for _ in range(300):
        try:
            if request(name, "GET", "/healthcheck")[0] == 200:
                return process
        except OSError:
            pass
        time.sleep(0.1)
    with open(os.path.join(work, f"api-{name}.log")) as f:
        raise SystemExit(f"FAIL: API {name} did not start:\n{f.read()[-2000:]}")


def job_body(description):
    return {"client_id": "node1", "description": description,
            "job_schedule": {"schedule_interval": "1 days"},
            "job_actions": [{"action_id": "action-1",
                             "freezer_action": {"action": "backup", "mode": "fs",
                                                "path_to_backup": "/etc", "backup_name": "b",
                                                "container": "c"}}]}


def main():
    work = tempfile.mkdtemp(prefix="freezer-galera-")
    sql(NODES[0], f"CREATE DATABASE {DATABASE}")
    apis = []
    try:
        # One at a time, so that A is stopped when B fails to start.
        apis.append(start_api(work, "A", NODES[0]))
        apis.append(start_api(work, "B", NODES[1]))
        assert request("A", "POST", "/v2/p1/clients", {"client_id": "node1"})[0] == 201
        jobs = []
        for i in range(4):
            status, body = request("A", "POST", "/v2/p1/jobs", job_body("initial"))
            assert status == 201, (status, body)
            jobs.append(json.loads(body)["job_id"])
        sessions = []
        for _ in range(2):
            status, body = request("B", "POST", "/v2/p1/sessions",
                                   {"description": "s", "schedule": {}})
            assert status == 201, (status, body)
            sessions.append(json.loads(body)["session_id"])

        written = {"initial"}
        failures, counts = [], {}
        lock = threading.Lock()

        def client(number):
            api = "A" if number % 2 == 0 else "B"
            rnd = random.Random(number)
            for n in range(REQUESTS):
                job, session = rnd.choice(jobs), rnd.choice(sessions)
                kind = rnd.choice(["patch", "replace", "event", "add", "remove", "get"])
                description = f"c{number}-{n}"
                if kind in ("patch", "replace"):
                    with lock:
                        written.add(description)
                call = {
                    "patch": ("PATCH", f"/v2/p1/jobs/{job}", {"description": description}),
                    "replace": ("POST", f"/v2/p1/jobs/{job}", job_body(description)),
                    "event": ("POST", f"/v2/p1/jobs/{job}/event",
                              {rnd.choice(["start", "stop"]): None}),
                    "add": ("PUT", f"/v2/p1/sessions/{session}/jobs/{job}", None),
                    "remove": ("DELETE", f"/v2/p1/sessions/{session}/jobs/{job}", None),
                    "get": ("GET", f"/v2/p1/jobs/{job}", None),
                }[kind]
                status, body = request(api, *call)
                with lock:
                    counts[status] = counts.get(status, 0) + 1
                    if status >= 500:
                        failures.append(f"{api} {call[0]} {call[1]}: {status} {body[:200]!r}")

        threads = [threading.Thread(target=client, args=(i,)) for i in range(CLIENTS)]
        started = time.monotonic()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        elapsed = time.monotonic() - started
        print(f"{CLIENTS * REQUESTS} requests over 2 APIs in {elapsed:.1f} s: "
              f"{dict(sorted(counts.items()))}")
        assert not failures, "server errors:\n" + "\n".join(failures[:20])

        # Both APIs show the same, whole jobs and sessions that agree with them.
        time.sleep(0.5)  # Galera applies asynchronously on the other nodes; reads may lag
        views = {}
        for api in PORTS:
            view = {}
            for job in jobs:
                status, body = request(api, "GET", f"/v2/p1/jobs/{job}")
                assert status == 200, (api, job, status)
                view[job] = json.loads(body)
            for session in sessions:
                status, body = request(api, "GET", f"/v2/p1/sessions/{session}")
                assert status == 200, (api, session, status)
                view[session] = json.loads(body)
            views[api] = view
        assert views["A"] == views["B"], "the two APIs disagree"
        view = views["A"]
        for job in jobs:
            doc = view[job]
            assert doc["description"] in written, doc["description"]
            assert [a["action_id"] for a in doc["job_actions"]] == ["action-1"], doc["job_actions"]
            # A job's session lists it (add and remove write both rows in one transaction;
            # a lost update of the session's jobs map would break this). A session may still
            # list a job that moved on: upstream's add does not remove it from the old one.
            member_of = doc.get("session_id") or ""
            if member_of:
                assert job in (view[member_of].get("jobs") or {}), (job, member_of)

        # The nodes hold the same rows.
        tables = "jobs, job_actions, actions, sessions, clients"
        checksums = {node: sql(node, f"CHECKSUM TABLE {tables}", DATABASE) for node in NODES}
        assert len(set(checksums.values())) == 1, f"nodes differ: {checksums}"
        print("both APIs agree; jobs whole; each job listed by its session; 3 nodes identical")
    finally:
        for process in apis:
            process.terminate()
            process.wait()
        sql(NODES[0], f"DROP DATABASE IF EXISTS {DATABASE}")


if __name__ == "__main__":
    main()
