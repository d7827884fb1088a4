#!/usr/bin/env python3
"""Seeds a freezer-api for `make bench` through its REST API, the same data for every API
compared: per project one client, JOBS jobs (one fs backup action each) and BACKUPS backups.
Prints the first job id of the first project (the one the job scenarios read and patch);
with SEED_JOB_PATHS set, writes the paths of all that project's jobs to that file, one per line
(the PATCH of distinct jobs cycles through them).

Usage: seed.py <api url> <jobs> <backups> <token>:<project id> [<token>:<project id> ...]
"""
import http.client
import json
import os
import sys
import urllib.parse

CLIENT_ID = "bench-node"


class Api:
    def __init__(self, url, token, project):
        parsed = urllib.parse.urlsplit(url)
        self.conn = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=30)
        self.headers = {"X-Auth-Token": token, "Content-Type": "application/json"}
        self.project = project

    def post(self, path, body, ok=(201,)):
        self.conn.request("POST", f"/v2/{self.project}/{path}", json.dumps(body), self.headers)
        response = self.conn.getresponse()
        data = response.read()
        if response.status not in ok:
            sys.exit(f"POST {path}: {response.status} {data[:300]!r}")
        return json.loads(data) if data else {}


def seed_project(api, jobs, backups):
    api.post("clients", {"client_id": CLIENT_ID, "hostname": "bench-host",
                         "description": "benchmark client"}, ok=(201, 409))
    job_ids = []
    for i in range(jobs):
        job = {"description": f"bench job {i}", "client_id": CLIENT_ID,
               "job_schedule": {"schedule_interval": "1 days"},
               "job_actions": [{"freezer_action": {
                   "action": "backup", "mode": "fs", "path_to_backup": "/etc",
                   "backup_name": f"bench-{i}", "container": "/var/backups/bench",
                   "storage": "local"}, "max_retries": 3, "max_retries_interval": 60}]}
        job_ids.append(api.post("jobs", job)["job_id"])
    for i in range(backups):
        api.post("backups", {"container": "/var/backups/bench", "hostname": "bench-host",
                             "backup_name": f"bench-{i % 100}", "level": 0,
                             "curr_backup_level": 0, "time_stamp": 1700000000 + i,
                             "fs_real_path": "/etc", "vol_snap_path": "/etc"})
    return job_ids


def main():
    url, jobs, backups = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    first_project_jobs = None
    for scope in sys.argv[4:]:
        token, project = scope.split(":", 1)
        job_ids = seed_project(Api(url, token, project), jobs, backups)
        if first_project_jobs is None:
            first_project_jobs = (project, job_ids)
    project, job_ids = first_project_jobs
    paths_file = os.environ.get("SEED_JOB_PATHS")
    if paths_file:
        with open(paths_file, "w") as f:
            f.writelines(f"/v2/{project}/jobs/{job_id}\n" for job_id in job_ids)
    print(job_ids[0])


if __name__ == "__main__":
    main()
