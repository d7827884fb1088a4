# Shared by the end-to-end scripts (sourced): the API under test, and helpers for the
# `freezer` CLI. The caller sets $work (a scratch directory) and defines fail().
# Under `set -o pipefail`, `command | grep -q` fails whenever grep exits before the command has
# written everything (SIGPIPE): these scripts write `| grep PATTERN >/dev/null` instead.

KS_DIR=${FREEZER_TEST_KS_DIR:-/tmp/freezer-test-keystone}

# start_api <freezer-api> <freezer-manage> <port> keystone|noauth: db sync on a fresh SQLite
# database in $work (or on $API_DB_URL), then the API on 127.0.0.1:<port> (authenticating with
# the test Keystone, or not); sets $api_pid and $api_log.
start_api() {
  local api=$1 manage=$2 port=$3 auth=$4
  api_log=$work/api.log
  {
    printf '[DEFAULT]\nbind_host = 127.0.0.1\nbind_port = %s\n' "$port"
    printf '[api]\nauth_strategy = %s\n' "$auth"
    printf '[database]\nconnection = %s\n' "${API_DB_URL:-sqlite:///$work/freezer.db}"
    if [ "$auth" = keystone ]; then
      . "$KS_DIR/ids.env"
      local ks_root=${KS_URL%/v3}
      printf '[keystone_authtoken]\nwww_authenticate_uri = %s\nauth_url = %s\n' "$ks_root" "$ks_root"
      printf 'auth_type = password\nusername = freezer\npassword = freezerpass\nproject_name = service\n'
      printf 'user_domain_name = Default\nproject_domain_name = Default\n'
    fi
  } > "$work/api.conf"
  "$manage" --config-file "$work/api.conf" db sync >/dev/null || fail "db sync"
  "$api" --config-file "$work/api.conf" > "$api_log" 2>&1 &
  api_pid=$!
  for _ in $(seq 100); do curl -s -o /dev/null "http://127.0.0.1:$port/healthcheck" && break; sleep 0.05; done
  curl -s -o /dev/null "http://127.0.0.1:$port/healthcheck" || fail "the API did not start"
}

# wait_for <seconds> <description> <command...>: fails the test when the command never succeeds.
wait_for() {
  local limit=$1 what=$2
  shift 2
  for _ in $(seq $((limit * 2))); do "$@" && return 0; sleep 0.5; done
  fail "timed out ($limit s): $what"
}

# The freezer CLI without the eventlet traceback it prints at exit.
F() { freezer "$@" 2>/dev/null; }
# job_field <job id> <column of job-show>, e.g. Result, Status, Event, "Current pid".
job_field() { F job-show "$1" -f value -c "$2"; }
job_result_is() { [ "$(job_field "$1" Result)" = "$2" ]; }
job_status_is() { [ "$(job_field "$1" Status)" = "$2" ]; }
# create_job <job file> <client id>: prints the new job's id (the CLI says so on stderr).
create_job() {
  freezer job-create --file "$1" --client "$2" > "$work/create.out" 2>&1 || true
  sed -n 's/^Job \([0-9a-f]*\) created$/\1/p' "$work/create.out"
}
create_failure() { grep -vE 'Exception ignored|^Traceback|^  |getcurrent' "$work/create.out"; }
client_listed() { F client-list -f value | grep "$1" >/dev/null; }
