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

work=$(mktemp -d /tmp/freezer-bench-XXXXXX)
api_pid=''
hello_pid=''
stop_api() {
  [ -n "$api_pid" ] || return 0
  kill "$api_pid" 2>/dev/null || true
  wait "$api_pid" 2>/dev/null || true
  api_pid=
}
stop_peer() { PEER_DIR=$work/peer PEER_PORT=$PEER_PORT "$services/freezer_api_peer.sh" stop; }
cleanup() {
  stop_api
  stop_peer || true
  [ -n "$hello_pid" ] && kill "$hello_pid" 2>/dev/null
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
die() { echo "bench: $*" >&2; exit 1; }
. "$services/keystone_token.sh"

"$services/keystone.sh" start >/dev/null
. "$KS_DIR/ids.env"
demo_token=$(keystone_token "$KS_URL" demo demopass demo)
alt_token=$(keystone_token "$KS_URL" alt altpass alt)
svc_token=$(keystone_token "$KS_URL" svc svcpass service)
if [ -z "$demo_token" ] || [ -z "$alt_token" ] || [ -z "$svc_token" ]; then die "no Keystone tokens"; fi

wait_http() {  # wait_http <url>: until it answers (10 s)
  for _ in $(seq 500); do curl -s -o /dev/null --max-time 1 "$1" && return 0; sleep 0.02; done
  die "$1 does not answer"
}

# start_api <database url>: this API on 127.0.0.1:$API_PORT, as `make run` would build it.
start_api() {
  local ks_root=${KS_URL%/v3}
  cat > "$work/api.conf" <<CONF
[DEFAULT]
bind_host = 127.0.0.1
bind_port = $API_PORT
log_file = $work/api.log
[api]
auth_strategy = keystone
[database]
connection = $1
[keystone_authtoken]
www_authenticate_uri = $ks_root
auth_url = $ks_root
auth_type = password
username = freezer
password = freezerpass
project_name = service
user_domain_name = Default
project_domain_name = Default
CONF
  "$build/db/freezer-manage" --config-file "$work/api.conf" db sync >/dev/null 2>&1 || die "db sync"
  "$build/freezer_api/freezer-api" --config-file "$work/api.conf" >/dev/null 2>&1 &
  api_pid=$!
  wait_http "http://127.0.0.1:$API_PORT/healthcheck"
}

mariadb_sql() { mariadb --no-defaults -h127.0.0.1 -P"$MDB_PORT" -ufreezer -pfreezer -e "$1"; }

# measure <backend> <target> <scenario> <method> <url> <token> [body]: one wrk run, one line
# of results.
measure() {
  local backend=$1 target=$2 scenario=$3 line
  line=$(BENCH_METHOD=$4 BENCH_TOKEN=$6 BENCH_BODY=${7:-} \
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"${SECONDS_EACH}s" --timeout 5s \
    -s "$here/wrk_report.lua" "$5" | grep '^{"requests"') || die "wrk failed on $target $scenario"
  echo "{\"backend\": \"$backend\", \"target\": \"$target\", \"scenario\": \"$scenario\", \"result\": $line}" \
    >> "$work/results.jsonl"
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
  measure "$backend" "$target" post_backup POST "$url/v2/$p/backups" "$demo_token" \
    '{"container": "/var/backups/bench", "hostname": "bench-host", "backup_name": "posted", "level": 0, "time_stamp": 1700000000}'
}

seed() {  # seed <url>: the same projects and documents in either API; prints the first job id
  python3 "$here/seed.py" "$1" "$JOBS" "$BACKUPS" "$demo_token:$DEMO_PROJECT_ID" \
    "$alt_token:$ALT_PROJECT_ID"
}

"$build/bench/hello_server" "$HELLO_PORT" 2 &
hello_pid=$!
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
      mariadb_sql "DROP DATABASE IF EXISTS freezer_bench_api; CREATE DATABASE freezer_bench_api;
                   DROP DATABASE IF EXISTS freezer_bench_peer; CREATE DATABASE freezer_bench_peer;"
      api_db="mysql+pymysql://freezer:freezer@127.0.0.1:$MDB_PORT/freezer_bench_api?charset=utf8mb4"
      peer_db="mysql+pymysql://freezer:freezer@127.0.0.1:$MDB_PORT/freezer_bench_peer?charset=utf8mb4" ;;
    *) die "unknown backend $backend" ;;
  esac
  measure "$backend" hello ceiling GET "http://127.0.0.1:$HELLO_PORT/" ""
  start_api "$api_db"
  api_job=$(seed "http://127.0.0.1:$API_PORT")
  scenarios "$backend" api "http://127.0.0.1:$API_PORT" "$api_job"
  stop_api
  if [ "$backend" = sqlite ]; then
    # exec to the first answer, on the database just filled
    ms=$(python3 "$here/startup_time.py" "$API_PORT" "$build/freezer_api/freezer-api" \
      --config-file "$work/api.conf")
    echo "{\"backend\": \"$backend\", \"target\": \"api\", \"scenario\": \"startup\", \"result\": {\"startup_ms\": $ms}}" \
      >> "$work/results.jsonl"
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
