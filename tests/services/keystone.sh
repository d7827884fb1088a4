#!/usr/bin/env bash
# A real Keystone (Debian's `keystone` package) on loopback for the test suite: sqlite, fernet
# tokens, one uwsgi process. Creates the users the tests act as and the `backup` service
# endpoint pointing at the API under test.
# Usage: keystone.sh start|stop|status
# Env: KS_DIR (/tmp/freezer-test-keystone), KS_PORT (25000), FREEZER_API_URL (http://127.0.0.1:29090),
#      KS_BARE (unset; 1: no freezer user and no backup service/endpoints, for deployment tests
#      that create them themselves)
# Writes $KS_DIR/ids.env (ids and passwords) and $KS_DIR/<user>-openrc for demo, alt, reader,
# freezer and admin.
set -euo pipefail
export PATH=/usr/bin:/usr/sbin:/bin:/sbin:$PATH   # Debian's python3 for the OpenStack packages
KS_DIR=${KS_DIR:-/tmp/freezer-test-keystone}
KS_PORT=${KS_PORT:-25000}
FREEZER_API_URL=${FREEZER_API_URL:-http://127.0.0.1:29090}
KS_BARE=${KS_BARE:-}
URL=http://127.0.0.1:$KS_PORT/v3
PIDF=$KS_DIR/uwsgi.pid
CONF=$KS_DIR/keystone.conf
ADMIN_PASS=adminpass

running() { [ -f "$PIDF" ] && kill -0 "$(cat "$PIDF")" 2>/dev/null; }
stop() {
  running || return 0
  local pid; pid=$(cat "$PIDF"); kill -TERM "$pid"
  for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
  kill -KILL "$pid" 2>/dev/null || true
}
case "${1:-start}" in
  stop) stop; exit 0 ;;
  status) running && echo "running $URL" || { echo "not running"; exit 1; }; exit 0 ;;
  start) ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac

mkdir -p "$KS_DIR/fernet-keys" "$KS_DIR/credential-keys"
chmod 700 "$KS_DIR/fernet-keys" "$KS_DIR/credential-keys"
cat > "$CONF" <<CONF
[DEFAULT]
log_file = $KS_DIR/keystone.log
[database]
connection = sqlite:///$KS_DIR/keystone.db
[token]
provider = fernet
expiration = 14400
[fernet_tokens]
key_repository = $KS_DIR/fernet-keys
[fernet_receipts]
key_repository = $KS_DIR/fernet-keys
[credential]
key_repository = $KS_DIR/credential-keys
[identity]
# bcrypt's minimum cost: password checks in tests need no strength
password_hash_rounds = 4
[cache]
# memory_pickle, not memory: keystone mutates cached dicts; one process keeps it coherent
enabled = true
backend = dogpile.cache.memory_pickle
CONF

if [ ! -f "$KS_DIR/.bootstrapped" ]; then
  km=(keystone-manage --config-file "$CONF")
  "${km[@]}" db_sync 2>"$KS_DIR/manage.err" || { cat "$KS_DIR/manage.err" >&2; exit 1; }
  for d in fernet-keys credential-keys; do   # what fernet_setup/credential_setup write
    for k in 0 1; do
      [ -f "$KS_DIR/$d/$k" ] || { openssl rand 32 | basenc --base64url > "$KS_DIR/$d/$k"; chmod 600 "$KS_DIR/$d/$k"; }
    done
  done
  "${km[@]}" bootstrap --bootstrap-password "$ADMIN_PASS" --bootstrap-username admin \
    --bootstrap-project-name admin --bootstrap-role-name admin --bootstrap-service-name keystone \
    --bootstrap-region-id RegionOne --bootstrap-admin-url "$URL/" --bootstrap-public-url "$URL/" \
    --bootstrap-internal-url "$URL/" 2>>"$KS_DIR/manage.err" || { cat "$KS_DIR/manage.err" >&2; exit 1; }
  /usr/bin/python3 -c "import sqlite3,sys; sqlite3.connect(sys.argv[1]).execute('PRAGMA journal_mode=WAL')" "$KS_DIR/keystone.db"
  touch "$KS_DIR/.bootstrapped"
fi

if ! running; then
  # sqlite: one process, one thread (more gives 'database is locked'); uwsgi's http-socket
  # closes connections, so say so or python clients reuse dead ones.
  setsid uwsgi --plugin python3 --http-socket "127.0.0.1:$KS_PORT" --wsgi-file /usr/bin/keystone-wsgi-public \
    --master --processes 1 --threads 1 --lazy-apps --die-on-term --need-app --buffer-size 65535 \
    --add-header "Connection: close" --env "OS_KEYSTONE_CONFIG_FILES=$CONF" --pidfile "$PIDF" \
    --logto "$KS_DIR/uwsgi.log" </dev/null >/dev/null 2>&1 &
  for _ in $(seq 400); do curl -sf "$URL" >/dev/null 2>&1 && break; sleep 0.05; done
  curl -sf "$URL" >/dev/null || { echo "keystone did not come up" >&2; tail -30 "$KS_DIR/uwsgi.log" >&2; exit 1; }
fi

. "$(dirname "$0")/keystone_token.sh"
api() { keystone_api "$URL" "$TOK" "$@"; }
ensure() { # plural singular name create-json
  local id; id=$(api GET "/$1?name=$3" | jq -r ".$1[0].id // empty")
  [ -n "$id" ] || id=$(api POST "/$1" "$4" | jq -r ".$2.id")
  [ -n "$id" ] && [ "$id" != null ] || { echo "cannot create $2 $3" >&2; exit 1; }
  echo "$id"
}
project() { ensure projects project "$1" "$(jq -nc --arg n "$1" '{project:{name:$n,domain_id:"default"}}')"; }
user() { ensure users user "$1" "$(jq -nc --arg n "$1" --arg p "$2" --arg d "$3" '{user:{name:$n,domain_id:"default",password:$p,default_project_id:$d}}')"; }
grant() { api PUT "/projects/$1/users/$2/roles/$3" >/dev/null; }

TOK=$(keystone_token "$URL" admin "$ADMIN_PASS" admin)
[ -n "$TOK" ] || { echo "admin token failed" >&2; exit 1; }
ADMIN_P=$(api GET "/projects?name=admin" | jq -r '.projects[0].id')
SERVICE_P=$(project service); DEMO_P=$(project demo); ALT_P=$(project alt)
ADMIN_R=$(ensure roles role admin '{"role":{"name":"admin"}}')
MEMBER_R=$(ensure roles role member '{"role":{"name":"member"}}')
READER_R=$(ensure roles role reader '{"role":{"name":"reader"}}')
SERVICE_R=$(ensure roles role service '{"role":{"name":"service"}}')
DEMO_U=$(user demo demopass "$DEMO_P")
ALT_U=$(user alt altpass "$ALT_P"); READER_U=$(user reader readerpass "$DEMO_P")
SVC_U=$(user svc svcpass "$SERVICE_P")
grant "$DEMO_P" "$DEMO_U" "$MEMBER_R"; grant "$ALT_P" "$ALT_U" "$MEMBER_R"
grant "$DEMO_P" "$READER_U" "$READER_R"; grant "$SERVICE_P" "$SVC_U" "$SERVICE_R"
FREEZER_U=
if [ -z "$KS_BARE" ]; then
  FREEZER_U=$(user freezer freezerpass "$SERVICE_P")
  grant "$SERVICE_P" "$FREEZER_U" "$ADMIN_R"; grant "$SERVICE_P" "$FREEZER_U" "$SERVICE_R"
  keystone_catalog_entry "$URL" "$TOK" backup freezer "$FREEZER_API_URL"
fi

openrc() { cat <<RC
export OS_AUTH_URL=$URL
export OS_IDENTITY_API_VERSION=3
export OS_USERNAME=$1
export OS_PASSWORD=$2
export OS_PROJECT_NAME=$3
export OS_USER_DOMAIN_NAME=Default
export OS_PROJECT_DOMAIN_NAME=Default
export OS_REGION_NAME=RegionOne
export OS_INTERFACE=public
RC
}
openrc admin "$ADMIN_PASS" admin > "$KS_DIR/admin-openrc"
openrc demo demopass demo > "$KS_DIR/demo-openrc"
openrc alt altpass alt > "$KS_DIR/alt-openrc"
openrc reader readerpass demo > "$KS_DIR/reader-openrc"
[ -n "$KS_BARE" ] || openrc freezer freezerpass service > "$KS_DIR/freezer-openrc"
cat > "$KS_DIR/ids.env" <<IDS
KS_URL=$URL
ADMIN_PROJECT_ID=$ADMIN_P
SERVICE_PROJECT_ID=$SERVICE_P
DEMO_PROJECT_ID=$DEMO_P
ALT_PROJECT_ID=$ALT_P
FREEZER_USER_ID=$FREEZER_U
DEMO_USER_ID=$DEMO_U
ALT_USER_ID=$ALT_U
READER_USER_ID=$READER_U
SVC_USER_ID=$SVC_U
IDS
echo "keystone ready: $URL"
