#!/usr/bin/env bash
# Drop-in, the other way: Debian's Python freezer-scheduler 13.0.0 and its freezer-agent drive
# this API (with the real Keystone) through the same fs job, made and watched with the
# `freezer` CLI. Every request the upstream scheduler makes must succeed.
# Usage: upstream_scheduler.sh <freezer-api> <freezer-manage>
set -euo pipefail
export PATH=/usr/bin:/usr/sbin:/bin:/sbin:$PATH
api=$1
manage=$2
PORT=29090   # the catalog's backup endpoint: the 13.0.0 scheduler finds the API there
. "$(dirname "$0")/../support/lib.sh"
new_work_dir upstream-sched
# The scheduler's log without its tracebacks' source lines.
scheduler_log() { grep -v '^ ' "$work/sched.log" | tail -30; }
on_failure scheduler_log
command -v freezer-scheduler >/dev/null || fail "freezer-scheduler (13.0.0) is not installed"
. "$KS_DIR/ids.env"
start_api "$api" "$manage" "$PORT" keystone

. "$KS_DIR/demo-openrc"
client="py-node-$RANDOM"
# 13.0.0 posts the agent's metadata only when the agent printed nothing on stderr, and the
# agent prints Python warnings: silence them, or no backup is ever recorded (an upstream bug).
PYTHONWARNINGS=ignore freezer-scheduler --client-id "$client" --conf "$work/jobs" --interval 3 \
  --no-daemon start > "$work/sched.log" 2>&1 &
sched_pid=$!
stop_at_exit "$sched_pid"

wait_for 60 "the upstream scheduler registers" client_listed "$client"

mkdir -p "$work/src"
echo "upstream $RANDOM" > "$work/src/a.txt"
cat > "$work/job.json" <<JSON
{"description": "fs backup by the upstream scheduler",
 "job_actions": [{"freezer_action": {"action": "backup", "mode": "fs", "path_to_backup": "$work/src",
   "backup_name": "upstream-docs", "container": "$work/store", "storage": "local",
   "log_file": "$work/agent.log"}, "max_retries": 1, "max_retries_interval": 1}]}
JSON
job=$(create_job "$work/job.json" "$client")
[ -n "$job" ] || fail "job-create failed: $(create_failure)"
wait_for 120 "the upstream scheduler runs the job" job_result_is "$job" success
wait_for 30 "the job completes" job_status_is "$job" completed
ls "$work/store/data/tar/"*_upstream-docs/* >/dev/null 2>&1 || fail "no backup data in the local storage"
F backup-list -f value | grep "$work/src" >/dev/null || fail "the metadata the upstream scheduler posted is missing"

# Every request of the upstream scheduler (registration, polls, PATCHes of the whole job,
# the backup) was answered with success.
grep -q "method=PATCH path=/v2/$DEMO_PROJECT_ID/jobs/$job status=200" "$work/api.log" || fail "no job report reached the API"
bad=$(grep "request method=" "$work/api.log" | grep -v "status=20[0-9]" || true)
[ -z "$bad" ] || fail "requests this API refused: $bad"
echo "the Python freezer-scheduler 13.0.0 with this API: all checks passed"
