#!/usr/bin/env bash
# `make bench`: this API and Debian's Python freezer-api 13.0.0, side by side in one run, on
# SQLite and on MariaDB, against the ceiling of the HTTP stack (bench/hello_server.cc), all
# behind the same real Keystone (tokens cached by both). Both APIs get the same data through
# their REST API (bench/seed.py); wrk drives every scenario with keep-alive connections.
# Prints a table per database and writes every number to $BENCH_OUT (JSON).
# Usage: bench/run.sh <build dir>
# Env: BENCH_SECONDS (8) per scenario, BENCH_CONNECTIONS (50), BENCH_THREADS (2),
#      BENCH_JOBS (100) and BENCH_BACKUPS (200) per project, BENCH_BACKENDS ("sqlite mariadb"),
#      BENCH_OUT (<build dir>/bench/results.json)
set -euo pipefail
export PATH=/usr/bin:/usr/sbin:/bin:/sbin:$PATH
build=$(cd "$1" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
services=$here/../tests/services
SECONDS_EACH=${BENCH_SECONDS:-8}
CONNECTIONS=${BENCH_CONNECTIONS:-50}
THREADS=${BENCH_THREADS:-2}
JOBS=${BENCH_JOBS:-100}
BACKUPS=${BENCH_BACKUPS:-200}
BACKENDS=${BENCH_BACKENDS:-sqlite mariadb}
OUT=${BENCH_OUT:-$build/bench/results.json}
API_PORT=29190 PEER_PORT=29191 HELLO_PORT=29192
MDB_PORT=${MDB_PORT:-23306}
KS_DIR=${FREEZER_TEST_KS_DIR:-/tmp/freezer-test-keystone}

FAIL_PREFIX=bench
. "$here/../tests/support/lib.sh"
. "$here/lib.sh"
bench_setup bench
stop_peer() { PEER_DIR=$work/peer PEER_PORT=$PEER_PORT "$services/freezer_api_peer.sh" stop; }
at_exit stop_peer
alt_token=$(keystone_token "$KS_URL" alt altpass alt)
if [ -z "$demo_token" ] || [ -z "$alt_token" ] || [ -z "$svc_token" ]; then fail "no Keystone tokens"; fi

# measure <backend> <target> <scenario> <method> <url> <token> [body]: one wrk run, one line
# of results.
measure() {
  local backend=$1 target=$2 scenario=$3 line
  line=$(BENCH_METHOD=$4 BENCH_TOKEN=$6 BENCH_BODY=${7:-} \
    bench_wrk "$THREADS" "$CONNECTIONS" "$SECONDS_EACH" "$5") || fail "wrk failed on $target $scenario"
  bench_record "$backend" "$target" "$scenario" "$line"
  printf '  %-8s %-18s %s\n' "$target" "$scenario" "$line" >&2
}

# scenarios <backend> <target> <url> <first job id>: every scenario against one API.
scenarios() {
  local backend=$1 target=$2 url=$3 job=$4 p=$DEMO_PROJECT_ID
  measure "$backend" "$target" get_job GET "$url/v2/$p/jobs/$job" "$demo_token"
  measure "$backend" "$target" list_jobs_10 GET "$url/v2/$p/jobs?limit=10" "$demo_token"
  measure "$backend" "$target" list_backups_10 GET "$url/v2/$p/backups?limit=10" "$demo_token"
  if [ "$target" = python ]; then
    # 13.0.0 has no all_projects: the same page size from one project is the nearest work.
    measure "$backend" "$target" list_all_projects_100 GET "$url/v2/$p/jobs?limit=100" "$demo_token"
  else
    measure "$backend" "$target" list_all_projects_100 GET \
      "$url/v2/$SERVICE_PROJECT_ID/jobs?all_projects=True&limit=100" "$svc_token"
  fi
  measure "$backend" "$target" patch_job PATCH "$url/v2/$p/jobs/$job" "$demo_token" \
    '{"description": "patched by the benchmark"}'
  BENCH_PATHS=$work/job_paths measure "$backend" "$target" patch_distinct_jobs PATCH "$url" \
    "$demo_token" '{"description": "patched by the benchmark"}'
  measure "$backend" "$target" post_backup POST "$url/v2/$p/backups" "$demo_token" \
    '{"container": "/var/backups/bench", "hostname": "bench-host", "backup_name": "posted", "level": 0, "time_stamp": 1700000000}'
}

seed() {  # seed <url>: the same projects and documents in either API; prints the first job id
  SEED_JOB_PATHS=$work/job_paths python3 "$here/seed.py" "$1" "$JOBS" "$BACKUPS" "$demo_token:$DEMO_PROJECT_ID" \
    "$alt_token:$ALT_PROJECT_ID"
}

"$build/bench/hello_server" "$HELLO_PORT" 2 &
hello_pid=$!
stop_at_exit "$hello_pid"
wait_http "http://127.0.0.1:$HELLO_PORT/"
: > "$work/results.jsonl"
for backend in $BACKENDS; do
  echo "== $backend" >&2
  case $backend in
    sqlite)
      api_db=sqlite:///$work/bench.db
      peer_db=sqlite:///$work/peer.db ;;
    mariadb)
      "$services/mariadb.sh" start >/dev/null
      bench_mariadb -e "DROP DATABASE IF EXISTS freezer_bench_api; CREATE DATABASE freezer_bench_api;
                   DROP DATABASE IF EXISTS freezer_bench_peer; CREATE DATABASE freezer_bench_peer;"
      api_db="mysql+pymysql://freezer:freezer@127.0.0.1:$MDB_PORT/freezer_bench_api?charset=utf8mb4"
      peer_db="mysql+pymysql://freezer:freezer@127.0.0.1:$MDB_PORT/freezer_bench_peer?charset=utf8mb4" ;;
    *) fail "unknown backend $backend" ;;
  esac
  measure "$backend" hello ceiling GET "http://127.0.0.1:$HELLO_PORT/" ""
  bench_api_conf "$API_PORT" "$api_db"
  bench_api_start "$API_PORT"
  api_job=$(seed "http://127.0.0.1:$API_PORT")
  scenarios "$backend" api "http://127.0.0.1:$API_PORT" "$api_job"
  bench_api_stop
  if [ "$backend" = sqlite ]; then
    # exec to the first answer, on the database just filled
    ms=$(python3 "$here/startup_time.py" "$API_PORT" "$build/freezer_api/freezer-api" \
      --config-file "$work/api.conf")
    bench_record "$backend" api startup "{\"startup_ms\": $ms}"
  fi
  PEER_DIR=$work/peer PEER_PORT=$PEER_PORT PEER_DB_URL=$peer_db "$services/freezer_api_peer.sh" start >/dev/null
  peer_job=$(seed "http://127.0.0.1:$PEER_PORT")
  scenarios "$backend" python "http://127.0.0.1:$PEER_PORT" "$peer_job"
  stop_peer
  rm -rf "$work/peer"
done
mkdir -p "$(dirname "$OUT")"
python3 "$here/report.py" "$work/results.jsonl" "$OUT" \
  "connections=$CONNECTIONS" "threads=$THREADS" "seconds=$SECONDS_EACH" "jobs=$JOBS" "backups=$BACKUPS"
