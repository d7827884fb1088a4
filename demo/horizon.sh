#!/usr/bin/env bash
# Horizon (Debian's openstack-dashboard) with the Freezer panels on loopback: one uwsgi process
# serving the dashboard and its static files, as Apache does in a Debian install.
# Usage: horizon.sh start|stop
# Env: DASH_DIR (/tmp/freezer-dashboard), DASH_PORT (29080), DASH_KEYSTONE_URL (required for
#      start: Keystone's /v3 URL), DASH_API_URL (unset: freezer-api from the Keystone catalog)
set -euo pipefail
export PATH=/usr/bin:/usr/sbin:/bin:/sbin:$PATH   # Debian's python3 for Horizon
here=$(cd "$(dirname "$0")" && pwd)
DASH_DIR=${DASH_DIR:-/tmp/freezer-dashboard}
DASH_PORT=${DASH_PORT:-29080}
PIDF=$DASH_DIR/uwsgi.pid
STATIC=/var/lib/openstack-dashboard/static   # collected and compressed by the package

running() { [ -f "$PIDF" ] && kill -0 "$(cat "$PIDF")" 2>/dev/null; }
case "${1:-start}" in
  stop)
    if running; then
      pid=$(cat "$PIDF"); kill -INT "$pid"   # uwsgi's master stops its workers on SIGINT
      for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || exit 0; sleep 0.1; done
      kill -KILL "$pid" 2>/dev/null || true
    fi
    exit 0 ;;
  start) ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
: "${DASH_KEYSTONE_URL:?the Keystone /v3 URL is required}"
if [ ! -d /usr/lib/python3/dist-packages/disaster_recovery ] || [ ! -d "$STATIC/freezer" ]; then
  echo "horizon.sh: openstack-dashboard and python3-freezer-web-ui are not installed" >&2
  echo "            (scripts/install-deps.sh demo)" >&2
  exit 1
fi
mkdir -p "$DASH_DIR"
[ -s "$DASH_DIR/secret_key" ] || { openssl rand -hex 32 > "$DASH_DIR/secret_key"; chmod 600 "$DASH_DIR/secret_key"; }
url=http://127.0.0.1:$DASH_PORT
if ! running; then
  rm -f "$PIDF"   # a stale one would read as a start that failed
  # uwsgi's http-socket closes connections: say so, or clients reuse dead ones.
  setsid uwsgi --plugin python3 --http-socket "127.0.0.1:$DASH_PORT" \
    --chdir /usr/share/openstack-dashboard --pythonpath "$here/horizon" \
    --pythonpath /usr/share/openstack-dashboard --wsgi-file "$here/horizon/freezer_demo_wsgi.py" \
    --master --processes 1 --threads 4 --die-on-term --need-app --buffer-size 65535 \
    --static-map "/static=$STATIC" --add-header "Connection: close" \
    --env "FREEZER_DASHBOARD_KEYSTONE_URL=$DASH_KEYSTONE_URL" \
    --env "FREEZER_DASHBOARD_SECRET_KEY_FILE=$DASH_DIR/secret_key" \
    --env "FREEZER_DASHBOARD_API_URL=${DASH_API_URL:-}" \
    --pidfile "$PIDF" --logto "$DASH_DIR/horizon.log" </dev/null >/dev/null 2>&1 &
fi
# The first request loads Django and every panel: seconds on a busy machine.
for _ in $(seq 300); do
  curl -sf -o /dev/null "$url/auth/login/" && { echo "horizon ready: $url"; exit 0; }
  [ -f "$PIDF" ] && ! running && break
  sleep 0.2
done
echo "horizon did not come up at $url" >&2
tail -30 "$DASH_DIR/horizon.log" >&2
exit 1
