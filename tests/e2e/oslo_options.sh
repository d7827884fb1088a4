#!/usr/bin/env bash
# The oslo library options deployments set, through the real freezer-api and freezer-manage:
# the default config file search and options these binaries do not use (one warning), IPv6
# (bind_host = ::1), oslo.log's destinations (log_dir, use_json, syslog over a local socket,
# the systemd journal through a real systemd-journald in a private mount namespace, a
# logging file with openstack-helm's layout), log files moved by logrotate (SIGHUP, and
# without a signal), and oslo.db's max_retries = -1 with the database down at start.
# Usage: oslo_options.sh <freezer-api> <freezer-manage>
# Env: MDB_PORT (23306), MDB_DIR (/tmp/freezer-test-mariadb): the test MariaDB (fixture).
# Ports: 127.0.0.1 / ::1 29110, 29111 (the database's stand-in while it is "down").
set -euo pipefail
api=$1
manage=$2
. "$(dirname "$0")/../support/lib.sh"
new_work_dir oslo
cd "$work"
port=29110
MDB_PORT=${MDB_PORT:-23306}
MDB_DIR=${MDB_DIR:-/tmp/freezer-test-mariadb}
headers=(-H 'X-Project-Id: p1' -H 'X-User-Id: u1' -H 'X-Roles: member')
code() { curl -s -o /dev/null -w '%{http_code}' "${headers[@]}" "$@"; }

pid=
start() {  # start <url> [args...]: the API in the background, up when /healthcheck answers
  local url=$1; shift
  "$api" "$@" > api.out 2>&1 &
  pid=$!
  stop_at_exit "$pid"
  for _ in $(seq 100); do
    curl -s -g -o /dev/null "$url/healthcheck" && return 0
    kill -0 "$pid" 2>/dev/null || fail "the API exited: $(cat api.out)"
    sleep 0.05
  done
  fail "the API did not answer at $url"
}
stop() { kill "$pid"; wait "$pid" 2>/dev/null || true; }
base_conf() {  # base_conf <bind_host>: noauth on SQLite in $work
  printf '[DEFAULT]\nbind_host = %s\nbind_port = %s\n[api]\nauth_strategy = noauth\n' "$1" "$port"
  printf '[database]\nconnection = sqlite:///%s/freezer.db\n' "$work"
}

# 1. One freezer.conf found where oslo.config looks (~/.freezer), shared with the scheduler and
#    other services' options: they start with one warning naming what is not used.
mkdir -p home/.freezer
{ base_conf 127.0.0.1
  printf '[DEFAULT]\ntransport_url = rabbit://guest:guest@127.0.0.1:5672/\n'
  printf '[paste_deploy]\nconfig_file = api-paste.ini\n[oslo_messaging_notifications]\ndriver = noop\n'
  printf '[storage]\nbackend = sqlachemy\ndriver = elasticsearch\n'
} > home/.freezer/freezer.conf
printf '[api]\nmax_limit = 500\n' > home/.freezer/freezer-api.conf   # found before /etc's
HOME=$work/home "$manage" db sync > sync.out 2>&1 || fail "db sync from ~/.freezer/freezer.conf: $(cat sync.out)"
HOME=$work/home start "http://127.0.0.1:$port"
[ "$(code "http://127.0.0.1:$port/v2/p1/jobs")" = 200 ] || fail "GET jobs with the found config"
grep -q "configuration read from $work/home/.freezer/freezer.conf, $work/home/.freezer/freezer-api.conf" api.out \
  || fail "the config file read is not logged: $(head -5 api.out)"
warning=$(grep "does not use these configured options" api.out || true)
for item in "[DEFAULT] transport_url" "[oslo_messaging_notifications]" "[paste_deploy]"; do
  [[ $warning == *"$item"* ]] || fail "the warning does not name $item: $warning"
done
[ "$(grep -c "does not use these configured options" api.out)" = 1 ] || fail "more than one warning"
grep -q "\[storage\] driver = elasticsearch is ignored" api.out || fail "no note on [storage] driver"
stop
echo "ok: config search, unused options warned about once"

# A value that is used and wrong still stops the start, naming it.
{ base_conf 127.0.0.1; printf '[DEFAULT]\nuse_json = sometimes\n'; } > bad.conf
if "$api" --config-file bad.conf > bad.out 2>&1; then fail "started with use_json = sometimes"; fi
grep -q "use_json" bad.out || fail "the refusal does not name use_json: $(cat bad.out)"

# 2. IPv6: bind_host = ::1, and log_dir with JSON records.
{ base_conf ::1; printf '[DEFAULT]\nlog_dir = %s/logs\nuse_json = true\n' "$work"; } > v6.conf
mkdir -p logs
start "http://[::1]:$port" --config-file v6.conf
[ "$(code -g "http://[::1]:$port/v2/p1/jobs")" = 200 ] || fail "GET jobs over ::1"
log=logs/freezer-api.log
wait_for 5 "a request line in $log" grep -q 'path=/v2/p1/jobs' "$log"
/usr/bin/python3 - "$log" <<'PY' || fail "log_dir's file does not hold oslo's JSON records: $(tail -2 "$log")"
import json, sys
records = [json.loads(line) for line in open(sys.argv[1])]
assert records, "no records"
for r in records:
    for key in ("message", "asctime", "name", "levelname", "levelno", "process", "hostname"):
        assert key in r, (key, r)
assert any("listening on ::1:" in r["message"] for r in records), records[0]
assert all(r["name"] == "freezer-api" for r in records)
PY
echo "ok: bind_host = ::1, log_dir and use_json"

# 3. logrotate: the file moved, then SIGHUP (copytruncate-less rotation), and moved without
#    a signal (watch_log_file, WatchedFileHandler): new lines go to a new file.
mv "$log" "$log.1"
kill -HUP "$pid"
code -g "http://[::1]:$port/v2/p1/clients" >/dev/null
wait_for 5 "a new $log after SIGHUP" grep -q 'path=/v2/p1/clients' "$log"
kill -0 "$pid" || fail "SIGHUP stopped the API"
grep -q 'path=/v2/p1/clients' "$log.1" && fail "a line went to the moved file after SIGHUP"
mv "$log" "$log.2"
sleep 1.2
code -g "http://[::1]:$port/v2/p1/sessions" >/dev/null
wait_for 5 "a new $log after a move without a signal" grep -q 'path=/v2/p1/sessions' "$log"
stop
echo "ok: log files moved away are reopened (SIGHUP, and within a second without it)"

# 4. A Python logging file (log_config_append) with openstack-helm's layout: the freezer
#    logger at INFO to standard output with oslo's ContextFormatter, root to a NullHandler;
#    and a second handler sending to syslog over a local socket.
/usr/bin/python3 - "$work/syslog.sock" "$work/syslog.txt" <<'PY' &
import socket, sys
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.bind(sys.argv[1])
with open(sys.argv[2], "ab", buffering=0) as out:
    while True:
        out.write(s.recv(65536) + b"\n")
PY
stop_at_exit $!
wait_for 5 "the syslog socket" test -S "$work/syslog.sock"
cat > logging.conf <<CONF
[loggers]
keys = root,freezer
[handlers]
keys = stdout,null,syslog
[formatters]
keys = context,default
[logger_root]
level = WARNING
handlers = null
[logger_freezer]
level = INFO
handlers = stdout,syslog
qualname = freezer
[handler_null]
class = logging.NullHandler
formatter = default
args = ()
[handler_stdout]
class = StreamHandler
args = (sys.stdout,)
formatter = context
[handler_syslog]
class = handlers.SysLogHandler
args = ('$work/syslog.sock', handlers.SysLogHandler.LOG_LOCAL1)
formatter = default
[formatter_context]
class = oslo_log.formatters.ContextFormatter
datefmt = %Y-%m-%d %H:%M:%S
[formatter_default]
format = %(message)s
datefmt = %Y-%m-%d %H:%M:%S
CONF
{ base_conf 127.0.0.1; printf '[DEFAULT]\nlog_config_append = %s/logging.conf\n' "$work"; } > helm.conf
start "http://127.0.0.1:$port" --config-file helm.conf
code "http://127.0.0.1:$port/v2/p1/jobs" >/dev/null
wait_for 5 "a request line on standard output" grep -q 'path=/v2/p1/jobs' api.out
grep -Eq '^[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9:]{8}\.[0-9]{3} [0-9]+ INFO freezer-api \[-\] freezer-api listening' api.out \
  || fail "standard output is not in oslo's line format: $(head -3 api.out)"
wait_for 5 "a request in syslog" grep -q 'path=/v2/p1/jobs' syslog.txt
# <facility local1 (17) * 8 + info (6)>identifier: the bare message (formatter_default)
grep -Eq '^<142>freezer-api: request method=GET path=/v2/p1/jobs' syslog.txt \
  || fail "syslog datagrams: $(head -3 syslog.txt)"
stop
echo "ok: log_config_append (helm's layout) to standard output and to syslog"

# 5. use_journal: a real systemd-journald in a private mount namespace (its sockets and
#    volatile storage on tmpfs), read back with journalctl.
if unshare -m true 2>/dev/null && [ -x /lib/systemd/systemd-journald ]; then
  { base_conf 127.0.0.1; printf '[DEFAULT]\nuse_journal = true\nsyslog_log_facility = LOG_LOCAL2\n'; } > journal.conf
  cat > journal.sh <<SH
set -e
mount -t tmpfs tmpfs /run/systemd 2>/dev/null || { mkdir -p /run/systemd; mount -t tmpfs tmpfs /run/systemd; }
mkdir -p /run/log; mount -t tmpfs tmpfs /run/log
/lib/systemd/systemd-journald > $work/journald.out 2>&1 &
journald=\$!
for _ in \$(seq 100); do [ -S /run/systemd/journal/socket ] && break; sleep 0.05; done
"$api" --config-file $work/journal.conf > $work/journal-api.out 2>&1 &
api_pid=\$!
for _ in \$(seq 100); do curl -s -o /dev/null http://127.0.0.1:$port/healthcheck && break; sleep 0.05; done
curl -s -o /dev/null -H 'X-Project-Id: p1' -H 'X-User-Id: u1' -H 'X-Roles: member' http://127.0.0.1:$port/v2/p1/jobs
kill \$api_pid; wait \$api_pid || true
journalctl --sync 2>/dev/null || sleep 1
journalctl -D /run/log/journal -o export --no-pager SYSLOG_IDENTIFIER=freezer-api > $work/journal.export
kill \$journald
SH
  unshare -m bash journal.sh > journal.log 2>&1 || fail "journal run: $(tail -5 journal.log)"
  for field in 'SYSLOG_IDENTIFIER=freezer-api' 'PRIORITY=6' 'SYSLOG_FACILITY=18' 'LOGGER_NAME=freezer-api' \
               'LOGGER_LEVEL=INFO' 'THREAD_NAME=' 'CODE_FILE='; do
    grep -aq "^$field" journal.export || fail "no $field in the journal: $(head -c 600 journal.export)"
  done
  grep -aq '^MESSAGE=.*path=/v2/p1/jobs' journal.export || fail "no request in the journal"
  echo "ok: use_journal, read back from systemd-journald"
else
  echo "skip: use_journal (no mount namespaces here)"
fi

# 6. oslo.db max_retries = -1: the database down at start; the API serves (503 for what needs
#    the database) and serves everything once it is back. The database is the test MariaDB,
#    reached through a forwarder on 29111 that is not there yet.
db=freezer_test_oslo_$$
mysql_root() { mariadb --no-defaults --socket="$MDB_DIR/mysqld.sock" -uroot "$@"; }
mysql_root -e "DROP DATABASE IF EXISTS $db; CREATE DATABASE $db"
at_exit mysql_root -e "DROP DATABASE IF EXISTS $db"
printf '[database]\nconnection = mysql+pymysql://freezer:freezer@127.0.0.1:%s/%s?charset=utf8mb4\n' \
  "$MDB_PORT" "$db" > sync.conf
"$manage" --config-file sync.conf db sync > sync.out 2>&1 || fail "db sync on MariaDB: $(cat sync.out)"
{ printf '[DEFAULT]\nbind_host = 127.0.0.1\nbind_port = %s\n[api]\nauth_strategy = noauth\n' "$port"
  printf '[database]\nconnection = mysql+pymysql://freezer:freezer@127.0.0.1:29111/%s\n' "$db"
  printf 'max_retries = -1\nretry_interval = 1\nconnection_timeout = 1\n'; } > down.conf
start "http://127.0.0.1:$port" --config-file down.conf
[ "$(code "http://127.0.0.1:$port/v2/p1/jobs")" = 503 ] || fail "GET jobs without the database is not 503"
grep -q "starting without it" api.out || fail "no warning about the missing database: $(head -5 api.out)"
socat TCP-LISTEN:29111,bind=127.0.0.1,reuseaddr,fork "TCP:127.0.0.1:$MDB_PORT" &
stop_at_exit $!
back() { [ "$(code "http://127.0.0.1:$port/v2/p1/jobs")" = 200 ]; }
wait_for 15 "GET jobs once the database is back" back
[ "$(code -X POST -H 'Content-Type: application/json' -d '{"client_id": "n1", "hostname": "h"}' \
      "http://127.0.0.1:$port/v2/p1/clients")" = 201 ] || fail "POST once the database is back"
wait_for 5 "the schema check once the database is back" grep -q "schema is current" api.out
kill -0 "$pid" || fail "the API stopped"
stop
echo "ok: [database] max_retries = -1 starts without the database and serves when it is back"
# 7. oslo.policy's switches as deployment tools set them: enforce_new_defaults (no rule has a
#    deprecated default, so the secure-RBAC defaults apply as always), enforce_scope (noauth
#    callers are project-scoped) and policy_default_rule: used options, no warning; a member
#    reads and writes its project, a reader only reads, another project's member is refused.
{ base_conf 127.0.0.1
  printf '[oslo_policy]\nenforce_new_defaults = True\nenforce_scope = True\npolicy_default_rule = default\n'
} > policy.conf
start "http://127.0.0.1:$port" --config-file policy.conf
grep -q "does not use these configured options" api.out && fail "oslo_policy options called unused: $(grep "does not use" api.out)"
as() { curl -s -o /dev/null -w '%{http_code}' -H "X-Project-Id: $1" -H 'X-User-Id: u1' -H "X-Roles: $2" "${@:3}"; }
job='{"job_actions": [{"freezer_action": {"action": "backup", "path_to_backup": "/etc", "backup_name": "b", "container": "c"}}]}'
[ "$(as p1 member "http://127.0.0.1:$port/v2/p1/jobs")" = 200 ] || fail "member GET jobs with enforce_new_defaults"
[ "$(as p1 reader "http://127.0.0.1:$port/v2/p1/jobs")" = 200 ] || fail "reader GET jobs with enforce_new_defaults"
[ "$(as p1 reader -X POST -H 'Content-Type: application/json' -d "$job" "http://127.0.0.1:$port/v2/p1/jobs")" = 403 ] \
  || fail "reader POST jobs was not refused"
[ "$(as p2 member "http://127.0.0.1:$port/v2/p1/jobs")" = 403 ] || fail "another project's member was not refused"
stop
echo "ok: enforce_new_defaults, enforce_scope and policy_default_rule"
echo "oslo options: all checks passed"
