#!/usr/bin/env bash
# Drop-in, one way: this freezer-scheduler drives Debian's Python freezer-api 13.0.0 (the
# reference peer, tests/services/freezer_api_peer.sh) through the same fs job users run,
# with the real freezer-agent; the job is made and watched with the `freezer` CLI.
# Usage: scheduler_peer.sh <freezer-scheduler>
set -euo pipefail
export PATH=/usr/bin:/usr/sbin:/bin:/sbin:$PATH
sched=$1
here=$(cd "$(dirname "$0")" && pwd)
PEER_PORT=29091
. "$here/../support/lib.sh"
new_work_dir sched-peer
show_on_failure "$work/sched.log" 30
at_exit env PEER_PORT="$PEER_PORT" "$here/../services/freezer_api_peer.sh" stop
PEER_PORT=$PEER_PORT "$here/../services/freezer_api_peer.sh" start >/dev/null

. "$KS_DIR/demo-openrc"
export OS_BACKUP_URL=http://127.0.0.1:$PEER_PORT   # the CLI and the scheduler both use the peer
client="peer-node-$RANDOM"
cat > "$work/scheduler.conf" <<CONF
[scheduler]
client_id = $client
jobs_dir = $work/jobs
interval = 2
[DEFAULT]
log_file = $work/sched.log
CONF
"$sched" --config-file "$work/scheduler.conf" --no-daemon start > "$work/sched.out" 2>&1 &
sched_pid=$!
stop_at_exit "$sched_pid"

wait_for 30 "the scheduler registers with the peer" client_listed "$client"

mkdir -p "$work/src"
echo "peer $RANDOM" > "$work/src/a.txt"
cat > "$work/job.json" <<JSON
{"description": "fs backup through the peer",
 "job_actions": [{"freezer_action": {"action": "backup", "mode": "fs", "path_to_backup": "$work/src",
   "backup_name": "peer-docs", "container": "$work/store", "storage": "local",
   "log_file": "$work/agent.log"}, "max_retries": 1, "max_retries_interval": 1}]}
JSON
job=$(create_job "$work/job.json" "$client")
[ -n "$job" ] || fail "job-create on the peer failed: $(create_failure)"
wait_for 90 "the job succeeds on the peer" job_result_is "$job" success
wait_for 20 "the job completes on the peer" job_status_is "$job" completed
ls "$work/store/data/tar/"*_peer-docs/* >/dev/null 2>&1 || fail "no backup data in the local storage"
F backup-list -f value | grep "$work/src" >/dev/null || fail "the backup is not in the peer's backup-list"
grep -q "Job $job, freezer action metadata uploaded" "$work/sched.log" || fail "no metadata upload"
grep -q "Job update error" "$work/sched.log" && fail "the peer refused a job report"
kill -TERM "$sched_pid"
wait "$sched_pid" || fail "the scheduler exited non-zero on SIGTERM"
echo "this scheduler with the Python freezer-api 13.0.0: all checks passed"
