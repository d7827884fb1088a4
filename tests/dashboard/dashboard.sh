#!/usr/bin/env bash
# The Freezer dashboard in a real browser (CTest label `dashboard`): Horizon with freezer-web-ui,
# headless Chromium, the test Keystone, and on each side an API with a scheduler running the
# real freezer-agent: this API (found in the Keystone catalog: $DASHBOARD_API_PORT must be the
# catalog's backup endpoint) and Debian's Python freezer-api 13.0.0 ($DASHBOARD_PEER_PORT, given
# to its Horizon as FREEZER_API_URL). CTest gives the test a Keystone of its own
# (FREEZER_TEST_KS_DIR); without one it uses the shared test Keystone and its ports.
# tests/dashboard/panels_test.py does what a user does on both and compares what they show.
# A failure leaves the screenshots, the APIs', Horizons' and schedulers' logs in $work (kept).
# Usage: dashboard.sh <freezer-api> <freezer-manage> <freezer-scheduler> [docs-screenshot-dir]
set -euo pipefail
export PATH=/usr/bin:/usr/sbin:/bin:/sbin:$PATH   # Debian's python3 for Horizon and the agent
api=$1
manage=$2
sched=$3
docs_shots=${4:-}
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
PORT=${DASHBOARD_API_PORT:-29090}        # the catalog's backup endpoint (tests/services/keystone.sh)
PEER_PORT=${DASHBOARD_PEER_PORT:-29091}
. "$here/../support/lib.sh"
new_work_dir dashboard
[ -z "$docs_shots" ] || rm -rf "$docs_shots"   # only this run's screenshots end up there
. "$KS_DIR/ids.env"

start_api "$api" "$manage" "$PORT" keystone
peer_dir=$work/peer
at_exit env PEER_DIR="$peer_dir" PEER_PORT="$PEER_PORT" FREEZER_TEST_KS_DIR="$KS_DIR" \
  "$here/../services/freezer_api_peer.sh" stop
PEER_DIR=$peer_dir PEER_PORT=$PEER_PORT FREEZER_TEST_KS_DIR=$KS_DIR "$here/../services/freezer_api_peer.sh" start >/dev/null \
  || fail "the Python freezer-api did not start"
show_on_failure "$peer_dir/freezer-api.log"

# side <name> <api url> <horizon port>: a scheduler for client dashboard-<name> and a Horizon.
sides=()
side() {
  local name=$1 url=$2 port=$3 dir=$work/$1 api_env=
  mkdir -p "$dir/documents/reports"
  echo "quarterly figures" > "$dir/documents/reports/q3.txt"
  echo "meeting notes $RANDOM" > "$dir/documents/notes.txt"
  cat > "$dir/scheduler.conf" <<CONF
[scheduler]
client_id = dashboard-$name
jobs_dir = $dir/jobs
interval = 2
[DEFAULT]
log_file = $dir/scheduler.log
CONF
  (. "$KS_DIR/demo-openrc"; export OS_BACKUP_URL=$url
   exec "$sched" --config-file "$dir/scheduler.conf" --no-daemon start) > "$dir/scheduler.out" 2>&1 &
  stop_at_exit $!
  show_on_failure "$dir/scheduler.log"
  [ "$name" = ours ] || api_env=$url   # ours is found in the Keystone catalog
  at_exit env DASH_DIR="$dir/horizon" "$repo/demo/horizon.sh" stop
  DASH_DIR=$dir/horizon DASH_PORT=$port DASH_KEYSTONE_URL=$KS_URL DASH_API_URL=$api_env \
    "$repo/demo/horizon.sh" start >/dev/null || fail "Horizon ($name) did not start"
  show_on_failure "$dir/horizon/horizon.log" 40
  sides+=(--side "$name,http://127.0.0.1:$port,$url,dashboard-$name,$dir")
}
side ours "http://127.0.0.1:$PORT" 29080
side python "http://127.0.0.1:$PEER_PORT" 29081

args=(--keystone "$KS_URL" --shots "$work/screenshots" "${sides[@]}")
[ -n "$docs_shots" ] && args+=(--docs-shots "$docs_shots")
if ! python3 "$here/panels_test.py" "${args[@]}"; then
  KEEP=1   # the screenshots and logs stay for whoever reads the failure
  fail "the dashboard test failed; screenshots and logs are in $work"
fi
# The indexes' error pages are freezer-web-ui's own KeyError on both sides, not an API's answer.
for name in ours python; do
  for key in job_id session_id; do
    grep -q "KeyError: '$key'" "$work/$name/horizon/horizon.log" \
      || { KEEP=1; fail "Horizon ($name): the broken index did not fail with KeyError '$key'"; }
  done
done
