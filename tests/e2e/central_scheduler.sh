#!/usr/bin/env bash
# Service mode end to end: the real Keystone, the C++ API, a real Cinder
# (tests/services/cinder.sh) and one central freezer-scheduler acting for every project through
# the Keystone trusts the API stored with the jobs. Users of two projects (demo, alt) back up,
# restore and rotate their own volumes with cindernative jobs made with the `freezer` CLI.
# Usage: central_scheduler.sh <freezer-scheduler> <freezer-api> <freezer-manage>
set -euo pipefail
export PATH=/usr/bin:/usr/sbin:/bin:/sbin:$PATH
sched=$1
api=$2
manage=$3
here=$(cd "$(dirname "$0")" && pwd)
PORT=${FREEZER_TEST_API_PORT:-29090}   # the catalog's backup endpoint (tests/services/keystone.sh)
CINDER_DIR=${CINDER_DIR:-/tmp/freezer-test-cinder}
CINDER=http://127.0.0.1:${CINDER_PORT:-28776}/v3
# Seconds a Cinder backup or restore of a 1 GiB volume may take: seconds alone, minutes on a
# CI machine where the devstack and package tests run beside it.
CINDER_WAIT=${CINDER_WAIT:-300}
. "$here/../support/lib.sh"
new_work_dir central
volumes=()   # "user project id" of every volume this test made
remove_volumes() {
  "$here/../services/cinder.sh" start >/dev/null 2>&1 || true   # whatever a check stopped
  # The volumes and backups go (restored volumes are fully written files).
  for v in "${volumes[@]}"; do
    set -- $v
    for _ in $(seq 30); do
      ids=$(backups_of "$1" "$2" "$3" | cut -d' ' -f1 | tac)
      [ -z "$ids" ] && break
      for id in $ids; do cinder "$1" "$2" DELETE "/backups/$id" >/dev/null 2>&1 || true; done
      sleep 1
    done
    cinder "$1" "$2" DELETE "/volumes/$3?cascade=true" >/dev/null 2>&1 || true
  done
}
at_exit remove_volumes
diagnostics() {
  [ -s "$work/cli.err" ] && { echo "--- freezer CLI errors:"; grep -vE 'Exception ignored|getcurrent' "$work/cli.err" | tail -10; }
  grep -v DEBUG "$work/sched.log" | grep -v "Poll cycle: 0 changed jobs" | tail -60
}
on_failure diagnostics
. "$KS_DIR/ids.env"
start_api "$api" "$manage" "$PORT" keystone

# Tokens and Cinder calls as the users themselves.
. "$here/../services/keystone_token.sh"
as_user() { # user project method path [body]
  local t; t=$(keystone_token "$KS_URL" "$1" "$1pass" "$2")
  curl -s -X "$3" -H "X-Auth-Token: $t" -H 'Content-Type: application/json' -H 'OpenStack-API-Version: volume 3.64' \
    ${5:+-d "$5"} "$4"
}
cinder() { # user project method path [body]
  local project_id; project_id=$([ "$2" = demo ] && echo "$DEMO_PROJECT_ID" || echo "$ALT_PROJECT_ID")
  as_user "$1" "$2" "$3" "$CINDER/$project_id$4" "${5:-}"
}
with_user() { # user command...: the freezer CLI as that user
  local user=$1; shift
  ( . "$KS_DIR/$user-openrc"; "$@" )
}
volume_file() { echo "$CINDER_DIR/export/volume-$1"; }
new_volume() { # user project name -> id, once available, with known data written into it
  local id; id=$(cinder "$1" "$2" POST /volumes "{\"volume\":{\"size\":1,\"name\":\"$3\"}}" | jq -r .volume.id)
  available() { [ "$(cinder "$1" "$2" GET "/volumes/$3" | jq -r .volume.status)" = available ]; }
  wait_for 60 "volume $3 becomes available" available "$1" "$2" "$id"
  head -c 4194304 /dev/urandom | dd of="$(volume_file "$id")" conv=notrunc status=none
  echo "$id"
}
write_block() { # volume offset-in-MiB: changes 1 MiB of it
  head -c 1048576 /dev/urandom | dd of="$(volume_file "$1")" bs=1M seek="$2" conv=notrunc status=none
}
backups_of() { # user project volume -> "id status incremental" lines, oldest first
  cinder "$1" "$2" GET "/backups/detail?volume_id=$3&sort_key=created_at&sort_dir=asc" \
    | jq -r '.backups[] | "\(.id) \(.status) \(.is_incremental)"'
}
job_file() { # file action-json [schedule]
  echo "{\"description\": \"$(basename "$1" .json)\", \"job_schedule\": ${3:-{\}},
         \"job_actions\": [{\"freezer_action\": $2, \"max_retries\": 0, \"max_retries_interval\": 2}]}" > "$1"
}
create_as() { # user file -> job id
  with_user "$1" freezer job-create --file "$2" --client central-node > "$work/create.out" 2>&1 || true
  sed -n 's/^Job \([0-9a-f]*\) created$/\1/p' "$work/create.out"
}
result_as() { with_user "$1" freezer job-show "$2" -f value -c Result 2>/dev/null; }
status_as() { with_user "$1" freezer job-show "$2" -f value -c Status 2>/dev/null; }
result_is_as() { [ "$(result_as "$1" "$2")" = "$3" ]; }
# run_as user job: starts the job again and waits for its new result.
run_as() {
  with_user "$1" freezer job-start "$2" >/dev/null 2>&1
  cleared() { [ -z "$(result_as "$1" "$2")" ]; }
  wait_for 30 "job $2 restarts" cleared "$1" "$2"
}

cat > "$work/central.conf" <<CONF
[DEFAULT]
log_file = $work/sched.log
debug = true
[scheduler]
centralized_scheduler = true
client_id = central-node
interval = 2
concurrent_jobs = 3
jobs_dir = $work/jobs
[capabilities]
supported_actions = backup,restore,admin,info
supported_modes = cindernative
[service_auth]
# The API's trustee: its [keystone_authtoken] user (admin and service in project service).
os_auth_url = $KS_URL
os_username = freezer
os_password = freezerpass
os_project_name = service
os_user_domain_name = Default
os_project_domain_name = Default
[cinder]
poll_interval = 1
CONF

# A central scheduler may not run anything but cinder-native work.
rc=0
"$sched" --config-file "$work/central.conf" --capabilities-supported-modes fs --no-daemon start \
  > "$work/refused.out" 2>&1 || rc=$?
[ "$rc" = 1 ] || fail "a central scheduler with supported_modes = fs started (exit $rc)"
grep -q "supported_modes: 'fs' is not allowed" "$work/refused.out" || fail "no clear refusal: $(cat "$work/refused.out")"

"$sched" --config-file "$work/central.conf" --no-daemon start > "$work/sched.out" 2>&1 &
sched_pid=$!
stop_at_exit "$sched_pid"
central_listed() { with_user demo freezer client-list -f value 2>/dev/null | grep central-node >/dev/null; }
wait_for 30 "the central client is visible to demo" central_listed

# The API refuses a filesystem job for the central client.
job_file "$work/fs.json" '{"action": "backup", "mode": "fs", "path_to_backup": "/etc", "container": "/tmp/x", "storage": "local"}'
[ -z "$(create_as demo "$work/fs.json")" ] || fail "an fs job was accepted for the central client"
grep -q "422\|does not support mode: fs" "$work/create.out" || fail "the fs job was not refused with 422: $(cat "$work/create.out")"

demo_vol=$(new_volume demo demo demo-data)
demo_vol2=$(new_volume demo demo demo-data-2)
alt_vol=$(new_volume alt alt alt-data)
volumes+=("demo demo $demo_vol" "demo demo $demo_vol2" "alt alt $alt_vol")
cinder_action() { # action volume extra-json
  echo "{\"action\": \"$1\", \"mode\": \"cindernative\", \"cindernative_vol_id\": \"$2\", \"storage\": \"local\"${3:+, $3}}"
}

# 1. Each user backs up their own volume (a full backup first); demo backs up two at once.
job_file "$work/demo-backup.json" "$(cinder_action backup "$demo_vol" '"incremental": true')"
job_file "$work/demo-backup-2.json" "$(cinder_action backup "$demo_vol2")"
job_file "$work/alt-backup.json" "$(cinder_action backup "$alt_vol" '"incremental": true')"
demo_job=$(create_as demo "$work/demo-backup.json")
demo_job2=$(create_as demo "$work/demo-backup-2.json")
alt_job=$(create_as alt "$work/alt-backup.json")
[ -n "$demo_job" ] && [ -n "$demo_job2" ] && [ -n "$alt_job" ] || fail "cindernative job creation failed: $(cat "$work/create.out")"
wait_for "$CINDER_WAIT" "demo's backup succeeds" result_is_as demo "$demo_job" success
wait_for "$CINDER_WAIT" "demo's second volume's backup succeeds" result_is_as demo "$demo_job2" success
wait_for "$CINDER_WAIT" "alt's backup succeeds" result_is_as alt "$alt_job" success
[ "$(backups_of demo demo "$demo_vol2" | wc -l)" = 1 ] || fail "demo's second volume should have one backup"
# Demo's two backups were in Cinder's queue together: while both were made, the runs read them
# from lists of the project's most recently changed backups (asked for by one run at a time)
# rather than each asking for its own at each poll. The list the runs ask for is Cinder's own.
shared_reads() { grep -E "Job ($demo_job|$demo_job2): Cinder backup .* is available .*from lists shared in the project" "$work/sched.log"; }
shared_reads >/dev/null || fail "demo's concurrent backups were each read alone: $(grep -E "Job ($demo_job|$demo_job2): Cinder backup .* is available" "$work/sched.log")"
newest=$(cinder demo demo GET "/backups/detail?sort_key=updated_at&sort_dir=desc&limit=2")
jq -e '(.backups | length) == 2 and .backups[0].updated_at >= .backups[1].updated_at and .backups[1].updated_at != null' \
  <<<"$newest" >/dev/null || fail "Cinder's backups by updated_at, newest first: $newest"
echo "shared reads: $(shared_reads | sed 's/.*(\(.*\))$/\1/' | paste -sd '|')"
[ "$(backups_of demo demo "$demo_vol" | wc -l)" = 1 ] || fail "demo's volume should have one backup"
backups_of demo demo "$demo_vol" | grep " available false$" >/dev/null || fail "demo's first backup is not a full one"
[ "$(backups_of alt alt "$alt_vol" | wc -l)" = 1 ] || fail "alt's volume should have one backup"
# In the owners' projects, none in the service project, and not visible across projects.
admin_backups=$(as_user admin admin GET "$CINDER/$ADMIN_PROJECT_ID/backups/detail?all_tenants=1")
owner() { jq -r --arg v "$1" '.backups[] | select(.volume_id == $v) | ."os-backup-project-attr:project_id"' <<<"$admin_backups" | sort -u; }
[ "$(owner "$demo_vol")" = "$DEMO_PROJECT_ID" ] || fail "demo's backup is not in project demo: $(owner "$demo_vol")"
[ "$(owner "$alt_vol")" = "$ALT_PROJECT_ID" ] || fail "alt's backup is not in project alt: $(owner "$alt_vol")"
jq -e --arg s "$SERVICE_PROJECT_ID" '[.backups[] | select(."os-backup-project-attr:project_id" == $s)] | length == 0' \
  <<<"$admin_backups" >/dev/null || fail "a backup was made in the service project"
[ -z "$(cinder alt alt GET "/backups/detail?volume_id=$demo_vol" | jq -r '.backups[].id')" ] || fail "alt sees demo's Cinder backups"

# Each user sees the record of their backup, and not the other's.
demo_record=$(grep "Job $demo_job, freezer action metadata uploaded" "$work/sched.log" | head -1 | sed 's/.*(backup \(.*\))$/\1/')
alt_record=$(grep "Job $alt_job, freezer action metadata uploaded" "$work/sched.log" | head -1 | sed 's/.*(backup \(.*\))$/\1/')
[ -n "$demo_record" ] && [ -n "$alt_record" ] || fail "no backup record was posted"
# (The CLI fails now and then under load: reads are retried, and an absence is only trusted in
# a listing that shows the user's own record.)
listing() { with_user "$1" freezer backup-list -f value 2>>"$work/cli.err"; }
sees() { listing "$1" | grep "$2" >/dev/null; }
wait_for 30 "demo sees their backup" sees demo "$demo_record"
wait_for 30 "alt sees their backup" sees alt "$alt_record"
own_listing() { # user own-record -> a listing that succeeded
  local out
  for _ in $(seq 10); do
    out=$(listing "$1")
    grep -q "$2" <<<"$out" && { echo "$out"; return 0; }
    sleep 1
  done
  fail "no complete backup listing for $1: $(tail -5 "$work/cli.err")"
}
demo_listing=$(own_listing demo "$demo_record")
alt_listing=$(own_listing alt "$alt_record")
grep -q "$alt_record" <<<"$demo_listing" && fail "demo sees alt's backup"
grep -q "$demo_record" <<<"$alt_listing" && fail "alt sees demo's backup"
shows_cindernative() { with_user demo freezer backup-show "$demo_record" 2>>"$work/cli.err" | grep cindernative >/dev/null; }
wait_for 30 "the record is a cindernative backup" shows_cindernative

# 2. The next run is incremental (the volume changed in between).
write_block "$demo_vol" 300
run_as demo "$demo_job"
wait_for "$CINDER_WAIT" "demo's second backup succeeds" result_is_as demo "$demo_job" success
[ "$(backups_of demo demo "$demo_vol" | tail -1 | cut -d' ' -f3)" = true ] || fail "the second backup is not incremental: $(backups_of demo demo "$demo_vol")"

# 3. A new full chain, then retention keeping one chain deletes exactly the first chain.
job_file "$work/full.json" "$(cinder_action backup "$demo_vol" '"incremental": false')"
full_job=$(create_as demo "$work/full.json")
wait_for "$CINDER_WAIT" "the new full backup succeeds" result_is_as demo "$full_job" success
mapfile -t before < <(backups_of demo demo "$demo_vol" | cut -d' ' -f1)
[ "${#before[@]}" = 3 ] || fail "expected 3 backups before retention, saw ${#before[@]}"
sha256sum "$(volume_file "$demo_vol")" | cut -d' ' -f1 > "$work/demo.sha256"   # as the last backup has it
job_file "$work/rotate.json" "$(cinder_action admin "$demo_vol" '"fullbackup_rotation": 1')"
rotate_job=$(create_as demo "$work/rotate.json")
wait_for "$CINDER_WAIT" "retention succeeds" result_is_as demo "$rotate_job" success
mapfile -t after < <(backups_of demo demo "$demo_vol" | cut -d' ' -f1)
[ "${after[*]}" = "${before[2]}" ] || fail "retention should keep only ${before[2]}, kept: ${after[*]}"
grep -q "Cinder backup ${before[1]} of volume $demo_vol deleted" "$work/sched.log" || fail "the incremental was not deleted"
[ "$(grep -n "Cinder backup ${before[1]} of volume .* deleted" "$work/sched.log" | cut -d: -f1)" -lt \
  "$(grep -n "Cinder backup ${before[0]} of volume .* deleted" "$work/sched.log" | cut -d: -f1)" ] \
  || fail "the full backup was deleted before its incremental"

# 4. A restore brings the data back byte for byte.
write_block "$demo_vol" 0
write_block "$demo_vol" 700
[ "$(sha256sum "$(volume_file "$demo_vol")" | cut -d' ' -f1)" != "$(cat "$work/demo.sha256")" ] || fail "the volume did not change"
job_file "$work/restore.json" "$(cinder_action restore "$demo_vol")"
restore_job=$(create_as demo "$work/restore.json")
wait_for "$CINDER_WAIT" "the restore succeeds" result_is_as demo "$restore_job" success
[ "$(sha256sum "$(volume_file "$demo_vol")" | cut -d' ' -f1)" = "$(cat "$work/demo.sha256")" ] \
  || fail "the restored volume differs from the backup"

# ... and restoring the backup by id creates a new volume holding the same bytes.
job_file "$work/restore-new.json" "$(echo "{\"action\": \"restore\", \"mode\": \"cindernative\", \"cindernative_backup_id\": \"${before[2]}\", \"storage\": \"local\"}")"
restore_new_job=$(create_as demo "$work/restore-new.json")
wait_for "$CINDER_WAIT" "the restore into a new volume succeeds" result_is_as demo "$restore_new_job" success
new_vol=$(grep -o "Job $restore_new_job: volume [0-9a-f-]* restored" "$work/sched.log" | awk '{print $4}')
[ -n "$new_vol" ] && [ "$new_vol" != "$demo_vol" ] || fail "no new volume was restored"
volumes+=("demo demo $new_vol")
[ "$(cinder demo demo GET "/volumes/$new_vol" | jq -r .volume.status)" = available ] || fail "the new volume is not available in project demo"
[ "$(sha256sum "$(volume_file "$new_vol")" | cut -d' ' -f1)" = "$(cat "$work/demo.sha256")" ] \
  || fail "the new volume differs from the backup"

# 5. A revoked trust fails only its own job.
alt_trust=$(as_user alt alt GET "http://127.0.0.1:$PORT/v2/$ALT_PROJECT_ID/jobs/$alt_job" | jq -r .user_credentials.trust_id)
[ -n "$alt_trust" ] && [ "$alt_trust" != null ] || fail "alt's job has no trust"
as_user alt alt DELETE "$KS_URL/OS-TRUST/trusts/$alt_trust" >/dev/null
with_user alt freezer job-start "$alt_job" >/dev/null 2>&1
run_as demo "$full_job"
wait_for "$CINDER_WAIT" "demo's job still succeeds" result_is_as demo "$full_job" success
trust_refused() { grep -q "Job $alt_job.*trust $alt_trust\|trust $alt_trust.*Job $alt_job\|Job $alt_job (trust $alt_trust)" "$work/sched.log"; }
wait_for 30 "the revoked trust is logged with the job" trust_refused
[ "$(backups_of alt alt "$alt_vol" | wc -l)" = 1 ] || fail "alt's job ran with a revoked trust"

# 6. Cinder going away mid-backup fails that run clearly; the next run recovers.
run_as demo "$demo_job"
created_again() { [ "$(grep -c "Job $demo_job: Cinder backup .* created" "$work/sched.log")" -ge 3 ]; }
wait_for 60 "the backup starts" created_again
"$here/../services/cinder.sh" stop-api
wait_for 60 "the run fails" result_is_as demo "$demo_job" fail
grep -q "Cinder is unreachable" "$work/sched.log" || fail "the failure does not say Cinder is unreachable"
"$here/../services/cinder.sh" start >/dev/null
run_as demo "$demo_job"
wait_for "$CINDER_WAIT" "the next run recovers" result_is_as demo "$demo_job" success

# 7. One Keystone token request per trust for the whole run (4-hour tokens), not one per
# call: demo's trust served every run and report with a single token; alt's was asked for again
# only once it had been revoked.
demo_trust=$(as_user demo demo GET "http://127.0.0.1:$PORT/v2/$DEMO_PROJECT_ID/jobs/$demo_job" | jq -r .user_credentials.trust_id)
# Logs name trusts by a fingerprint, never by id (common/secret_fingerprint.h).
fingerprint() { printf 'sha256:%s' "$(printf %s "$1" | sha256sum | cut -c1-12)"; }
requests() { grep -c "Requesting a Keystone token for trust $(fingerprint "$1")\b" "$work/sched.log" || true; }
issued() { grep -c "Keystone issued a token for trust $(fingerprint "$1") " "$work/sched.log" || true; }
grep -q "$demo_trust" "$work/sched.log" "$work/api.log" && fail "a trust id is in the logs"
[ "$(requests "$demo_trust")" = 1 ] || fail "demo's trust needed $(requests "$demo_trust") token requests"
[ "$(issued "$alt_trust")" = 1 ] || fail "alt's trust was issued $(issued "$alt_trust") tokens"
runs=$(grep -c "Job .* action .*: cindernative, try" "$work/sched.log")
reports=$(grep -c "Job .* reported:" "$work/sched.log")
echo "central scheduler with Keystone and Cinder: all checks passed ($runs action runs and $reports reports;" \
  "trust token requests: demo $(requests "$demo_trust"), alt $(requests "$alt_trust") of which $(issued "$alt_trust") before the revocation)"
