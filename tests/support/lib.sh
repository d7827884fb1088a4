# The shell tests' library (sourced by every test script under tests/): a scratch directory,
# what runs at exit, how a failure is reported, and helpers for the API under test and the
# `freezer` CLI.
#
#   new_work_dir NAME      $work: a fresh private directory, removed at exit (KEEP=1 keeps it)
#   at_exit CMD [ARG...]   runs CMD at exit, whatever the outcome; the last registered runs
#                          first. The library owns the EXIT trap: scripts register, not trap.
#   stop_at_exit PID       kills the process at exit and waits for it
#   show_on_failure FILE [LINES]   fail() prints the end of FILE (default 20 lines)
#   on_failure CMD [ARG...]        fail() also runs CMD (a script's own diagnostics)
#   fail MESSAGE           prints "FAIL: MESSAGE" and the diagnostics, and exits 1
#
# Under `set -o pipefail`, `command | grep -q` fails whenever grep exits before the command has
# written everything (SIGPIPE): these scripts write `| grep PATTERN >/dev/null` instead.

_freezer_exit_actions=()
_freezer_failure_logs=()
_freezer_failure_actions=()
FAIL_PREFIX=${FAIL_PREFIX:-FAIL}

_freezer_run_exit_actions() {
  local status=$? i
  set +e
  for ((i = ${#_freezer_exit_actions[@]} - 1; i >= 0; i--)); do
    eval "${_freezer_exit_actions[i]}" >/dev/null 2>&1
  done
  return $status
}
trap _freezer_run_exit_actions EXIT
trap 'exit 130' INT TERM

at_exit() {
  local command
  printf -v command '%q ' "$@"
  _freezer_exit_actions+=("$command")
}

_freezer_stop_process() {
  kill "$1" 2>/dev/null
  wait "$1" 2>/dev/null
  return 0
}
stop_at_exit() { at_exit _freezer_stop_process "$1"; }

_freezer_remove_work() {
  if [ -n "${KEEP:-}" ]; then echo "kept $1" >&2; else rm -rf "$1"; fi
}
new_work_dir() {
  work=$(mktemp -d "/tmp/freezer-$1-XXXXXX")
  at_exit _freezer_remove_work "$work"
}

show_on_failure() { _freezer_failure_logs+=("$1:${2:-20}"); }
on_failure() {
  local command
  printf -v command '%q ' "$@"
  _freezer_failure_actions+=("$command")
}

fail() {
  local entry file lines action
  echo "$FAIL_PREFIX: $*" >&2
  for entry in "${_freezer_failure_logs[@]}"; do
    file=${entry%:*} lines=${entry##*:}
    [ -s "$file" ] && { echo "--- last $lines lines of $file:" >&2; tail -n "$lines" "$file" >&2; }
  done
  for action in "${_freezer_failure_actions[@]}"; do eval "$action" >&2 || true; done
  exit 1
}

# The shared test Keystone (tests/services/keystone.sh), unless the script runs its own.
KS_DIR=${KS_DIR:-${FREEZER_TEST_KS_DIR:-/tmp/freezer-test-keystone}}

# start_api <freezer-api> <freezer-manage> <port> keystone|noauth: db sync on a fresh SQLite
# database in $work (or on $API_DB_URL), then the API on 127.0.0.1:<port> (authenticating with
# the test Keystone, or not), stopped at exit and its log shown on failure; sets $api_pid and
# $api_log.
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
  stop_at_exit "$api_pid"
  show_on_failure "$api_log"
  for _ in $(seq 100); do curl -s -o /dev/null "http://127.0.0.1:$port/healthcheck" && break; sleep 0.05; done
  curl -s -o /dev/null "http://127.0.0.1:$port/healthcheck" || fail "the API did not start"
}

# wait_for <seconds> <description> <command...>: fails the test when the command never succeeds.
# The limit is wall-clock time: a check that itself takes seconds (the freezer CLI on a busy
# machine) does not stretch it.
wait_for() {
  local limit=$1 what=$2 deadline
  shift 2
  deadline=$((SECONDS + limit))
  while [ "$SECONDS" -lt "$deadline" ]; do "$@" && return 0; sleep 0.5; done
  "$@" && return 0
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
