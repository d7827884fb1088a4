#!/usr/bin/env bash
# freezer-scheduler's command line as operators and upstream's tempest tests use it: start,
# stop, restart, status and reload in any order (all exit 0), the pid file, a daemon in /,
# stale pid files, SIGHUP reload, refusals of bad configuration, and the foreground mode.
# Against the real freezer-api in noauth mode (no Keystone needed).
# Usage: scheduler_daemon.sh <freezer-scheduler> <freezer-api> <freezer-manage>
set -euo pipefail
sched=$1
api=$2
manage=$3
. "$(dirname "$0")/../support/lib.sh"
new_work_dir sched-daemon
# The daemon, whatever pid it has by then.
stop_daemon() { [ -f "$work/sched.pid" ] && kill "$(cat "$work/sched.pid")"; }
at_exit stop_daemon
show_on_failure "$work/sched.log"
# A fixed port of the test plan: a random one could be an ephemeral port in use.
port=29102
start_api "$api" "$manage" "$port" noauth

cat > "$work/scheduler.conf" <<CONF
[DEFAULT]
log_file = $work/sched.log
[scheduler]
client_id = daemon-node
jobs_dir = $work/jobs
interval = 2
pid_file = $work/sched.pid
[service_auth]
auth_type = none
os_backup_url = http://127.0.0.1:$port
os_project_id = demo
CONF
S() { "$sched" --config-file "$work/scheduler.conf" "$@"; }
# Gone, or a zombie: orphaned daemons are reaped by init, which this sandbox's init may not do.
gone() { ! kill -0 "$1" 2>/dev/null || grep -q '^State:.*Z' "/proc/$1/status" 2>/dev/null; }
expect() { # description, expected exit code, pattern, command...
  local what=$1 code=$2 pattern=$3; shift 3
  local out rc=0
  out=$("$@" 2>&1) || rc=$?
  [ "$rc" = "$code" ] || fail "$what: exit $rc (expected $code): $out"
  grep -qE -- "$pattern" <<<"$out" || fail "$what: expected /$pattern/ in: $out"
}

# Usage errors as upstream: no action is 65, an unknown one 2.
expect "no action" 65 "start" S
expect "unknown action" 2 "explode" S explode
# Nothing runs yet: every action still exits 0 (tempest runs them in random order).
expect "status, not running" 0 "^Not Running$" S status
expect "stop, not running" 0 "^Not Running$" S stop
expect "reload, not running" 0 "^Not Running$" S reload

expect "start" 0 "started, pid: [0-9]+" S start
pid=$(cat "$work/sched.pid")
kill -0 "$pid" || fail "no daemon behind the pid file"
[ "$(readlink "/proc/$pid/cwd")" = / ] || fail "the daemon did not change to /"
grep -q "^Umask:.*0027" "/proc/$pid/status" || fail "the daemon's umask is not 027"
expect "status, running" 0 "^Running with pid: $pid$" S status
expect "start again" 0 "already running, pid: $pid" S start
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/v2/demo/clients/daemon-node" >/dev/null && break; sleep 0.1; done
curl -sf "http://127.0.0.1:$port/v2/demo/clients/daemon-node" >/dev/null || fail "the daemon did not register"

# SIGHUP reloads the configuration file.
sed -i 's/^interval = 2$/interval = 7/' "$work/scheduler.conf"
expect "reload" 0 "Reloading freezer-scheduler \\(pid $pid\\)" S reload
for _ in $(seq 50); do grep -q "Configuration reloaded (interval 7 s" "$work/sched.log" && break; sleep 0.1; done
grep -q "Configuration reloaded (interval 7 s" "$work/sched.log" || fail "reload did not apply the new interval"

expect "restart" 0 "started, pid: [0-9]+" S restart
new_pid=$(cat "$work/sched.pid")
[ "$new_pid" != "$pid" ] || fail "restart kept the same process"
gone "$pid" || fail "restart left the old daemon running"
expect "stop" 0 "stopped \\(pid $new_pid\\)" S stop
gone "$new_pid" || fail "the daemon survived stop"
[ -e "$work/sched.pid" ] && fail "stop left the pid file"
grep -q "freezer-scheduler stopped" "$work/sched.log" || fail "no clean shutdown in the log"

# A daemon killed without cleaning up leaves a stale pid file: it is not mistaken for a live one.
expect "start after stop" 0 "started" S start
kill -9 "$(cat "$work/sched.pid")"
sleep 0.2
expect "status, stale pid file" 0 "^Not Running$" S status
echo 999999 > "$work/sched.pid"
expect "stop, stale pid file" 0 "^Not Running$" S stop
expect "restart without a daemon" 0 "started" S restart
expect "stop again" 0 "stopped" S stop

# Bad configuration is refused before anything starts, naming the option.
expect "bad capability" 1 "supported_modes: 'tape'" S --capabilities-supported-modes fs,tape start
expect "v1 api" 1 "enable_v1_api" S --scheduler-enable-v1-api start
[ -e "$work/sched.pid" ] && fail "a refused start left a pid file"
# A daemon that cannot get going says why before the start command returns.
expect "unusable jobs_dir" 1 "cannot create the jobs directory /proc/none" S --scheduler-jobs-dir /proc/none start
[ -e "$work/sched.pid" ] && fail "a failed daemon left a pid file"

# Foreground: SIGTERM stops it cleanly (what systemd does).
"$sched" --config-file "$work/scheduler.conf" --scheduler-no-daemon --log-file "$work/fg.log" start > "$work/fg.out" 2>&1 &
fg=$!
for _ in $(seq 100); do grep -q "serving client daemon-node" "$work/fg.log" 2>/dev/null && break; sleep 0.1; done
grep -q "serving client daemon-node" "$work/fg.log" || fail "the foreground scheduler did not start"
kill -TERM "$fg"
wait "$fg" || fail "the foreground scheduler exited non-zero after SIGTERM"
grep -q "freezer-scheduler stopped" "$work/fg.log" || fail "no clean foreground shutdown"
# With --no-daemon the daemon actions do nothing and exit 0, as upstream.
expect "no-daemon stop" 0 "" S --scheduler-no-daemon stop
echo "scheduler daemon: all checks passed"
