# shellcheck shell=bash disable=SC2154
# Shared by bench/run.sh and bench/scale.sh (sourced after tests/support/lib.sh): the scratch
# directory, the test Keystone and its tokens, this API with Keystone auth, and wrk.
# The caller sets $build, $here, $services, $KS_DIR and MDB_PORT.

# bench_setup <name>: $work (removed at exit), the test Keystone started, $KS_URL and the
# demo and service users' tokens ($demo_token, $svc_token); the API is stopped at exit.
bench_setup() {
  new_work_dir "$1"
  api_pid=''
  at_exit bench_api_stop
  . "$services/keystone_token.sh"
  "$services/keystone.sh" start >/dev/null
  . "$KS_DIR/ids.env"
  demo_token=$(keystone_token "$KS_URL" demo demopass demo)
  svc_token=$(keystone_token "$KS_URL" svc svcpass service)
}

# bench_api_conf <port> <database url>: $work/api.conf, the API as `make run` builds it but
# authenticating with the test Keystone.
bench_api_conf() {
  local ks_root=${KS_URL%/v3}
  cat > "$work/api.conf" <<CONF
[DEFAULT]
bind_host = 127.0.0.1
bind_port = $1
log_file = $work/api.log
[api]
auth_strategy = keystone
[database]
connection = $2
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
  "$build/db/freezer-manage" --config-file "$work/api.conf" db sync >/dev/null 2>&1 || fail "db sync"
}

wait_http() {  # wait_http <url>: until it answers (10 s)
  for _ in $(seq 500); do curl -s -o /dev/null --max-time 1 "$1" && return 0; sleep 0.02; done
  fail "$1 does not answer"
}

# bench_api_start <port>: the API of $work/api.conf; sets $api_pid.
bench_api_start() {
  "$build/freezer_api/freezer-api" --config-file "$work/api.conf" >/dev/null 2>&1 &
  api_pid=$!
  wait_http "http://127.0.0.1:$1/healthcheck"
}

bench_api_stop() {
  [ -n "$api_pid" ] || return 0
  kill "$api_pid" 2>/dev/null || true
  wait "$api_pid" 2>/dev/null || true
  api_pid=''
}

bench_mariadb() { mariadb --no-defaults -h127.0.0.1 -P"$MDB_PORT" -ufreezer -pfreezer "$@"; }

# bench_wrk <threads> <connections> <seconds> <url>: one wrk run (BENCH_METHOD, BENCH_TOKEN,
# BENCH_BODY in the environment); prints wrk_report.lua's JSON line.
bench_wrk() {
  wrk -t"$1" -c"$2" -d"$3s" --timeout 5s -s "$here/wrk_report.lua" "$4" | grep '^{"requests"'
}

# bench_record <backend> <target> <scenario> <result JSON>: one line of $work/results.jsonl.
bench_record() {
  echo "{\"backend\": \"$1\", \"target\": \"$2\", \"scenario\": \"$3\", \"result\": $4}" \
    >> "$work/results.jsonl"
}
