#!/usr/bin/env bash
# The real binaries: freezer-manage db sync/version/show, freezer-api serving on a loopback
# port, refusing noauth on a public address, and stopping cleanly on SIGTERM.
set -euo pipefail
api=$1
manage=$2
. "$(dirname "$0")/../support/lib.sh"
new_work_dir smoke
show_on_failure "$work/api.log"

# A fixed port of the test plan: a random one could be an ephemeral port in use.
port=29101
cat > "$work/api.conf" <<CONF
[DEFAULT]
bind_host = 127.0.0.1
bind_port = $port
[api]
auth_strategy = noauth
[database]
connection = sqlite:///$work/freezer.db
CONF

# The API refuses to start on an empty database.
"$api" --config-file "$work/api.conf" > "$work/api.log" 2>&1 && fail "started without a schema"
grep -q "freezer-manage db sync" "$work/api.log" || fail "no hint to run db sync"

# The release's schema version: its number of migrations (db/migrations/NNN_*.sql).
latest=$(find "$(dirname "$0")/../../db/migrations" -maxdepth 1 -name '[0-9][0-9][0-9]_*.sql' | wc -l)
out=$("$manage" --config-file "$work/api.conf" db sync) || fail "db sync failed"
[[ $out == "Database upgraded to version $latest (applied $latest migrations)" ]] || fail "unexpected: $out"
out=$("$manage" --config-file "$work/api.conf" db sync) || fail "second db sync failed"
[ "$out" = "Database is up to date at version $latest" ] || fail "second sync not a no-op: $out"
[ "$("$manage" --config-file "$work/api.conf" db version)" = "$latest" ] || fail "db version"
"$manage" --config-file "$work/api.conf" db show | grep '"user_credentials"' >/dev/null || fail "db show"
"$manage" --config-file /nonexistent.conf db version 2>/dev/null && fail "bad config accepted"

# noauth on a non-loopback address is refused.
"$api" --config-file "$work/api.conf" --bind-host 0.0.0.0 > "$work/refused.log" 2>&1 \
  && fail "noauth served on 0.0.0.0"
grep -q "refusing to serve without authentication" "$work/refused.log" || fail "no refusal message"

"$api" --config-file "$work/api.conf" > "$work/api.log" 2>&1 &
pid=$!
stop_at_exit "$pid"
up=
for _ in $(seq 100); do
  curl -s -o /dev/null "http://127.0.0.1:$port/healthcheck" && { up=1; break; }
  sleep 0.05
done
[ -n "$up" ] || fail "the API did not answer on port $port within 5 s"
code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/")
[ "$code" = "300" ] || fail "GET / answered $code"
code=$(curl -s -o /dev/null -w '%{http_code}' -X POST -H 'X-Project-Id: demo' \
  -d '{"client_id": "smoke-node", "hostname": "smoke-node"}' "http://127.0.0.1:$port/v2/demo/clients/")
[ "$code" = "201" ] || fail "client registration answered $code"
curl -s "http://127.0.0.1:$port/v2/demo/clients/" | grep '"client_id":"smoke-node"' >/dev/null || fail "list"

kill -TERM "$pid"
for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.05; done
kill -0 "$pid" 2>/dev/null && fail "still running 5 s after SIGTERM"
wait "$pid" || fail "exit status $? after SIGTERM"
grep -q "shutting down" "$work/api.log" || fail "no shutdown log"
echo "binary smoke: ok"
