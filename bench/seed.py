#!/usr/bin/env python3
"""Seeds a freezer-api for `make bench` through its REST API, the same data for every API
compared: per project one client, JOBS jobs (one fs backup action each) and BACKUPS backups.
Prints the first job id of the first project (the one the job scenarios read and patch).

Usage: seed.py <api url> <jobs> <backups> <token>:<project id> [<token>:<project id> ...]
"""
import http.client
import json
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
    first_job = None
    for i in range(jobs):
        job = {"description": f"bench job {i}", "client_id": CLIENT_ID,
               "job_schedule": {"schedule_interval": "1 days"},
               "job_actions": [{"freezer_action": {
                   "action": "backup", "mode": "fs", "path_to_backup": "/etc",
                   "backup_name": f"bench-{i}", "container": "/var/backups/bench",
                   "storage": "local"}, "max_retries": 3, "max_retries_interval": 60}]}
        job_id = api.post("jobs", job)["job_id"]
        first_job = first_job or job_id
    for i in range(backups):
        api.post("backups", {"container": "/var/backups/bench", "hostname": "bench-host",
                             "backup_name": f"bench-{i % 100}", "level": 0,
                             "curr_backup_level": 0, "time_stamp": 1700000000 + i,
                             "fs_real_path": "/etc", "vol_snap_path": "/etc"})
    return first_job


def main():
    url, jobs, backups = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    first = None
    for scope in sys.argv[4:]:
        token, project = scope.split(":", 1)
        job = seed_project(Api(url, token, project), jobs, backups)
        first = first or job
    print(first)


if __name__ == "__main__":
    main()
