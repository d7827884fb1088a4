#!/usr/bin/env python3
"""`make bench-cloud`: a pool of central freezer-schedulers serving a cloud-sized job table.

The real API (Keystone auth, SQLite or MariaDB), the real freezer-scheduler binaries joined
through the real ZooKeeper ensemble (tests/services/zookeeper.sh), and bench/cloud/cloud_sim.py
standing in for Keystone and Cinder, which cannot hold 100,000 projects here.

JOBS cindernative backup jobs over PROJECTS projects (each with its trust) are written straight
into the database, as a cloud that has run for a while holds them: status scheduled, one action
each, start dates spread evenly over one day from a moment after the pool is up, repeating
daily: a million jobs fall due at about 12 a second. Then, in order:
  1. start-up: each member's first full listing of its share;
  2. quiet: no job is due; the steady change polls, the API's CPU for them, the members' RSS;
  3. due window: jobs fall due; Keystone and Cinder requests per minute, and every job due
     inside the window must have made exactly one Cinder backup (none twice, none missing);
  4. pickup: a job made through the API (as its user) and due at once: time until it runs;
  5. takeover: one member is killed (SIGKILL): time until the survivors have listed its share.
Prints the results and writes them as JSON (one row of docs/scale-out.md's capacity table);
exits 1 when a job due in the window ran twice or not at all.

Usage: cloud_bench.py BUILD_DIR sqlite|mariadb
Env: CLOUD_JOBS (10000), CLOUD_PROJECTS (JOBS/10), CLOUD_MEMBERS (3), CLOUD_INTERVAL (60),
     CLOUD_QUIET (120 s), CLOUD_WINDOW (120 s; the issue's check is 600), CLOUD_LEAD (s from
     the seed to the first due job; default INTERVAL + QUIET + 35 + JOBS/2000), BENCH_OUT (JSON path),
     CLOUD_TOGETHER (1: each project's jobs fall due together, one after the other, as when a
     project backs up all its volumes at one time; default: spread over the day),
     CLOUD_BACKUP_SECONDS (how long the simulated Cinder takes to make a backup; 2),
     CLOUD_SCHEDULER (another freezer-scheduler binary, to compare two builds).
"""
import datetime
import http.client
import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time

BUILD = os.path.abspath(sys.argv[1])
BACKEND = sys.argv[2]
HERE = os.path.dirname(os.path.abspath(__file__))
SERVICES = os.path.join(HERE, "..", "tests", "services")
JOBS = int(os.environ.get("CLOUD_JOBS", "10000"))
PROJECTS = int(os.environ.get("CLOUD_PROJECTS", str(max(1, JOBS // 10))))
MEMBERS = int(os.environ.get("CLOUD_MEMBERS", "3"))
INTERVAL = int(os.environ.get("CLOUD_INTERVAL", "60"))
QUIET = int(os.environ.get("CLOUD_QUIET", "120"))
WINDOW = int(os.environ.get("CLOUD_WINDOW", "120"))
# The first job falls due after the pool is up (its listing, at about 2,000 jobs a second,
# and one interval to settle) and the quiet spell.
LEAD = int(os.environ.get("CLOUD_LEAD", str(INTERVAL + QUIET + 35 + JOBS // 2000)))
TOGETHER = os.environ.get("CLOUD_TOGETHER", "0") == "1"
BACKUP_SECONDS = os.environ.get("CLOUD_BACKUP_SECONDS", "2")
OUT = os.environ.get("BENCH_OUT", os.path.join(
    BUILD, "bench", f"cloud-{BACKEND}-{JOBS}-{MEMBERS}{'-together' * TOGETHER}.json"))
API_PORT, SIM_PORT = 29195, 29196
MDB_PORT = int(os.environ.get("MDB_PORT", "23306"))
ZK = "zookeeper://127.0.0.1:22181,127.0.0.1:22182,127.0.0.1:22183?timeout=10"
SESSION_TIMEOUT = 10
CLIENT = "cloud-central"
SIM = f"http://127.0.0.1:{SIM_PORT}"
API = f"http://127.0.0.1:{API_PORT}"
DAY = 86400


def log(message):
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def fail(message):
    raise SystemExit(f"bench-cloud: FAIL: {message}")


def call(method, url, body=None, token=None, timeout=30):
    parsed = url.split("/", 3)
    conn = http.client.HTTPConnection(parsed[2], timeout=timeout)
    headers = {"Content-Type": "application/json"}
    if token:
        headers["X-Auth-Token"] = token
    conn.request(method, "/" + parsed[3], json.dumps(body) if body is not None else None, headers)
    response = conn.getresponse()
    data = response.read()
    conn.close()
    return response.status, dict(response.getheaders()), data


def token_for(user, project):
    body = {"auth": {"identity": {"methods": ["password"], "password": {"user": {
        "name": user, "domain": {"id": "default"}, "password": "pass"}}},
        "scope": {"project": {"name": project, "domain": {"id": "default"}}}}}
    status, headers, data = call("POST", f"{SIM}/identity/v3/auth/tokens", body)
    if status != 201:
        fail(f"no token for {user}: {status} {data[:200]}")
    return headers["X-Subject-Token"]


def project_of(k):
    return f"{0x10000000 + k:032x}"


def volume_of(i):
    return f"{i:08x}-0000-4000-8000-{i:012x}"


def iso(seconds):
    return datetime.datetime.fromtimestamp(seconds, datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S")


def due_at(i, first_due):
    return first_due + i * DAY / JOBS


def project_index(i):
    """Job i's project: consecutive jobs (due one after the other) together, or round robin."""
    return i * PROJECTS // JOBS if TOGETHER else i % PROJECTS


def seed_rows(first_due):
    """Rows of jobs, actions, job_actions and user_credentials."""
    now = iso(time.time()).replace("T", " ")
    for i in range(JOBS):
        project = project_of(project_index(i))
        user = f"user-{project}"
        job, action = f"b{i:031x}", f"a{i:031x}"
        schedule = json.dumps({"schedule_start_date": iso(due_at(i, first_due)),
                               "schedule_interval": "1 days", "status": "scheduled"})
        freezer_action = json.dumps({"action": "backup", "mode": "cindernative",
                                     "cindernative_vol_id": volume_of(i), "storage": "local",
                                     "backup_name": f"cloud-{i}"})
        yield ((job, project, user, schedule, CLIENT, "", 0, f"cloud job {i}", now, now, None, 0),
               (action, "backup", project, user, "cindernative", None, f"cloud-{i}", None, None,
                None, 60, 0, 0, None, freezer_action, now, now, None, 0),
               (f"d{i:031x}", job, action, 0, now, now, None, 0),
               (f"c{i:031x}", "none", f"trust-{project}", user, job, now, now, None, 0))


INSERTS = [
    "INSERT INTO jobs (id, project_id, user_id, schedule, client_id, session_id, session_tag,"
    " description, created_at, updated_at, deleted_at, deleted) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
    "INSERT INTO actions (id, action, project_id, user_id, actionmode, path_to_backup,"
    " backup_name, container, timeout, priority, max_retries_interval, max_retries, mandatory,"
    " log_file, backup_metadata, created_at, updated_at, deleted_at, deleted)"
    " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
    "INSERT INTO job_actions (id, job_id, action_id, position, created_at, updated_at,"
    " deleted_at, deleted) VALUES (?,?,?,?,?,?,?,?)",
    "INSERT INTO user_credentials (id, decrypt_method, trust_id, trustor_user_id, job_id,"
    " created_at, updated_at, deleted_at, deleted) VALUES (?,?,?,?,?,?,?,?,?)",
]


def seed(execute_many, commit, first_due, batch=10000):
    """Writes seed_rows() through a DB-API cursor's executemany, `batch` jobs per commit."""
    tables = [[], [], [], []]

    def flush():
        for sql, rows in zip(INSERTS, tables):
            if rows:
                execute_many(sql, rows)
            rows.clear()
        commit()

    for rows in seed_rows(first_due):
        for table, row in zip(tables, rows):
            table.append(row)
        if len(tables[0]) == batch:
            flush()
    flush()


def seed_sqlite(path, first_due):
    db = sqlite3.connect(path)
    db.execute("PRAGMA journal_mode=WAL")
    seed(db.executemany, db.commit, first_due)
    db.close()


def seed_mariadb(first_due):
    import pymysql  # python3-pymysql (scripts/install-deps.sh bench)
    db = pymysql.connect(host="127.0.0.1", port=MDB_PORT, user="freezer", password="freezer",
                         database="freezer_bench_cloud", autocommit=False)
    cur = db.cursor()
    seed(lambda sql, rows: cur.executemany(sql.replace("?", "%s"), rows), db.commit, first_due)
    db.close()


class Process:
    def __init__(self, name, argv, log_path):
        self.name, self.log_path = name, log_path
        # Its own process group: a wrapper's child (heaptrack's) goes with it.
        self.proc = subprocess.Popen(argv, stdout=open(log_path + ".out", "w"),
                                     stderr=subprocess.STDOUT, start_new_session=True)

    def cpu_seconds(self):
        with open(f"/proc/{self.proc.pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def rss_mb(self, key="VmRSS"):
        with open(f"/proc/{self.proc.pid}/status") as f:
            for line in f:
                if line.startswith(key + ":"):
                    return int(line.split()[1]) / 1024
        return 0

    def stop(self, sig=signal.SIGTERM):
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, sig)
            try:
                self.proc.wait(30)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()


def wait_until(what, condition, timeout, step=0.5):
    deadline = time.time() + timeout
    while time.time() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(step)
    fail(f"timed out ({timeout} s): {what}")


class LogTail:
    """The lines of a member's log that matter here, read as the log grows: a member logs a few
    lines per job it lists, hundreds of megabytes at a million jobs, too much to read again at
    every check."""
    CYCLE = re.compile(r"^(\S+ \S+) .*Poll cycle: (\d+) (changed )?jobs in (\d+) ms")
    tails = {}

    def __init__(self, path):
        self.path, self.offset, self.cycles = path, 0, []
        self.watched, self.created = set(), {}  # job ids whose "Created job" line is wanted

    @classmethod
    def of(cls, path):
        return cls.tails.setdefault(path, cls(path))

    def read(self):
        try:
            with open(self.path, "rb") as f:
                f.seek(self.offset)
                data = f.read()
        except FileNotFoundError:
            return self
        end = data.rfind(b"\n") + 1  # a line being written is read next time
        self.offset += end
        for line in data[:end].decode(errors="replace").splitlines():
            if "Poll cycle: " in line:
                m = self.CYCLE.match(line)
                if m:
                    self.cycles.append((log_time(m[1]), int(m[2]), bool(m[3]), int(m[4])))
            elif self.watched and "Created job " in line:
                job_id = line.rsplit(" ", 1)[1]
                if job_id in self.watched:
                    self.created[job_id] = log_time(line[:23])
        return self


def log_time(stamp):
    return datetime.datetime.strptime(stamp, "%Y-%m-%d %H:%M:%S.%f").timestamp()


def cycles(path, since=0.0):
    """(time, jobs, changed?, ms) of each poll cycle logged after `since`."""
    return [c for c in LogTail.of(path).read().cycles if c[0] >= since]


def created_at(path, job_id):
    """When the member's log says it created the job (None: not yet)."""
    tail = LogTail.of(path)
    tail.watched.add(job_id)
    return tail.read().created.get(job_id)


def sim_stats(since=None, until=None):
    query = f"?since={since}&until={until}&per_volume=1" if since else ""
    return json.loads(call("GET", f"{SIM}/stats{query}")[2])


def percentile(values, q):
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))] if values else 0


def main():
    work = tempfile.mkdtemp(prefix="freezer-bench-cloud-")
    procs = []
    log(f"{JOBS:,} jobs, {PROJECTS:,} projects, {MEMBERS} members, {BACKEND}, in {work}")
    try:
        run(work, procs)
    finally:
        for p in reversed(procs):
            p.stop()
        subprocess.run([os.path.join(SERVICES, "zookeeper.sh"), "stop"], stdout=subprocess.DEVNULL)
        if not os.environ.get("KEEP"):
            subprocess.run(["rm", "-rf", work])


def run(work, procs):
    results = {"backend": BACKEND, "jobs": JOBS, "projects": PROJECTS, "members": MEMBERS,
               "interval": INTERVAL, "window_seconds": WINDOW, "projects_due_together": TOGETHER,
               "backup_seconds": float(BACKUP_SECONDS)}
    sim = Process("sim", [sys.executable, os.path.join(HERE, "cloud", "cloud_sim.py"),
                          "--port", str(SIM_PORT), "--api-url", API,
                          "--backup-seconds", BACKUP_SECONDS,
                          "--stats-file", f"{work}/sim-stats.json"], f"{work}/sim")
    procs.append(sim)
    if BACKEND == "sqlite":
        db_url = f"sqlite:///{work}/cloud.db"
    else:
        subprocess.run([os.path.join(SERVICES, "mariadb.sh"), "start"], check=True,
                       stdout=subprocess.DEVNULL)
        subprocess.run(["mariadb", "--no-defaults", "-h127.0.0.1", f"-P{MDB_PORT}", "-ufreezer",
                        "-pfreezer", "-e", "DROP DATABASE IF EXISTS freezer_bench_cloud; "
                        "CREATE DATABASE freezer_bench_cloud"], check=True)
        db_url = (f"mysql+pymysql://freezer:freezer@127.0.0.1:{MDB_PORT}/freezer_bench_cloud"
                  "?charset=utf8mb4")
    with open(f"{work}/api.conf", "w") as f:
        f.write(f"[DEFAULT]\nbind_host = 127.0.0.1\nbind_port = {API_PORT}\nlog_file = {work}/api.log\n"
                f"[api]\nauth_strategy = keystone\n[database]\nconnection = {db_url}\n"
                f"[keystone_authtoken]\nwww_authenticate_uri = {SIM}/identity\n"
                f"auth_url = {SIM}/identity\nauth_type = password\nusername = freezer\n"
                "password = pass\nproject_name = service\nuser_domain_name = Default\n"
                "project_domain_name = Default\n")
    subprocess.run([f"{BUILD}/db/freezer-manage", "--config-file", f"{work}/api.conf", "db", "sync"],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    first_due = time.time() + LEAD
    started = time.time()
    if BACKEND == "sqlite":
        seed_sqlite(f"{work}/cloud.db", first_due)
    else:
        seed_mariadb(first_due)
    results["seed_seconds"] = round(time.time() - started, 1)
    log(f"seeded in {results['seed_seconds']} s; the first job falls due in {first_due - time.time():.0f} s")

    subprocess.run([os.path.join(SERVICES, "zookeeper.sh"), "start"], check=True,
                   stdout=subprocess.DEVNULL)
    api = Process("api", [f"{BUILD}/freezer_api/freezer-api", "--config-file", f"{work}/api.conf"],
                  f"{work}/api")
    procs.append(api)
    wait_until("the API answers", healthy, 30, 0.1)

    members = {}
    started = time.time()
    for n in range(1, MEMBERS + 1):
        members[n] = start_member(work, n)
        procs.append(members[n])
    # 1. Start-up: every member's first full listing (after the pool's last join).
    def listed():
        done = []
        for n, m in members.items():
            full = [c for c in cycles(m.log_path + ".log") if not c[2]]
            if not full:
                return None
            done.append(full[-1])
        return done
    wait_until("every member has listed its share", listed, 1800, 1)
    time.sleep(INTERVAL + 5)  # a join after another member's listing makes it list again
    full = listed()
    results["startup_seconds"] = round(max(c[0] for c in full) - started, 1)
    results["full_listing_ms"] = max(c[3] for c in full)
    ready = time.time()
    log(f"pool up in {results['startup_seconds']} s (full listing of a share: {results['full_listing_ms']} ms)")

    # 2. Quiet: only polls until the first due job.
    quiet_end = min(first_due - 5, ready + QUIET)
    api_cpu0, rows0 = api.cpu_seconds(), rows_read()
    time.sleep(max(0, quiet_end - time.time()))
    quiet = time.time() - ready
    if quiet > 20:
        results["api_cpu_polling_pct"] = round(100 * (api.cpu_seconds() - api_cpu0) / quiet, 2)
        if rows0 is not None:
            results["db_rows_read_per_minute_polling"] = round((rows_read() - rows0) * 60 / quiet)
    steady = [c[3] for m in members.values() for c in cycles(m.log_path + ".log", ready) if c[2]]
    results["steady_cycle_ms_p50"] = percentile(steady, 0.5)
    results["steady_cycle_ms_max"] = max(steady, default=0)
    results["member_rss_mb"] = round(max(m.rss_mb() for m in members.values()))
    results["member_peak_rss_mb"] = round(max(m.rss_mb("VmHWM") for m in members.values()))
    log(f"quiet {quiet:.0f} s: cycle p50 {results['steady_cycle_ms_p50']} ms, max "
        f"{results['steady_cycle_ms_max']} ms; API CPU {results.get('api_cpu_polling_pct')}%; "
        f"member RSS {results['member_rss_mb']} MB")

    # 3. Due window.
    window_start = max(time.time(), first_due)
    time.sleep(max(0, window_start - time.time()))
    before = sim_stats()
    api_cpu0, t0, rows0 = api.cpu_seconds(), time.time(), rows_read()
    time.sleep(WINDOW)
    window_end = time.time()
    results["api_cpu_window_pct"] = round(100 * (api.cpu_seconds() - api_cpu0) / (window_end - t0), 2)
    if rows0 is not None:
        results["db_rows_read_per_minute_window"] = round((rows_read() - rows0) * 60 / (window_end - t0))
    time.sleep(30)  # runs of the window's last jobs finish
    after = sim_stats()
    minutes = (window_end - t0) / 60
    results["keystone_per_minute"] = round(delta(before, after, "keystone") / minutes)
    results["cinder_per_minute"] = round(delta(before, after, "cinder") / minutes)
    first = max(0, int((window_start - first_due) * JOBS / DAY) + 1)
    last = int((window_end - 5 - first_due) * JOBS / DAY)
    results.update(exactly_once(first, last, window_start - 10, window_end + 30))
    # What each run asks of Cinder, by route: over the runs that made a backup from the
    # window's start to the end of its tail.
    made = routes(before, after).get("cinder POST /v3/{project}/backups", 0)
    runs = max(1, made)
    results["cinder_per_run"] = round(delta(before, after, "cinder") / runs, 2)
    results["cinder_routes_per_run"] = {
        route: round(count / runs, 2) for route, count in sorted(routes(before, after).items())
        if route.startswith("cinder") and count}
    log(f"window {WINDOW} s: {results['due_jobs']} jobs due, {results['ran_once']} ran once, "
        f"{results['ran_twice']} twice, {results['missed']} missed; Keystone "
        f"{results['keystone_per_minute']}/min, Cinder {results['cinder_per_minute']}/min "
        f"({results['cinder_per_run']} a run: {results['cinder_routes_per_run']}); "
        f"API CPU {results['api_cpu_window_pct']}%")

    # 4. Pickup of a job made through the API.
    results["pickup_seconds"] = pickup(members)
    log(f"a new job was picked up in {results['pickup_seconds']} s")

    # 5. Takeover of a killed member's jobs.
    if MEMBERS > 1:
        results["takeover_seconds"] = takeover(members)
        log(f"the killed member's jobs were taken over in {results['takeover_seconds']} s")

    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as f:
        json.dump(results, f, indent=2)
    print(json.dumps(results))
    if results["ran_twice"] or results["missed"]:
        fail(f"{results['ran_twice']} jobs ran twice and {results['missed']} not at all")


def healthy():
    try:
        return call("GET", f"{API}/healthcheck", timeout=2)[0] == 200
    except OSError:
        return False


def start_member(work, n):
    conf = f"{work}/member-{n}.conf"
    with open(conf, "w") as f:
        f.write(f"[DEFAULT]\nlog_file = {work}/member-{n}.log\n"
                f"[scheduler]\ncentralized_scheduler = true\nclient_id = {CLIENT}\n"
                f"interval = {INTERVAL}\nconcurrent_jobs = 20\njobs_dir = {work}/jobs-{n}\n"
                "[capabilities]\nsupported_actions = backup\nsupported_modes = cindernative\n"
                f"[service_auth]\nos_auth_url = {SIM}/identity/v3\nos_username = freezer\n"
                "os_password = pass\nos_project_name = service\n"
                "os_user_domain_name = Default\nos_project_domain_name = Default\n"
                f"os_backup_url = {API}\n[cinder]\npoll_interval = 2\n"
                f"[coordination]\nbackend_url = {ZK}\nmember_id = cloud-member-{n}\n")
    wrapper = os.environ.get("CLOUD_MEMBER_WRAPPER", "").split()  # e.g. heaptrack -o FILE
    scheduler = os.environ.get("CLOUD_SCHEDULER", f"{BUILD}/freezer_scheduler/freezer-scheduler")
    return Process(f"member-{n}", wrapper + [scheduler,
                                             "--config-file", conf, "--no-daemon", "start"],
                   f"{work}/member-{n}")


def rows_read():
    """MariaDB's count of rows read (Rows_read, the whole server); None on SQLite."""
    if BACKEND != "mariadb":
        return None
    out = subprocess.run(["mariadb", "--no-defaults", "-h127.0.0.1", f"-P{MDB_PORT}", "-ufreezer",
                          "-pfreezer", "-N", "-e", "SHOW GLOBAL STATUS LIKE 'Rows_read'"],
                         capture_output=True, text=True, check=True).stdout.split()
    return int(out[1])


def routes(before, after):
    a, b = after.get("requests", {}), before.get("requests", {})
    return {k: v - b.get(k, 0) for k, v in a.items()}


def delta(before, after, service):
    def total(stats):
        return sum(v for k, v in stats.get("requests", {}).items() if k.startswith(service))
    return total(after) - total(before)


def exactly_once(first, last, since, until):
    """Jobs first..last fell due inside the window: each must have made exactly one backup."""
    stats = sim_stats(int(since), int(until))
    counts = stats.get("backups_per_volume", {})
    due = range(first, last + 1)
    once = sum(1 for i in due if counts.get(volume_of(i), 0) == 1)
    twice = sum(1 for i in due if counts.get(volume_of(i), 0) > 1)
    missed = [i for i in due if counts.get(volume_of(i), 0) == 0]
    if missed:
        log(f"missed jobs (first ten): {missed[:10]}")
    return {"due_jobs": len(due), "ran_once": once, "ran_twice": twice, "missed": len(missed)}


def pickup(members):
    project = project_of(0)
    token = token_for(f"user-{project}", project)
    job = {"description": "pickup", "client_id": CLIENT, "job_schedule": {},
           "job_actions": [{"freezer_action": {"action": "backup", "mode": "cindernative",
                                               "cindernative_vol_id": volume_of(JOBS + 1),
                                               "storage": "local"}, "max_retries": 0}]}
    made = time.time()
    status, _, data = call("POST", f"{API}/v2/{project}/jobs", job, token)
    if status != 201:
        fail(f"the pickup job was refused: {status} {data[:300]}")
    job_id = json.loads(data)["job_id"]

    def created():
        for m in members.values():
            at = created_at(m.log_path + ".log", job_id)
            if at:
                return at
        return None
    return round(wait_until("the new job is picked up", created, 3 * INTERVAL + 60) - made, 1)


def takeover(members):
    victim = members[MEMBERS]
    killed = time.time()
    victim.stop(signal.SIGKILL)
    survivors = [m for n, m in members.items() if n != MEMBERS]

    def relisted():
        done = []
        for m in survivors:
            full = [c for c in cycles(m.log_path + ".log", killed) if not c[2]]
            if not full:
                return None
            done.append(full[0][0])
        return max(done)
    return round(wait_until("the survivors list the dead member's share", relisted,
                            SESSION_TIMEOUT + 10 * INTERVAL + 600, 1) - killed, 1)


if __name__ == "__main__":
    main()
