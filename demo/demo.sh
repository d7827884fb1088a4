#!/usr/bin/env bash
# A demo cloud in one command (`make demo`): a real Keystone with a demo project and user, this
# API in Keystone mode on an embedded SQLite database, a scheduler running the demo project's
# jobs with the real freezer-agent, and Horizon with the Freezer panels, all on 127.0.0.1.
# Prints the dashboard's URL and the logins; Ctrl-C stops everything it started.
# Usage: demo/demo.sh <build dir>
# Env: DEMO_DIR (var/demo), DEMO_KEYSTONE_PORT (5000), DEMO_API_PORT (9090),
#      DEMO_DASHBOARD_PORT (8000)
set -euo pipefail
export PATH=/usr/bin:/usr/sbin:/bin:/sbin:$PATH   # Debian's python3 for Keystone, Horizon, the agent
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
build=$(cd "${1:-$repo/build}" && pwd)
mkdir -p "${DEMO_DIR:-$repo/var/demo}"
dir=$(cd "${DEMO_DIR:-$repo/var/demo}" && pwd)
ks_port=${DEMO_KEYSTONE_PORT:-5000}
api_port=${DEMO_API_PORT:-9090}
dash_port=${DEMO_DASHBOARD_PORT:-8000}
api_url=http://127.0.0.1:$api_port
ks_url=http://127.0.0.1:$ks_port/v3

for port in "$ks_port" "$api_port" "$dash_port"; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "demo: 127.0.0.1:$port is already in use (is \`make run\` or another demo running?)" >&2
    exit 1
  fi
done

pids=()
# shellcheck disable=SC2317  # run by the EXIT trap
stop_all() {
  trap - EXIT INT TERM
  echo; echo "demo: stopping"
  DASH_DIR=$dir/horizon "$here/horizon.sh" stop || true
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  KS_DIR=$dir/keystone "$repo/tests/services/keystone.sh" stop || true
}
trap stop_all EXIT
trap 'exit 130' INT TERM

echo "demo: starting Keystone on 127.0.0.1:$ks_port"
KS_DIR=$dir/keystone KS_PORT=$ks_port FREEZER_API_URL=$api_url \
  "$repo/tests/services/keystone.sh" start > "$dir/keystone-setup.log" \
  || { cat "$dir/keystone-setup.log" >&2; exit 1; }

echo "demo: starting freezer-api on $api_url (Keystone auth, $dir/freezer.db)"
cat > "$dir/freezer-api.conf" <<CONF
[DEFAULT]
bind_host = 127.0.0.1
bind_port = $api_port
log_file = $dir/freezer-api.log
[api]
auth_strategy = keystone
[database]
connection = sqlite:///$dir/freezer.db
[keystone_authtoken]
www_authenticate_uri = http://127.0.0.1:$ks_port
auth_url = http://127.0.0.1:$ks_port
auth_type = password
username = freezer
password = freezerpass
project_name = service
user_domain_name = Default
project_domain_name = Default
CONF
"$build/db/freezer-manage" --config-file "$dir/freezer-api.conf" db sync > /dev/null
"$build/freezer_api/freezer-api" --config-file "$dir/freezer-api.conf" > /dev/null 2>&1 &
pids+=($!)
for _ in $(seq 100); do curl -sf -o /dev/null "$api_url/healthcheck" && break; sleep 0.1; done
curl -sf -o /dev/null "$api_url/healthcheck" || { echo "demo: the API did not start ($dir/freezer-api.log)" >&2; exit 1; }

echo "demo: starting freezer-scheduler for client demo-node (project demo, freezer-agent)"
mkdir -p "$dir/scheduler-jobs" "$dir/documents" "$dir/backups"
[ -e "$dir/documents/README.txt" ] || echo "Files to back up from the dashboard." > "$dir/documents/README.txt"
cat > "$dir/scheduler.conf" <<CONF
[scheduler]
client_id = demo-node
jobs_dir = $dir/scheduler-jobs
interval = 5
[DEFAULT]
log_file = $dir/freezer-scheduler.log
CONF
(. "$dir/keystone/demo-openrc"
 exec "$build/freezer_scheduler/freezer-scheduler" --config-file "$dir/scheduler.conf" --no-daemon start) \
  > /dev/null 2>&1 &
pids+=($!)

echo "demo: starting Horizon with the Freezer panels on 127.0.0.1:$dash_port"
DASH_DIR=$dir/horizon DASH_PORT=$dash_port DASH_KEYSTONE_URL=$ks_url "$here/horizon.sh" start > /dev/null

cat <<TEXT

  Freezer dashboard:  http://127.0.0.1:$dash_port/
  Log in as           demo / demopass   (project demo: its client demo-node runs the jobs)
                      alt / altpass     (another project: sees none of demo's)
  Back up             $dir/documents  to local storage in  $dir/backups
                      (Actions > Create Action: Backup, File system, Local, tar; then on the
                      Jobs page, Create Job: pick demo-node and drag the action in; Start Job)
  The Jobs and Sessions links of freezer-web-ui 13.0.0 fail under Django 3.2 (README,
  "The dashboard"); the demo opens the Jobs list at http://127.0.0.1:$dash_port/disaster_recovery/all
  freezer-api:        $api_url   (Keystone $ks_url; the freezer CLI: . $dir/keystone/demo-openrc)
  Logs:               $dir/*.log, $dir/horizon/horizon.log

  Ctrl-C stops the demo.
TEXT
# Runs until Ctrl-C, or until a process it started ends.
wait -n "${pids[@]}"
echo "demo: a process ended; see the logs in $dir" >&2
exit 1
