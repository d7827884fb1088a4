#!/usr/bin/env bash
# An IPv6-only deployment (upstream gates on one): every address the services are given is
# an IPv6 literal. Keystone and MariaDB are the test ones, reached only through forwarders
# listening on ::1; freezer-manage, the API (bind_host = ::1), the scheduler and the `freezer`
# CLI get URLs with [::1] and nothing else: db sync, authenticated requests, the scheduler's
# registration and a job it reports on. About 15 s.
# Usage: ipv6.sh <freezer-api> <freezer-manage> <freezer-scheduler>
# Ports (::1): 29125 Keystone's forwarder, 29126 MariaDB's, 29127 the API.
set -euo pipefail
export PATH=/usr/bin:/usr/sbin:/bin:/sbin:$PATH   # Debian's python3 for the CLI
api=$1
manage=$2
sched=$3
KS6=29125 DB6=29126 API6=29127
MDB_PORT=${MDB_PORT:-23306}
MDB_DIR=${MDB_DIR:-/tmp/freezer-test-mariadb}
. "$(dirname "$0")/../support/lib.sh"
. "$(dirname "$0")/../services/keystone_token.sh"
. "$KS_DIR/ids.env"
new_work_dir ipv6
[ -e /proc/net/if_inet6 ] && grep -q "00000000000000000000000000000001" /proc/net/if_inet6 ||
  { echo "skip: no IPv6 loopback here"; exit 0; }

ks_port=${KS_URL#http://127.0.0.1:}
ks_port=${ks_port%%/*}
forward() { # <::1 port> <127.0.0.1 port>
  socat "TCP6-LISTEN:$1,bind=[::1],reuseaddr,fork" "TCP4:127.0.0.1:$2" &
  stop_at_exit $!
}
forward "$KS6" "$ks_port"
forward "$DB6" "$MDB_PORT"
KS="http://[::1]:$KS6"
wait_for 10 "Keystone over [::1]" curl -sfg -o /dev/null "$KS/v3"

db=freezer_test_ipv6_$$
mysql_root() { mariadb --no-defaults --socket="$MDB_DIR/mysqld.sock" -uroot "$@"; }
mysql_root -e "DROP DATABASE IF EXISTS $db; CREATE DATABASE $db"
at_exit mysql_root -e "DROP DATABASE IF EXISTS $db"

cat > "$work/api.conf" <<CONF
[DEFAULT]
bind_host = ::1
bind_port = $API6
log_file = $work/api.log
[database]
connection = mysql+pymysql://freezer:freezer@[::1]:$DB6/$db?charset=utf8mb4
[keystone_authtoken]
www_authenticate_uri = $KS
auth_url = $KS
auth_type = password
username = freezer
password = freezerpass
project_name = service
user_domain_name = Default
project_domain_name = Default
CONF
show_on_failure "$work/api.log"
"$manage" --config-file "$work/api.conf" db sync > "$work/sync.out" 2>&1 ||
  fail "db sync over [::1]: $(cat "$work/sync.out")"
"$api" --config-file "$work/api.conf" > "$work/api.out" 2>&1 &
stop_at_exit $!
API="http://[::1]:$API6"
wait_for 15 "the API on [::1]" curl -sfg -o /dev/null "$API/healthcheck"

demo=$(curl -sg -D - -o /dev/null -H 'Content-Type: application/json' -d \
  '{"auth":{"identity":{"methods":["password"],"password":{"user":{"name":"demo","domain":{"id":"default"},"password":"demopass"}}},"scope":{"project":{"name":"demo","domain":{"id":"default"}}}}}' \
  "$KS/v3/auth/tokens" | awk 'tolower($1)=="x-subject-token:"{print $2}' | tr -d '\r')
[ -n "$demo" ] || fail "no token from Keystone over [::1]"
status=$(curl -sg -o /dev/null -w '%{http_code}' -H "X-Auth-Token: $demo" "$API/v2/$DEMO_PROJECT_ID/jobs")
[ "$status" = 200 ] || fail "an authenticated request over [::1]: $status"
status=$(curl -sg -o /dev/null -w '%{http_code}' -H "X-Auth-Token: bad" "$API/v2/$DEMO_PROJECT_ID/jobs")
[ "$status" = 401 ] || fail "a bad token over [::1]: $status"

# The scheduler and the CLI, given only [::1] URLs.
. "$KS_DIR/demo-openrc"
export OS_AUTH_URL="$KS/v3" OS_BACKUP_URL="$API"
client="v6-node-$RANDOM"
cat > "$work/scheduler.conf" <<CONF
[DEFAULT]
client_id = $client
jobs_dir = $work/jobs
interval = 2
log_file = $work/sched.log
CONF
show_on_failure "$work/sched.log"
"$sched" --config-file "$work/scheduler.conf" --no-daemon start > "$work/sched.out" 2>&1 &
stop_at_exit $!
wait_for 30 "the scheduler registers over [::1]" client_listed "$client"
cat > "$work/job.json" <<JSON
{"description": "over ipv6",
 "job_actions": [{"freezer_action": {"action": "info", "backup_name": "v6", "container": "$work/store",
                                     "storage": "local", "mode": "fs", "path_to_backup": "/etc/hostname"}}]}
JSON
job=$(create_job "$work/job.json" "$client")
[ -n "$job" ] || fail "job-create over [::1]: $(create_failure)"
picked() { [ -n "$(job_field "$job" Status)" ] && [ "$(job_field "$job" Status)" != None ]; }
wait_for 40 "the scheduler reports on the job over [::1]" picked
echo "ipv6: db sync, the API on ::1 with Keystone and MariaDB at [::1], the scheduler and the CLI: all passed"
