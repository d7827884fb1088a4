#!/usr/bin/env python3
"""A pool of three central schedulers runs 20 cindernative jobs of 10 projects, while one
scheduler and one Galera node die.

Everything is real: Keystone (tests/services/keystone.sh), Cinder (cinder.sh), a 3-node Galera
cluster (galera.sh), a 3-node ZooKeeper ensemble (zookeeper.sh), two APIs on different Galera
nodes (A on node 1, B on node 2), and three freezer-schedulers in service mode sharing the
client id `pool-central` through [coordination] backend_url.

A user with the member role in 10 projects makes one 1 GiB volume per job and 2 one-shot
backup jobs per project, due over 30 seconds. A third of the way in, scheduler 1 is killed
(SIGKILL); then Galera node 2, under API B, crashes and comes back later; then scheduler 1
starts again and takes a third of the jobs back, some of them in the middle of a run.

Checks:
- the survivors see scheduler 1 leave within its session timeout plus two poll intervals;
- every job ends with result success;
- Cinder holds exactly one backup per job (counted from each project's backup list, by the
  backups' freezer_job_id): no job lost, none run twice.

How fast Cinder makes backups is not judged: this machine's single cinder-backup worker takes
seconds per 1 GiB volume (reading, hashing and compressing all of it), more on a slow machine;
20 jobs keep runs in flight when scheduler 1 dies without making the test Cinder-bound. The wait for every job ends only when no
job has completed for STALL_LIMIT seconds (the pool stopped working), not at a fixed time.

Usage: scheduler_pool.py FREEZER_SCHEDULER FREEZER_API FREEZER_MANAGE
"""
import concurrent.futures
import datetime
import http.client
import json
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

SCHED, API, MANAGE = sys.argv[1:4]
HERE = os.path.dirname(os.path.abspath(__file__))
KS_DIR = os.environ.get("FREEZER_TEST_KS_DIR", "/tmp/freezer-test-keystone")
CINDER = f"http://127.0.0.1:{os.environ.get('CINDER_PORT', '28776')}/v3"
ZK = "zookeeper://127.0.0.1:22181,127.0.0.1:22182,127.0.0.1:22183?timeout=4"
SESSION_TIMEOUT, INTERVAL = 4, 3
GALERA = {1: 23321, 2: 23322}
API_PORTS = {"A": 29105, "B": 29106}
PROJECTS, JOBS_PER_PROJECT = 10, 2
STALL_LIMIT = 300  # seconds without a job completing before the pool counts as stuck
DATABASE = f"freezer_pool_{os.getpid()}"
USER, PASSWORD = "pool-user", "poolpass"


def fail(message):
    raise SystemExit(f"FAIL: {message}")


def ids():
    values = {}
    with open(os.path.join(KS_DIR, "ids.env")) as f:
        for line in f:
            if "=" in line:
                key, value = line.strip().split("=", 1)
                values[key] = value
    return values


def call(method, url, token=None, body=None, headers=None, timeout=60):
    parts = urllib.parse.urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    sent = {"Content-Type": "application/json", **(headers or {})}
    if token:
        sent["X-Auth-Token"] = token
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    connection.request(method, path, body=json.dumps(body) if body is not None else None,
                       headers=sent)
    response = connection.getresponse()
    data = response.read()
    connection.close()
    parsed = json.loads(data) if data and data[:1] in (b"{", b"[") else None
    return response.status, parsed, response


def with_retries(what, attempt, tries=5):
    """Transient failures (a busy Cinder or API under this load) are tried again."""
    for n in range(tries):
        try:
            return attempt()
        except (OSError, http.client.HTTPException) as e:
            if n == tries - 1:
                fail(f"{what}: {e}")
            time.sleep(1 + n)


def token(keystone, user, password, project):
    body = {"auth": {"identity": {"methods": ["password"], "password": {"user": {
        "name": user, "domain": {"id": "default"}, "password": password}}},
        "scope": {"project": {"name": project, "domain": {"id": "default"}}}}}
    status, _, response = call("POST", f"{keystone}/auth/tokens", body=body)
    if status != 201:
        fail(f"no token for {user} in {project}: {status}")
    return response.getheader("X-Subject-Token")


def keystone_setup(keystone, admin):
    """PROJECTS projects and one user with the member role in each; kept between runs."""
    def find(kind, name):
        _, found, _ = call("GET", f"{keystone}/{kind}?name={name}", admin)
        return found[kind][0]["id"] if found[kind] else None

    role = find("roles", "member")
    user = find("users", USER)
    if not user:
        _, made, _ = call("POST", f"{keystone}/users", admin, {"user": {
            "name": USER, "password": PASSWORD, "domain_id": "default"}})
        user = made["user"]["id"]
    projects = []
    for n in range(1, PROJECTS + 1):
        name = f"pool-{n:02d}"
        project = find("projects", name)
        if not project:
            _, made, _ = call("POST", f"{keystone}/projects", admin, {"project": {
                "name": name, "domain_id": "default"}})
            project = made["project"]["id"]
        status, _, _ = call("PUT", f"{keystone}/projects/{project}/users/{user}/roles/{role}",
                            admin)
        if status not in (200, 204):
            fail(f"role assignment in {name}: {status}")
        projects.append((name, project))
    return projects


def new_volume(token_, project, name):
    def attempt():
        status, made, _ = call("POST", f"{CINDER}/{project}/volumes", token_,
                               {"volume": {"size": 1, "name": name}})
        if status != 202:
            fail(f"volume {name}: {status} {made}")
        return made["volume"]["id"]
    volume = with_retries(f"volume {name}", attempt)
    for _ in range(240):
        _, shown, _ = with_retries("volume status", lambda: call(
            "GET", f"{CINDER}/{project}/volumes/{volume}", token_))
        if shown["volume"]["status"] == "available":
            return volume
        if shown["volume"]["status"] == "error":
            fail(f"volume {name} is in error")
        time.sleep(0.5)
    fail(f"volume {name} did not become available")


def start_api(work, name, node, keystone_root):
    conf = os.path.join(work, f"api-{name}.conf")
    with open(conf, "w") as f:
        f.write(f"[DEFAULT]\nbind_host = 127.0.0.1\nbind_port = {API_PORTS[name]}\n"
                "[api]\nauth_strategy = keystone\n[database]\n"
                f"connection = mysql+pymysql://freezer:freezer@127.0.0.1:{node}/{DATABASE}\n"
                f"[keystone_authtoken]\nwww_authenticate_uri = {keystone_root}\n"
                f"auth_url = {keystone_root}\nauth_type = password\nusername = freezer\n"
                "password = freezerpass\nproject_name = service\n"
                "user_domain_name = Default\nproject_domain_name = Default\n")
    if name == "A":
        subprocess.run([MANAGE, "--config-file", conf, "db", "sync"], check=True,
                       stdout=subprocess.DEVNULL)
    else:
        applied_on(node)
    log = open(os.path.join(work, f"api-{name}.log"), "w")
    process = subprocess.Popen([API, "--config-file", conf], stdout=log, stderr=subprocess.STDOUT)
    wait_until(f"API {name} starts", lambda: healthy(API_PORTS[name]), 30)
    return process


def applied_on(node):
    """Waits until the node has applied what the cluster committed (the schema db sync made
    through node 1): Galera applies on the other nodes asynchronously, and an API that finds
    its schema behind stops at start."""
    def caught_up():
        return subprocess.run(
            ["mariadb", "--no-defaults", "-h", "127.0.0.1", "-P", str(node), "-ufreezer",
             "-pfreezer", "-N", "-e", "SET SESSION wsrep_sync_wait = 1; SELECT COUNT(*) "
             f"FROM {DATABASE}.freezer_schema_migrations"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode == 0
    # A node that has just rejoined the cluster refuses queries until it is synced.
    wait_until(f"Galera node on port {node} applies the schema", caught_up, 60)


def healthy(port):
    try:
        return call("GET", f"http://127.0.0.1:{port}/healthcheck")[0] == 200
    except OSError:
        return False


def start_scheduler(work, n, api, keystone):
    conf = os.path.join(work, f"sched-{n}.conf")
    with open(conf, "w") as f:
        f.write(f"[DEFAULT]\nlog_file = {work}/sched-{n}.log\n"
                f"[scheduler]\ncentralized_scheduler = true\nclient_id = pool-central\n"
                f"interval = {INTERVAL}\nconcurrent_jobs = 4\njobs_dir = {work}/jobs-{n}\n"
                "[capabilities]\nsupported_actions = backup\nsupported_modes = cindernative\n"
                f"[service_auth]\nos_auth_url = {keystone}\nos_username = freezer\n"
                "os_password = freezerpass\nos_project_name = service\n"
                "os_user_domain_name = Default\nos_project_domain_name = Default\n"
                f"os_backup_url = http://127.0.0.1:{API_PORTS[api]}\n"
                "[cinder]\npoll_interval = 2\n"
                f"[coordination]\nbackend_url = {ZK}\nmember_id = pool-scheduler-{n}\n")
    return subprocess.Popen([SCHED, "--config-file", conf, "--no-daemon", "start"],
                            stdout=open(os.path.join(work, f"sched-{n}.out"), "w"),
                            stderr=subprocess.STDOUT)


def log_of(work, n, name=None):
    try:
        with open(os.path.join(work, name or f"sched-{n}.log")) as f:
            return f.read()
    except OSError:
        return ""


def wait_until(what, check, limit):
    deadline = time.time() + limit
    while time.time() < deadline:
        if check():
            return time.time()
        time.sleep(0.2)
    fail(f"timed out ({limit} s): {what}")


def iso(t):
    return datetime.datetime.fromtimestamp(t, datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S")


def galera(*args):
    subprocess.run([os.path.join(HERE, "..", "services", "galera.sh"), *args], check=True,
                   stdout=subprocess.DEVNULL)


def main():
    env = ids()
    keystone = env["KS_URL"]
    keystone_root = keystone[:-len("/v3")]
    admin = token(keystone, "admin", "adminpass", "admin")
    work = tempfile.mkdtemp(prefix="freezer-pool-")
    processes = {}
    subprocess.run(["mariadb", "--no-defaults", "-h", "127.0.0.1", "-P", str(GALERA[1]),
                    "-ufreezer", "-pfreezer", "-e", f"CREATE DATABASE {DATABASE}"], check=True)
    try:
        started = time.time()
        projects = keystone_setup(keystone, admin)
        tokens = {project: token(keystone, USER, PASSWORD, name) for name, project in projects}
        processes["api-A"] = start_api(work, "A", GALERA[1], keystone_root)
        processes["api-B"] = start_api(work, "B", GALERA[2], keystone_root)
        for n, api in ((1, "A"), (2, "B"), (3, "A")):
            processes[f"sched-{n}"] = start_scheduler(work, n, api, keystone)
        for n in (1, 2, 3):
            wait_until(f"scheduler {n} sees the whole pool",
                       lambda n=n: "3 member(s) in the pool" in log_of(work, n), 60)

        # One volume per job, made in parallel.
        slots = [(project, j) for _, project in projects for j in range(JOBS_PER_PROJECT)]
        with concurrent.futures.ThreadPoolExecutor(8) as pool:
            volumes = list(pool.map(
                lambda slot: new_volume(tokens[slot[0]], slot[0], f"pool-{slot[1]}"), slots))
        print(f"setup: {len(projects)} projects, {len(volumes)} volumes, pool of 3 in "
              f"{time.time() - started:.0f} s", flush=True)

        # 20 one-shot jobs due over 30 seconds, half made through each API.
        first_due = time.time() + 30
        def create(k):
            project, _ = slots[k]
            api = "A" if k % 2 == 0 else "B"
            body = {"client_id": "pool-central", "description": f"pool job {k}",
                    "job_schedule": {"schedule_date": iso(first_due + (k % 40) * 1.5)},
                    "job_actions": [{"max_retries": 2, "max_retries_interval": 5,
                                     "freezer_action": {
                                         "action": "backup", "mode": "cindernative",
                                         "cindernative_vol_id": volumes[k],
                                         "storage": "local"}}]}
            def attempt():
                status, made, _ = call(
                    "POST", f"http://127.0.0.1:{API_PORTS[api]}/v2/{project}/jobs",
                    tokens[project], body)
                if status != 201:
                    fail(f"job {k} through API {api}: {status} {made}")
                return made["job_id"]
            return with_retries(f"job {k}", attempt)
        with concurrent.futures.ThreadPoolExecutor(8) as pool:
            jobs = list(pool.map(create, range(len(slots))))
        job_project = dict(zip(jobs, (slot[0] for slot in slots)))
        print(f"{len(jobs)} jobs made; first due in {first_due - time.time():.0f} s",
              flush=True)

        # A third of the way in, scheduler 1 dies.
        time.sleep(max(0, first_due + 20 - time.time()))
        runs_of_1 = len(re.findall(r"Cinder backup \S+ of volume \S+ created", log_of(work, 1)))
        seen_before = {n: len(log_of(work, n)) for n in (2, 3)}
        processes["sched-1"].kill()
        killed = time.time()
        survivors = "2 member(s) in the pool: pool-scheduler-2, pool-scheduler-3"
        noticed = max(wait_until(f"scheduler {n} sees scheduler 1 leave",
                                 lambda n=n: survivors in log_of(work, n)[seen_before[n]:],
                                 SESSION_TIMEOUT + 2 * INTERVAL + 10) for n in (2, 3))
        print(f"scheduler 1 killed after {runs_of_1} backups; the others took its jobs over "
              f"{noticed - killed:.1f} s later", flush=True)
        if noticed - killed > SESSION_TIMEOUT + 2 * INTERVAL:
            fail(f"the pool took {noticed - killed:.1f} s to move scheduler 1's jobs (more than "
                 f"the {SESSION_TIMEOUT} s session timeout plus two {INTERVAL} s polls)")
        # Each survivor lists only the jobs that move to it (pool_members_before), not its
        # whole new share.
        for n in (2, 3):
            wait_until(f"scheduler {n} lists the jobs that move to it",
                       lambda n=n: re.search(r"Poll cycle: \d+ jobs in \d+ ms \(the jobs that moved",
                                             log_of(work, n)[seen_before[n]:]), 2 * INTERVAL + 10)

        # Then Galera node 2, under API B, crashes and comes back 20 s later.
        time.sleep(max(0, first_due + 35 - time.time()))
        galera("kill-node", "2")
        print("galera node 2 killed", flush=True)
        time.sleep(20)
        galera("start-node", "2")
        print("galera node 2 back", flush=True)

        # Scheduler 1 comes back as a new member: a third of the jobs move to it again,
        # some of them in the middle of a run on another member.
        os.rename(os.path.join(work, "sched-1.log"), os.path.join(work, "sched-1-killed.log"))
        processes["sched-1"] = start_scheduler(work, 1, "A", keystone)
        wait_until("scheduler 1 rejoins the pool",
                   lambda: "3 member(s) in the pool" in log_of(work, 1), 60)
        print("scheduler 1 back in the pool", flush=True)

        # Every job completes.
        def states():
            out = {}
            for project in {p for p, _ in slots}:
                status, listed, _ = call(
                    "GET", f"http://127.0.0.1:{API_PORTS['A']}/v2/{project}/jobs?limit=100",
                    tokens[project])
                if status != 200:
                    return None
                for job in listed["jobs"]:
                    schedule = job.get("job_schedule", {})
                    out[job["job_id"]] = (schedule.get("status"), schedule.get("result"))
            return out
        last_progress, completed = time.time(), 0
        while True:
            seen = states() or {}
            done = [j for j in jobs if seen.get(j, (None,))[0] == "completed"]
            if len(done) == len(jobs):
                break
            if len(done) > completed:
                last_progress, completed = time.time(), len(done)
            if time.time() - last_progress > STALL_LIMIT:
                fail(f"no job completed for {STALL_LIMIT} s; {len(jobs) - len(done)} left: "
                     f"{[(j, seen.get(j)) for j in jobs if j not in done][:5]}")
            time.sleep(5)
        print(f"every job completed {time.time() - first_due:.0f} s after the first was due",
              flush=True)
        failed = [(j, seen[j]) for j in jobs if seen[j][1] != "success"]
        if failed:
            fail(f"{len(failed)} jobs did not succeed: {failed[:5]}")

        # Cinder's own count: one backup per job, none lost, none twice.
        per_job = {}
        for project in {p for p, _ in slots}:
            _, listed, _ = call("GET", f"{CINDER}/{project}/backups/detail?limit=1000",
                                tokens[project], headers={"OpenStack-API-Version": "volume 3.64"})
            for backup in listed["backups"]:
                job = backup.get("metadata", {}).get("freezer_job_id")
                if job in job_project:
                    per_job.setdefault(job, []).append(backup["status"])
        lost = [j for j in jobs if j not in per_job]
        twice = {j: s for j, s in per_job.items() if len(s) > 1}
        unavailable = {j: s for j, s in per_job.items() if s != ["available"] and len(s) == 1}
        if lost or twice or unavailable:
            fail(f"{len(lost)} jobs without a backup {lost[:3]}, {len(twice)} with several "
                 f"{list(twice.items())[:3]}, {len(unavailable)} not available "
                 f"{list(unavailable.items())[:3]}")
        logs = "".join(log_of(work, n) for n in (1, 2, 3)) + log_of(work, 1, "sched-1-killed.log")
        taken_over = len(re.findall(r"already made Cinder backup", logs))
        waited = len(re.findall(r"waits for its lock", logs))
        per_member = [len(re.findall(r"Cinder backup \S+ of volume \S+ is available",
                                     log_of(work, n))) for n in (1, 2, 3)]
        moved_back = len(re.findall(r"Job \S+ belongs to pool member pool-scheduler-1 now", logs))
        print(f"scheduler pool: all checks passed: {len(jobs)} jobs in {PROJECTS} projects, "
              f"{sum(len(s) for s in per_job.values())} Cinder backups (one per job); "
              f"backups seen through by scheduler 1 (after its restart)/2/3: {per_member}; "
              f"{taken_over} taken over from another run, {waited} runs waited for a lock, "
              f"{moved_back} jobs moved back to scheduler 1; "
              f"{time.time() - started:.0f} s in all", flush=True)
    except BaseException:
        for name in API_PORTS:
            tail = log_of(work, None, f"api-{name}.log").splitlines()[-15:]
            print(f"--- API {name} log:\n" + "\n".join(tail), file=sys.stderr)
        for n in (1, 2, 3):
            # Its lines about jobs and runs (the last ones are mostly poll cycles).
            lines = [line for line in log_of(work, n).splitlines()
                     if "Poll cycle" not in line and " INFO freezer-scheduler [-] request" not in line]
            print(f"--- scheduler {n} log, without poll cycles:\n" + "\n".join(lines[-60:]),
                  file=sys.stderr)
        raise
    finally:
        for process in processes.values():
            if process.poll() is None:
                process.terminate()
        for process in processes.values():
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
        galera("start-node", "2")
        subprocess.run(["mariadb", "--no-defaults", "-h", "127.0.0.1", "-P", str(GALERA[1]),
                        "-ufreezer", "-pfreezer", "-e", f"DROP DATABASE IF EXISTS {DATABASE}"])
        if not os.environ.get("KEEP"):
            subprocess.run(["rm", "-rf", work])


if __name__ == "__main__":
    main()
