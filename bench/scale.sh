#!/usr/bin/env bash
# `make bench-scale`: this API over a large database. One job and one backup are made
# through the API (the templates); SQL then copies them into $SCALE_JOBS jobs (one action
# each) and $SCALE_BACKUPS backups over $SCALE_PROJECTS projects, the demo project being one
# of them. wrk then reads a project's first page, a deep all_projects page with a marker and
# a project's backups; the API's resident memory is read at the end.
# Usage: bench/scale.sh <build dir> sqlite|mariadb
# Env: SCALE_JOBS (1000000), SCALE_BACKUPS (1000000), SCALE_PROJECTS (10000),
#      SCALE_SECONDS (8), SCALE_CONNECTIONS (10), BENCH_OUT (<build>/bench/scale-<db>.json)
set -euo pipefail
export PATH=/usr/bin:/usr/sbin:/bin:/sbin:$PATH
build=$(cd "$1" && pwd)
backend=$2
here=$(cd "$(dirname "$0")" && pwd)
services=$here/../tests/services
JOBS=${SCALE_JOBS:-1000000}
BACKUPS=${SCALE_BACKUPS:-1000000}
PROJECTS=${SCALE_PROJECTS:-10000}
SECONDS_EACH=${SCALE_SECONDS:-8}
CONNECTIONS=${SCALE_CONNECTIONS:-10}
OUT=${BENCH_OUT:-$build/bench/scale-$backend.json}
API_PORT=29193
MDB_PORT=${MDB_PORT:-23306}
KS_DIR=${FREEZER_TEST_KS_DIR:-/tmp/freezer-test-keystone}

FAIL_PREFIX=bench-scale
. "$here/../tests/support/lib.sh"
. "$here/lib.sh"
bench_setup bench-scale

case $backend in
  sqlite)
    db_url=sqlite:///$work/scale.db
    run_sql() { sqlite3 "$work/scale.db"; }
    hex() { echo "printf('%0${2}x', $1)"; }
    prefixed() { echo "('$1' || $2)"; }
    preamble= ;;
  mariadb)
    "$services/mariadb.sh" start >/dev/null
    bench_mariadb -e "DROP DATABASE IF EXISTS freezer_bench_scale; CREATE DATABASE freezer_bench_scale"
    db_url="mysql+pymysql://freezer:freezer@127.0.0.1:$MDB_PORT/freezer_bench_scale?charset=utf8mb4"
    run_sql() { bench_mariadb freezer_bench_scale; }
    hex() { echo "LOWER(LPAD(HEX($1), $2, '0'))"; }
    prefixed() { echo "CONCAT('$1', $2)"; }
    preamble="SET SESSION max_recursive_iterations = 4294967295;" ;;
  *) fail "unknown backend $backend" ;;
esac

bench_api_conf "$API_PORT" "$db_url"
bench_api_start "$API_PORT"
template_job=$(python3 "$here/seed.py" "http://127.0.0.1:$API_PORT" 1 1 "$demo_token:$DEMO_PROJECT_ID")
bench_api_stop

# Row i belongs to project i % PROJECTS; project 0 is the demo project. Ids are 32 hex
# digits with a per-table first digit, so they sort (and page) like uuid4 hex ids.
project="CASE WHEN n.i % $PROJECTS = 0 THEN '$DEMO_PROJECT_ID' ELSE $(hex "n.i % $PROJECTS" 32) END"
numbers() { echo "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < $(($1 - 1)))"; }
started=$(date +%s.%N)
run_sql <<SQL
$preamble
INSERT INTO clients (id, project_id, user_id, client_id, hostname, description, uuid,
  supported_actions, supported_modes, supported_storages, supported_engines, is_central,
  created_at, updated_at, deleted_at, deleted)
$(numbers "$PROJECTS") SELECT $(prefixed c "$(hex n.i 31)"), $project, c.user_id, c.client_id, c.hostname,
  c.description, $(hex n.i 32), c.supported_actions, c.supported_modes, c.supported_storages,
  c.supported_engines, c.is_central, c.created_at, c.updated_at, NULL, 0
FROM n, clients c WHERE n.i > 0 AND c.client_id = 'bench-node';
INSERT INTO actions (id, action, project_id, user_id, actionmode, path_to_backup, backup_name,
  container, timeout, priority, max_retries_interval, max_retries, mandatory, log_file,
  backup_metadata, created_at, updated_at, deleted_at, deleted)
$(numbers "$JOBS") SELECT $(prefixed a "$(hex n.i 31)"), a.action, $project, a.user_id, a.actionmode,
  a.path_to_backup, a.backup_name, a.container, a.timeout, a.priority, a.max_retries_interval,
  a.max_retries, a.mandatory, a.log_file, a.backup_metadata, a.created_at, a.updated_at, NULL, 0
FROM n, actions a, job_actions ja WHERE ja.job_id = '$template_job' AND a.id = ja.action_id;
INSERT INTO jobs (id, project_id, user_id, schedule, client_id, session_id, session_tag,
  description, created_at, updated_at, deleted_at, deleted)
$(numbers "$JOBS") SELECT $(prefixed b "$(hex n.i 31)"), $project, j.user_id, j.schedule, j.client_id,
  j.session_id, j.session_tag, j.description, j.created_at, j.updated_at, NULL, 0
FROM n, jobs j WHERE j.id = '$template_job';
INSERT INTO job_actions (id, job_id, action_id, position, created_at, updated_at, deleted_at, deleted)
$(numbers "$JOBS") SELECT $(prefixed d "$(hex n.i 31)"), $(prefixed b "$(hex n.i 31)"),
  $(prefixed a "$(hex n.i 31)"), 0, ja.created_at, ja.updated_at, NULL, 0
FROM n, job_actions ja WHERE ja.job_id = '$template_job';
INSERT INTO backups (id, job_id, project_id, user_id, backup_metadata, status, created_at,
  updated_at, deleted_at, deleted)
$(numbers "$BACKUPS") SELECT $(prefixed e "$(hex n.i 31)"), b.job_id, $project, b.user_id,
  b.backup_metadata, b.status, b.created_at, b.updated_at, NULL, 0
FROM n, (SELECT * FROM backups LIMIT 1) b;
SQL
seed_seconds=$(awk "BEGIN {print $(date +%s.%N) - $started}")
echo "seeded $JOBS jobs and $BACKUPS backups over $PROJECTS projects in ${seed_seconds} s" >&2

bench_api_start "$API_PORT"
: > "$work/results.jsonl"
measure() {  # measure <scenario> <url> <token>
  local line
  line=$(BENCH_TOKEN=$3 bench_wrk 2 "$CONNECTIONS" "$SECONDS_EACH" "$2") || fail "wrk failed on $1"
  bench_record "$backend" api "$1" "$line"
  printf '  %-28s %s\n' "$1" "$line" >&2
}
deep_marker=b$(printf '%031x' $((JOBS * 9 / 10)))
p=$DEMO_PROJECT_ID
measure project_jobs_first_page "http://127.0.0.1:$API_PORT/v2/$p/jobs?limit=10" "$demo_token"
measure all_projects_deep_marker \
  "http://127.0.0.1:$API_PORT/v2/$SERVICE_PROJECT_ID/jobs?all_projects=True&limit=100&marker=$deep_marker" "$svc_token"
# A pool member's steady poll: what changed in the last 90 s (the templates), at this size.
since=$(( $(date +%s) * 1000000 - 90000000 ))
measure all_projects_changes \
  "http://127.0.0.1:$API_PORT/v2/$SERVICE_PROJECT_ID/jobs?all_projects=True&limit=1000&changes_since=$since" "$svc_token"
# A page of a member's share (one of three) during its full listing.
measure pool_share_deep_marker \
  "http://127.0.0.1:$API_PORT/v2/$SERVICE_PROJECT_ID/jobs?all_projects=True&limit=100&marker=$deep_marker&pool_members=m1,m2,m3&pool_member=m2" "$svc_token"
measure project_backups_first_page "http://127.0.0.1:$API_PORT/v2/$p/backups?limit=10" "$demo_token"
measure get_job "http://127.0.0.1:$API_PORT/v2/$p/jobs/b$(printf '%031x' 0)" "$demo_token"
rss_kb=$(awk '/^VmRSS/ {print $2}' "/proc/$api_pid/status")
hwm_kb=$(awk '/^VmHWM/ {print $2}' "/proc/$api_pid/status")
bench_api_stop
startup=$(python3 "$here/startup_time.py" "$API_PORT" "$build/freezer_api/freezer-api" \
  --config-file "$work/api.conf")
mkdir -p "$(dirname "$OUT")"
python3 - "$work/results.jsonl" "$OUT" <<PY
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
doc = {"backend": "$backend", "jobs": $JOBS, "backups": $BACKUPS, "projects": $PROJECTS,
       "connections": $CONNECTIONS, "seed_seconds": $seed_seconds, "rss_mb": $rss_kb / 1024,
       "peak_rss_mb": $hwm_kb / 1024, "startup_ms": $startup,
       "results": {r["scenario"]: r["result"] for r in rows}}
json.dump(doc, open(sys.argv[2], "w"), indent=2)
print(f"\n$backend, {doc['jobs']:,} jobs, {doc['backups']:,} backups, {doc['projects']:,} projects "
      f"(seeded in {doc['seed_seconds']:.0f} s), wrk {doc['connections']} connections:")
print("| scenario | req/s | p50 ms | p99 ms |\n|---|---:|---:|---:|")
for name, r in doc["results"].items():
    print(f"| {name} | {r['rps']:,.0f} | {r['p50_us']/1000:.2f} | {r['p99_us']/1000:.2f} |")
print(f"API RSS {doc['rss_mb']:.0f} MB (peak {doc['peak_rss_mb']:.0f} MB); "
      f"start-up to the first answer {doc['startup_ms']} ms")
PY
