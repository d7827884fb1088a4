#!/usr/bin/env bash
# Debian's Python freezer-api 13.0.0 as a reference peer for the tests: uwsgi as Debian runs it,
# sqlite, authenticating against the test Keystone (tests/services/keystone.sh).
# Usage: freezer_api_peer.sh start|stop
# Env: PEER_DIR (/tmp/freezer-test-peer), PEER_PORT (29091), FREEZER_TEST_KS_DIR,
#      PEER_DB_URL (its [database] connection; SQLite in PEER_DIR by default)
set -euo pipefail
export PATH=/usr/bin:/usr/sbin:/bin:/sbin:$PATH
PEER_DIR=${PEER_DIR:-/tmp/freezer-test-peer}
PEER_PORT=${PEER_PORT:-29091}
KS_DIR=${FREEZER_TEST_KS_DIR:-/tmp/freezer-test-keystone}
PIDF=$PEER_DIR/uwsgi.pid
CONF=$PEER_DIR/freezer-api.conf

running() { [ -f "$PIDF" ] && kill -0 "$(cat "$PIDF")" 2>/dev/null; }
case "${1:-start}" in
  stop)
    if running; then
      pid=$(cat "$PIDF"); kill -TERM "$pid"
      for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    fi
    exit 0 ;;
  start) ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
command -v freezer-manage >/dev/null && [ -f /usr/bin/freezer-api-wsgi ] \
  || { echo "the freezer-api package (13.0.0) is not installed" >&2; exit 1; }
. "$KS_DIR/ids.env"
ks_root=${KS_URL%/v3}
mkdir -p "$PEER_DIR"
cat > "$CONF" <<CONF
[DEFAULT]
bind_host = 127.0.0.1
bind_port = $PEER_PORT
log_file = $PEER_DIR/freezer-api.log
enable_v1_api = false
[storage]
backend = sqlalchemy
driver = sqlalchemy
[database]
connection = ${PEER_DB_URL:-sqlite:///$PEER_DIR/freezer.db}
[paste_deploy]
config_file = /etc/freezer/freezer-paste.ini
[keystone_authtoken]
www_authenticate_uri = $ks_root
auth_url = $ks_root
auth_type = password
project_name = service
project_domain_name = Default
username = freezer
password = freezerpass
user_domain_name = Default
region_name = RegionOne
service_token_roles_required = true
CONF
freezer-manage --config-file "$CONF" db sync > "$PEER_DIR/db-sync.log" 2>&1 || { cat "$PEER_DIR/db-sync.log" >&2; exit 1; }
if ! running; then
  # initialize_app() parses sys.argv: the config file goes through --pyargv. uwsgi's
  # http-socket closes connections, so say so or Python clients reuse dead ones.
  setsid uwsgi --plugin python3 --http-socket "127.0.0.1:$PEER_PORT" --wsgi-file /usr/bin/freezer-api-wsgi \
    --pyargv "--config-file $CONF" --master --processes 2 --threads 4 --lazy-apps --die-on-term \
    --need-app --buffer-size 65535 --add-header "Connection: close" --pidfile "$PIDF" \
    --logto "$PEER_DIR/uwsgi.log" </dev/null >/dev/null 2>&1 &
  # Not GET /: 13.0.0 answers it with a broken body.
  for _ in $(seq 300); do curl -sf --max-time 2 -o /dev/null "http://127.0.0.1:$PEER_PORT/healthcheck" && break; sleep 0.05; done
  curl -sf --max-time 2 -o /dev/null "http://127.0.0.1:$PEER_PORT/healthcheck" \
    || { echo "the peer freezer-api did not start" >&2; tail -30 "$PEER_DIR/uwsgi.log" >&2; exit 1; }
fi
echo "freezer-api 13.0.0 peer ready on http://127.0.0.1:$PEER_PORT"
