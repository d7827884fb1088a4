#!/usr/bin/env bash
# Switching from Debian's Python freezer-api 13.0.0: a database made by its `freezer-manage db
# sync` (sqlalchemy-migrate version 3) and filled through its API is taken over by this
# project's `db sync`, and every client, action, job, session and backup reads back through this
# API and the `freezer` CLI.
# Usage: adopt_13_database.sh <freezer-api> <freezer-manage> sqlite|mariadb
set -euo pipefail
export PATH=/usr/bin:/usr/sbin:/bin:/sbin:$PATH
api=$1 manage=$2 backend=$3
here=$(cd "$(dirname "$0")" && pwd)
PEER_PORT=29092 API_PORT=29094
MDB=(mariadb -h 127.0.0.1 -P 23306 -u freezer -pfreezer)
FAIL_PREFIX="FAIL ($backend)"
. "$here/../support/lib.sh"
new_work_dir adopt13
at_exit env PEER_DIR="$work/peer" PEER_PORT="$PEER_PORT" "$here/../services/freezer_api_peer.sh" stop
. "$here/../services/keystone_token.sh"
. "$KS_DIR/ids.env"

case "$backend" in
  sqlite) db_url=sqlite:///$work/freezer.db ;;
  mariadb)
    mdb_database=freezer_test_adopt13_$$
    at_exit "${MDB[@]}" -e "DROP DATABASE IF EXISTS $mdb_database"
    "${MDB[@]}" -e "CREATE DATABASE $mdb_database" || fail "cannot create the MariaDB database"
    db_url="mysql+pymysql://freezer:freezer@127.0.0.1:23306/$mdb_database?charset=utf8" ;;
  *) echo "usage: $0 <freezer-api> <freezer-manage> sqlite|mariadb" >&2; exit 2 ;;
esac

# 1. The Python freezer-api 13.0.0 makes the database and takes a bit of everything.
PEER_DIR=$work/peer PEER_PORT=$PEER_PORT PEER_DB_URL=$db_url \
  "$here/../services/freezer_api_peer.sh" start >/dev/null
token=$(keystone_token "$KS_URL" demo demopass demo)
[ -n "$token" ] || fail "no demo token"
p=$DEMO_PROJECT_ID
call() {  # call <base url> <method> <path> [body]: prints the body, fails on HTTP >= 400
  local out code data=()
  [ $# -ge 4 ] && data=(-d "$4")
  out=$(curl -sS -w '\n%{http_code}' -X "$2" -H "X-Auth-Token: $token" \
    -H 'Content-Type: application/json' "${data[@]}" "$1/v2/$p$3") || fail "$2 $1$3: no answer"
  code=${out##*$'\n'}
  [ "$code" -lt 400 ] || fail "$2 $1$3: HTTP $code ${out%$'\n'*}"
  printf '%s\n' "${out%$'\n'*}"
}
peer=http://127.0.0.1:$PEER_PORT
# The peer's first authenticated request can be cut off while uwsgi is still warming up (an
# empty reply): wait until a read answers before writing anything.
for _ in $(seq 40); do
  curl -sf -H "X-Auth-Token: $token" "$peer/v2/$p/clients" >/dev/null && break
  sleep 0.5
done
call "$peer" POST /clients '{"client_id": "old-node", "hostname": "old-node", "description": "registered on 13.0.0"}' >/dev/null
action=$(call "$peer" POST /actions '{"freezer_action": {"action": "backup", "mode": "fs", "path_to_backup": "/etc", "backup_name": "etc", "container": "c1", "storage": "local"}, "max_retries": 3, "max_retries_interval": 10}' | jq -r .action_id)
job=$(call "$peer" POST /jobs "{\"client_id\": \"old-node\", \"description\": \"nightly etc\",
  \"job_schedule\": {\"schedule_interval\": \"1 days\", \"schedule_start_date\": \"2030-01-01T00:00:00\"},
  \"job_actions\": [{\"freezer_action\": {\"action\": \"backup\", \"mode\": \"fs\", \"path_to_backup\": \"/etc\", \"backup_name\": \"etc\", \"container\": \"c1\"}, \"max_retries\": 3},
                    {\"freezer_action\": {\"action\": \"backup\", \"mode\": \"fs\", \"path_to_backup\": \"/srv\", \"backup_name\": \"srv\", \"container\": \"c2\"}, \"max_retries\": 2, \"max_retries_interval\": 7}]}" | jq -r .job_id)
session=$(call "$peer" POST /sessions '{"description": "weekly", "hold_off": 60, "schedule": {"schedule_interval": "7 days"}}' | jq -r .session_id)
call "$peer" PUT "/sessions/$session/jobs/$job" >/dev/null
backup=$(call "$peer" POST /backups '{"container": "c1", "hostname": "old-node", "backup_name": "etc", "level": 0, "mode": "fs", "time_stamp": 1700000000, "path_to_backup": "/etc"}' | jq -r .backup_id)
for id in "$action" "$job" "$session" "$backup"; do [ -n "$id" ] && [ "$id" != null ] || fail "the peer did not answer an id"; done
call "$peer" GET "/jobs/$job" > "$work/peer-job.json"
PEER_DIR=$work/peer PEER_PORT=$PEER_PORT "$here/../services/freezer_api_peer.sh" stop

# 2. This project's db sync takes the database over; a second run has nothing to do.
cat > "$work/manage.conf" <<CONF
[database]
connection = $db_url
CONF
# The upgrade check first: the database can be taken over (freezer-manager-status beside
# freezer-manage).
status=$(dirname "$manage")/freezer-manager-status
"$status" --config-file "$work/manage.conf" upgrade check > "$work/check.log" 2>&1 \
  || fail "upgrade check on the 13.0.0 database: $(cat "$work/check.log")"
sed -e 's/^| //' -e 's/ *|$//' "$work/check.log" | tr '\n' ' ' | tr -s ' ' \
  | grep -q "upstream freezer-api at sqlalchemy-migrate version 3" \
  || fail "the upgrade check does not name the 13.0.0 schema: $(cat "$work/check.log")"
"$manage" --config-file "$work/manage.conf" db sync > "$work/sync.log" 2>&1 || { cat "$work/sync.log" >&2; fail "db sync refused the 13.0.0 database"; }
"$status" --config-file "$work/manage.conf" upgrade check > "$work/check2.log" 2>&1 \
  || fail "upgrade check on the adopted database: $(cat "$work/check2.log")"
grep -q "Result: Success" "$work/check2.log" && grep -q ": current" "$work/check2.log" \
  || fail "upgrade check after adoption: $(cat "$work/check2.log")"
grep "from sqlalchemy-migrate version 3" "$work/sync.log" >/dev/null || fail "db sync did not say it upgraded from sqlalchemy-migrate 3: $(cat "$work/sync.log")"
"$manage" --config-file "$work/manage.conf" db sync > "$work/sync2.log" 2>&1 || fail "second db sync"
grep -i "upstream" "$work/sync2.log" >/dev/null && fail "the second db sync upgraded again"

# 3. Everything reads back through this API...
API_DB_URL=$db_url start_api "$api" "$manage" "$API_PORT" keystone
ours=http://127.0.0.1:$API_PORT
client=$(call "$ours" GET /clients/old-node)
[ "$(jq -r .client.description <<<"$client")" = "registered on 13.0.0" ] || fail "client: $client"
[ "$(jq -r '.client.supported_actions | length' <<<"$client")" = 5 ] || fail "client capabilities not backfilled: $client"
ours_job=$(call "$ours" GET "/jobs/$job")
[ "$(jq -r .description <<<"$ours_job")" = "nightly etc" ] || fail "job: $ours_job"
# (13.0.0 gave the job its session's schedule when the job joined the session.)
[ "$(jq -Sc .job_schedule <<<"$ours_job")" = "$(jq -Sc .job_schedule "$work/peer-job.json")" ] \
  || fail "job schedule: $ours_job"
[ "$(jq -r .session_id <<<"$ours_job")" = "$session" ] || fail "job session: $ours_job"
[ "$(jq -r '.job_actions | length' <<<"$ours_job")" = 2 ] || fail "job actions: $ours_job"
# 13.0.0 registered each inline job action as an action and kept its id in the job's JSON.
[ "$(jq -r '.job_actions[0].action_id' <<<"$ours_job")" = "$(jq -r '.job_actions[0].action_id' "$work/peer-job.json")" ] \
  || fail "first job action: $ours_job"
[ "$(jq -r '.job_actions[0].max_retries' <<<"$ours_job")" = 3 ] || fail "first job action retries: $ours_job"
[ "$(jq -r '.job_actions[0].freezer_action.path_to_backup' <<<"$ours_job")" = /etc ] || fail "first job action: $ours_job"
[ "$(jq -r '.job_actions[1].freezer_action.path_to_backup' <<<"$ours_job")" = /srv ] || fail "inline job action: $ours_job"
[ "$(jq -r '.job_actions[1].max_retries_interval' <<<"$ours_job")" = 7 ] || fail "inline job action interval: $ours_job"
[ "$(jq -r '.client_id' <<<"$ours_job")" = "$(jq -r .client_id "$work/peer-job.json")" ] || fail "job client"
made=$(jq -r '.job_actions[1].action_id' <<<"$ours_job")
[ "$(call "$ours" GET "/actions/$made" | jq -r .freezer_action.backup_name)" = srv ] || fail "the inline action is not an action"
[ "$(call "$ours" GET "/actions/$action" | jq -r .max_retries_interval)" = 10 ] || fail "action"
sess=$(call "$ours" GET "/sessions/$session")
[ "$(jq -r .description <<<"$sess")" = weekly ] && [ "$(jq -r ".jobs[\"$job\"] != null" <<<"$sess")" = true ] \
  || fail "session: $sess"
bk=$(call "$ours" GET "/backups/$backup")
[ "$(jq -r .backup_metadata.backup_name <<<"$bk")" = etc ] || fail "backup: $bk"

# ...and through the freezer CLI, which also writes to it.
. "$KS_DIR/demo-openrc"
export OS_BACKUP_URL=$ours
F client-list -f value | grep old-node >/dev/null || fail "client-list"
F job-list -f value | grep "$job" >/dev/null || fail "job-list"
F action-list -f value | grep "$made" >/dev/null || fail "action-list"
F session-list -f value | grep "$session" >/dev/null || fail "session-list"
F backup-list -f value | grep old-node >/dev/null || fail "backup-list"
echo '{"description": "made after the switch", "job_actions": [{"freezer_action": {"action": "info"}}]}' > "$work/new-job.json"
[ -n "$(create_job "$work/new-job.json" old-node)" ] || fail "job-create after the switch: $(create_failure)"
echo "13.0.0 database on $backend adopted: all checks passed"
