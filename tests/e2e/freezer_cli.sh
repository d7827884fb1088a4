#!/usr/bin/env bash
# The real `freezer` CLI (Debian's python3-freezerclient) against this API: authenticated by
# the test Keystone, endpoint from its catalog (type `backup`, 127.0.0.1:29090). Each command's
# output is checked, not just its exit code.
# Usage: freezer_cli.sh <freezer-api> <freezer-manage>
set -euo pipefail
export PATH=/usr/bin:/usr/sbin:/bin:/sbin:$PATH   # Debian's python3 for the CLI
api=$1
manage=$2
PORT=29090
. "$(dirname "$0")/../support/lib.sh"
new_work_dir cli
. "$KS_DIR/ids.env"
start_api "$api" "$manage" "$PORT" keystone

. "$KS_DIR/demo-openrc"
# The CLI prints an eventlet traceback at exit; keep it out of the checked output.
F() { freezer "$@" 2> >(grep -vE 'Exception ignored|^Traceback|^  File|getcurrent|^    ' >&2); }
expect() { # description, output, pattern
  grep -qE -- "$3" <<<"$2" || fail "$1: expected /$3/ in:
$2"
}

client="cli-node-$RANDOM"
cat > "$work/client.json" <<JSON
{"client_id": "$client", "hostname": "$client.example", "description": "CLI test client"}
JSON
cat > "$work/job.json" <<'JSON'
{"description": "nightly fs backup of /etc",
 "job_schedule": {"schedule_interval": "1 days", "schedule_start_date": "2030-01-01T00:00:00"},
 "job_actions": [{"freezer_action": {"action": "backup", "mode": "fs", "path_to_backup": "/etc/hostname",
   "backup_name": "etc-backup", "container": "/tmp/freezer-backups", "storage": "local"},
   "max_retries": 3, "max_retries_interval": 60}]}
JSON
cat > "$work/job-update.json" <<'JSON'
{"description": "weekly fs backup of /etc", "job_schedule": {"schedule_interval": "7 days"}}
JSON
cat > "$work/action.json" <<'JSON'
{"freezer_action": {"action": "backup", "mode": "fs", "path_to_backup": "/etc/hosts", "backup_name": "hosts",
 "container": "/tmp/freezer-backups", "storage": "local"}, "max_retries": 2, "max_retries_interval": 10}
JSON
cat > "$work/action-update.json" <<'JSON'
{"freezer_action": {"backup_name": "hosts-renamed"}, "max_retries": 4}
JSON
cat > "$work/session.json" <<'JSON'
{"description": "cli session", "hold_off": 30, "schedule": {"schedule_interval": "1 days"}}
JSON
cat > "$work/backup.json" <<JSON
{"action": "backup", "backup_name": "etc-backup", "backup_media": "fs", "client_id": "$client",
 "container": "/tmp/freezer-backups", "curr_backup_level": 0, "fs_real_path": "/etc/hostname",
 "hostname": "$client.example", "level": 0, "max_level": 5, "mode": "fs", "path_to_backup": "/etc/hostname",
 "time_stamp": 1764000000, "storage": "local", "compression": "gzip", "encrypted": false}
JSON

# clients
out=$(F client-register --file "$work/client.json" 2>&1); expect client-register "$out" "Client $client registered"
out=$(F client-list 2>&1); expect client-list "$out" "$client"
out=$(F client-show "$client" 2>&1); expect client-show "$out" "CLI test client"

# jobs
out=$(F job-create --file "$work/job.json" --client "$client" 2>&1); expect job-create "$out" "Job [0-9a-f]{32} created"
job=$(awk '/created/{print $2}' <<<"$out")
out=$(F job-list 2>&1); expect job-list "$out" "$job.*nightly fs backup of /etc"
out=$(F job-show "$job" 2>&1); expect job-show "$out" "/etc/hostname"; expect job-show "$out" "1 days"
out=$(F job-update "$job" "$work/job-update.json" 2>&1); expect job-update "$out" "Job $job updated"
out=$(F job-show "$job" 2>&1); expect job-show-updated "$out" "weekly fs backup of /etc"
out=$(F job-start "$job" 2>&1); expect job-start "$out" "Start request sent for job $job"
out=$(F job-show "$job" 2>&1); expect job-show-started "$out" "start"
out=$(F job-stop "$job" 2>&1); expect job-stop "$out" "Stop request sent for job $job"
out=$(F job-abort "$job" 2>&1); expect job-abort "$out" "Abort request sent for job $job"

# actions
out=$(F action-create --file "$work/action.json" 2>&1); expect action-create "$out" "Action [0-9a-f]{32} created"
action=$(awk '/created/{print $2}' <<<"$out")
out=$(F action-list 2>&1); expect action-list "$out" "$action"
out=$(F action-show "$action" 2>&1); expect action-show "$out" "/etc/hosts"
out=$(F action-update "$action" "$work/action-update.json" 2>&1); expect action-update "$out" "updated"
out=$(F action-show "$action" 2>&1); expect action-show-updated "$out" "hosts-renamed"

# sessions
out=$(F session-create --file "$work/session.json" 2>&1); expect session-create "$out" "Session [0-9a-f]{32} created"
session=$(awk '/created/{print $2}' <<<"$out")
out=$(F session-list 2>&1); expect session-list "$out" "$session"
out=$(F session-add-job --session-id "$session" --job-id "$job" 2>&1); expect session-add-job "$out" "added correctly"
out=$(F session-show "$session" 2>&1); expect session-show "$out" "cli session"
out=$(F session-start --session-id "$session" --job-id "$job" --job-tag 0 2>&1); expect session-start "$out" "Session $session start requested"
out=$(F session-show "$session" 2>&1); expect session-show-started "$out" "running"
out=$(F session-remove-job --session-id "$session" --job-id "$job" 2>&1); expect session-remove-job "$out" "removed correctly"
out=$(F session-delete "$session" 2>&1); expect session-delete "$out" "deleted"
out=$(F session-list 2>&1); grep -q "$session" <<<"$out" && fail "session still listed after delete"

# backups
out=$(F backup-create --file "$work/backup.json" 2>&1); expect backup-create "$out" "Backup [0-9a-f]{32} created"
backup=$(awk '/created/{print $2}' <<<"$out")
out=$(F backup-list 2>&1); expect backup-list "$out" "$backup.*$client.example"
out=$(F backup-show "$backup" 2>&1); expect backup-show "$out" "etc-backup"
out=$(F backup-delete "$backup" 2>&1); expect backup-delete "$out" "deleted"

# deletes
out=$(F action-delete "$action" 2>&1); expect action-delete "$out" "deleted"
out=$(F job-delete "$job" 2>&1); expect job-delete "$out" "deleted"
out=$(F job-list 2>&1); grep -q "$job" <<<"$out" && fail "job still listed after delete"
out=$(F client-delete "$client" 2>&1); expect client-delete "$out" "deleted"
out=$(F client-list 2>&1); grep -q "$client" <<<"$out" && fail "client still listed after delete"

echo "freezer CLI: ok (client $client, job $job, action $action, session $session, backup $backup)"
