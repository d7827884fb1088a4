#!/usr/bin/env bash
# The scheduler binary end to end, as a user meets it: the real Keystone (the test one), the
# C++ API on the catalog's port, freezer-scheduler in the foreground with the demo user's OS_*
# credentials, Debian's real freezer-agent, and jobs made and watched with the `freezer` CLI.
# Usage: scheduler_keystone.sh <freezer-scheduler> <freezer-api> <freezer-manage>
set -euo pipefail
export PATH=/usr/bin:/usr/sbin:/bin:/sbin:$PATH   # Debian's python3 for the CLI and the agent
sched=$1
api=$2
manage=$3
PORT=29090   # the catalog's backup endpoint (tests/services/keystone.sh)
. "$(dirname "$0")/../support/lib.sh"
new_work_dir sched-e2e
show_on_failure "$work/sched.log" 40
. "$KS_DIR/ids.env"
start_api "$api" "$manage" "$PORT" keystone

. "$KS_DIR/demo-openrc"
client="e2e-node-$RANDOM"
# A 13.0.0-style file: options under [DEFAULT], credentials from the OS_* environment.
cat > "$work/scheduler.conf" <<CONF
[DEFAULT]
client_id = $client
jobs_dir = $work/jobs
interval = 2
debug = True
log_file = $work/sched.log
CONF
# Credentials Keystone refuses stop the start with a message; an unreachable Keystone is
# waited for (with back-off) instead.
rc=0
OS_PASSWORD=wrong timeout 30 "$sched" --config-file "$work/scheduler.conf" --log-file "$work/refused.log" \
  --no-daemon start > /dev/null 2>&1 || rc=$?
[ "$rc" = 1 ] || fail "refused credentials: exit $rc (expected 1)"
grep -q "CRITICAL.*HTTP 401.*check \[service_auth\]" "$work/refused.log" || fail "no clear message for refused credentials"
OS_AUTH_URL=http://127.0.0.1:9/v3 "$sched" --config-file "$work/scheduler.conf" --log-file "$work/unreachable.log" \
  --scheduler-interval 2 --no-daemon start > /dev/null 2>&1 &
unreachable=$!
retried() { [ "$(grep -c "Unable to authenticate.*(retrying)" "$work/unreachable.log" 2>/dev/null)" -ge 2 ] 2>/dev/null; }
wait_for 20 "retries while Keystone is unreachable" retried
kill -0 "$unreachable" || fail "the scheduler gave up on an unreachable Keystone"
kill -TERM "$unreachable"
wait "$unreachable" || fail "the waiting scheduler did not stop cleanly"

"$sched" --config-file "$work/scheduler.conf" --no-daemon start > "$work/sched.out" 2>&1 &
sched_pid=$!
stop_at_exit "$sched_pid"

wait_for 30 "the scheduler registers $client" client_listed "$client"

mkdir -p "$work/src/sub"
echo "alpha $RANDOM" > "$work/src/a.txt"
echo beta > "$work/src/sub/b.txt"
action() { # action json fields -> freezer_action with local storage and the agent's log here
  echo "{\"storage\": \"local\", \"container\": \"$work/store\", \"log_file\": \"$work/agent.log\", $1}"
}
job_file() { # file, freezer_action, schedule, retries, interval
  cat > "$1" <<JSON
{"description": "e2e $(basename "$1" .json)", "job_schedule": $3,
 "job_actions": [{"freezer_action": $2, "max_retries": $4, "max_retries_interval": $5}]}
JSON
}
create() { create_job "$1" "$client"; }

# 1. A daily fs backup whose first run is a few seconds from now runs then, on its schedule.
start_epoch=$(( $(date +%s) + 8 ))
start=$(date -u -d "@$start_epoch" +%Y-%m-%dT%H:%M:%S)
job_file "$work/daily.json" "$(action '"action": "backup", "mode": "fs", "path_to_backup": "'"$work"'/src", "backup_name": "e2e-docs"')" \
  "{\"schedule_start_date\": \"$start\", \"schedule_interval\": \"1 days\"}" 1 1
daily=$(create "$work/daily.json")
[ -n "$daily" ] || fail "job-create failed: $(create_failure)"
wait_for 90 "the daily job succeeds" job_result_is "$daily" success
job_status_is "$daily" scheduled || fail "a recurring job should be scheduled again"
started=$(curl -s -H "X-Auth-Token: $(openstack token issue -f value -c id 2>/dev/null)" \
  "http://127.0.0.1:$PORT/v2/$DEMO_PROJECT_ID/jobs/$daily" | jq .job_schedule.time_started)
[ "$started" -ge "$start_epoch" ] || fail "the job started at $started, before its start date $start_epoch"
ls "$work/store/data/tar/"*_e2e-docs/* >/dev/null 2>&1 || fail "no backup data in the local storage"
F backup-list -f value | grep "$work/src" >/dev/null || fail "the backup is not in freezer backup-list"
grep -q "Freezer client warnings" "$work/sched.log" || fail "expected the agent's deprecation warning on stderr"
grep -q "Job $daily, freezer action metadata uploaded" "$work/sched.log" || fail "metadata not uploaded"

# 2. A stop event stops it.
F job-stop "$daily" >/dev/null
wait_for 30 "the stopped job reports stop" job_status_is "$daily" stop
[ -z "$(job_field "$daily" Event)" ] || fail "the stop event was not cleared"

# 3. An abort kills a long-running action (and what the agent started).
job_file "$work/long.json" "$(action '"action": "exec", "mode": "fs", "command": "sleep 300"')" "{}" 3 1
long=$(create "$work/long.json")
pid_known() { job_status_is "$long" running && [ -n "$(job_field "$long" 'Current pid')" ]; }
wait_for 60 "the long job runs" pid_known
agent=$(job_field "$long" 'Current pid')
sleeping() { pgrep -g "$agent" -x sleep >/dev/null; }
wait_for 20 "the agent starts its command" sleeping
F job-abort "$long" >/dev/null
wait_for 30 "the aborted job reports aborted" job_result_is "$long" aborted
live() { for p in $(pgrep -g "$agent"); do grep -q '^State:.*Z' "/proc/$p/status" 2>/dev/null || return 0; done; return 1; }
no_live() { ! live; }
wait_for 10 "the agent's process group is gone" no_live
[ "$(grep -c "Job $long action exec: freezer-agent started" "$work/sched.log")" = 1 ] || fail "an aborted action was retried"

# 4. A failing action is tried max_retries + 1 times, then the job fails.
job_file "$work/broken.json" "$(action '"action": "backup", "mode": "fs", "path_to_backup": "/nonexistent/e2e", "backup_name": "broken"')" "{}" 2 1
broken=$(create "$work/broken.json")
wait_for 90 "the failing job reports fail" job_result_is "$broken" fail
tries=$(grep -c "Job $broken action backup: freezer-agent started" "$work/sched.log")
[ "$tries" = 3 ] || fail "expected 3 tries (max_retries 2), saw $tries"

# 5. A job deleted in the API is dropped by the scheduler.
job_file "$work/later.json" "$(action '"action": "backup", "mode": "fs", "path_to_backup": "'"$work"'/src", "backup_name": "later"')" \
  '{"schedule_start_date": "2099-01-01T00:00:00", "schedule_interval": "1 days"}' 0 1
later=$(create "$work/later.json")
wait_for 30 "the later job is scheduled" job_status_is "$later" scheduled
[ -f "$work/jobs/job_$later.conf" ] || fail "no cache file for the scheduled job"
F job-delete "$later" >/dev/null
dropped() { grep -q "Job $later removed" "$work/sched.log"; }
wait_for 30 "the scheduler drops the deleted job" dropped
[ -f "$work/jobs/job_$later.conf" ] && fail "the deleted job's cache file is still there"

# 6. One Keystone token served the whole run.
tokens=$(grep -c "Keystone issued a token" "$work/sched.log")
[ "$tokens" = 1 ] || fail "expected one Keystone token for the whole run, saw $tokens"
kill -TERM "$sched_pid"
wait "$sched_pid" || fail "the scheduler exited non-zero on SIGTERM"
echo "scheduler with Keystone and the freezer-agent: all checks passed"
