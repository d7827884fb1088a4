#!/usr/bin/env bash
# `make bench` kept working: the whole benchmark on SQLite with one-second runs and a few
# documents, then every scenario must have been measured on this API and on the Python peer
# with no failed request.
# Usage: bench_smoke.sh <build dir>
set -euo pipefail
export PATH=/usr/bin:/usr/sbin:/bin:/sbin:$PATH
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../support/lib.sh"
new_work_dir bench-smoke
out=$work/results.json
BENCH_SECONDS=1 BENCH_JOBS=3 BENCH_BACKUPS=3 BENCH_BACKENDS=sqlite BENCH_OUT=$out \
  "$here/../../bench/run.sh" "$1"
python3 - "$out" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
scenarios = {"get_job", "list_jobs_10", "list_backups_10", "list_all_projects_100", "patch_job",
             "post_backup"}
seen = {(r["target"], r["scenario"]) for r in doc["raw"]}
missing = [(t, s) for t in ("api", "python") for s in scenarios if (t, s) not in seen]
failed = [(r["target"], r["scenario"]) for r in doc["raw"]
          if r["scenario"] != "startup" and (r["result"]["non_2xx"] or r["result"]["socket_errors"]
                                              or r["result"]["requests"] == 0)]
assert ("hello", "ceiling") in seen, "no ceiling measured"
assert not missing, f"not measured: {missing}"
assert not failed, f"requests failed: {failed}"
assert all(s["ratio_to_python"] for s in doc["summary"]), "a ratio is missing"
print("bench smoke: every scenario measured on both APIs, no failed request")
PY
