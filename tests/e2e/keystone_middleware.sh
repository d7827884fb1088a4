#!/usr/bin/env bash
# What keystonemiddleware and oslo.middleware do for upstream, through the real binaries and
# the test Keystone: two APIs share a real memcached ([keystone_authtoken] memcached_servers)
# with memcache_security_strategy = ENCRYPT; X-Service-Token with
# service_token_roles_required; [healthcheck] detailed for admins only.
#
# API A validates with Keystone. API B is given an unreachable Keystone, so it can only accept
# a token that another instance validated: a token A validated works through B, one nobody
# validated gets 503 there. The stored entry is read back raw from memcached (it does not hold
# the token's data, and its key is not the token's hash) and opened with keystonemiddleware's
# own code (Debian's python3-keystonemiddleware), the format Python instances share.
# About 10 s. Usage: keystone_middleware.sh <freezer-api> <freezer-manage>
set -euo pipefail
export PATH=/usr/bin:/usr/sbin:/bin:/sbin:$PATH   # Debian's python3 (keystonemiddleware)
api=$1
manage=$2
MEMCACHED_PORT=21211 A_PORT=29121 B_PORT=29122 SECRET=cache-secret-for-tests
. "$(dirname "$0")/../support/lib.sh"
. "$(dirname "$0")/../services/keystone_token.sh"
. "$KS_DIR/ids.env"
new_work_dir keystone-middleware

memcached -l 127.0.0.1 -p "$MEMCACHED_PORT" -U 0 -m 16 -u nobody > "$work/memcached.log" 2>&1 &
memcached_pid=$!
stop_at_exit "$memcached_pid"

conf() { # <file> <port> <keystone root> [extra keystone_authtoken lines]
  cat > "$1" <<CONF
[DEFAULT]
bind_host = 127.0.0.1
bind_port = $2
debug = true
[api]
auth_strategy = keystone
[database]
connection = sqlite:///$work/freezer.db
[keystone_authtoken]
www_authenticate_uri = $3
auth_url = $3
auth_type = password
username = freezer
password = freezerpass
project_name = service
user_domain_name = Default
project_domain_name = Default
memcached_servers = 127.0.0.1:$MEMCACHED_PORT
memcache_security_strategy = ENCRYPT
memcache_secret_key = $SECRET
${4:-}
CONF
}
start() { # <name> <port>: the API on its configuration, stopped at exit
  "$api" --config-file "$work/$1.conf" > "$work/$1.log" 2>&1 &
  stop_at_exit $!
  show_on_failure "$work/$1.log"
  wait_for 15 "API $1 starts" curl -sf -o /dev/null "http://127.0.0.1:$2/healthcheck"
}
status() { # <port> <token> [service token]: the HTTP status of a job list of the demo project
  local service=()
  [ -n "${3:-}" ] && service=(-H "X-Service-Token: $3")
  curl -s -o /dev/null -w '%{http_code}' -H "X-Auth-Token: $2" "${service[@]}" \
    "http://127.0.0.1:$1/v2/$DEMO_PROJECT_ID/jobs"
}

# Values that are used and wrong stop the start, naming the option.
conf "$work/bad.conf" "$A_PORT" "${KS_URL%/v3}"
sed -i 's/^memcache_security_strategy = .*/memcache_security_strategy = AES/' "$work/bad.conf"
"$api" --config-file "$work/bad.conf" > "$work/bad.log" 2>&1 && fail "started with strategy AES"
grep "memcache_security_strategy 'AES': must be ENCRYPT or MAC" "$work/bad.log" >/dev/null ||
  fail "no message naming memcache_security_strategy: $(tail -2 "$work/bad.log")"
sed -i -e 's/^memcache_security_strategy = .*/memcache_security_strategy = MAC/' \
  -e 's/^memcache_secret_key = .*/memcache_secret_key =/' "$work/bad.conf"
"$api" --config-file "$work/bad.conf" > "$work/bad.log" 2>&1 && fail "started without a secret"
grep "memcache_secret_key must be defined" "$work/bad.log" >/dev/null ||
  fail "no message naming memcache_secret_key: $(tail -2 "$work/bad.log")"

conf "$work/a.conf" "$A_PORT" "${KS_URL%/v3}" "service_token_roles_required = true
[healthcheck]
detailed = true"
conf "$work/b.conf" "$B_PORT" "http://127.0.0.1:9"   # nothing listens there
"$manage" --config-file "$work/a.conf" db sync > /dev/null
start a "$A_PORT"
start b "$B_PORT"

demo=$(keystone_token "$KS_URL" demo demopass demo)
unseen=$(keystone_token "$KS_URL" demo demopass demo)
[ -n "$demo" ] && [ -n "$unseen" ] && [ "$demo" != "$unseen" ] || fail "no demo tokens"

# A validated by one instance is not validated again by the other.
[ "$(status "$A_PORT" "$demo")" = 200 ] || fail "A refused a valid token"
[ "$(status "$B_PORT" "$demo")" = 200 ] || fail "B did not take A's validation from memcached"
[ "$(status "$B_PORT" "$unseen")" = 503 ] ||
  fail "B answered a token nobody validated without its (unreachable) Keystone"

# The entry as memcached holds it: keystonemiddleware's key and ENCRYPT format, unreadable
# without the secret, opened by keystonemiddleware itself. Then the entry of another token
# that A validated (and B has not seen, so B has no copy of its own) is tampered with.
tampered=$(keystone_token "$KS_URL" demo demopass demo)
[ "$(status "$A_PORT" "$tampered")" = 200 ] || fail "A refused a valid token"
python3 - "$MEMCACHED_PORT" "$demo" "$SECRET" "$DEMO_USER_ID" "$tampered" <<'PY' || fail "memcached entry"
import hashlib, json, sys
import memcache
from keystonemiddleware.auth_token import _memcache_crypt as crypt
port, token, secret, user, tampered = sys.argv[1:6]
client = memcache.Client([f"127.0.0.1:{port}"])
if client.get("tokens/" + hashlib.sha256(token.encode()).hexdigest()) is not None:
    sys.exit("an entry under the token's plain hash")


def entry(of):
    """keystonemiddleware's keys, key and stored value for a token's ENCRYPT entry."""
    keys = crypt.derive_keys(of.encode(), secret.encode(), b"ENCRYPT")
    key = "tokens/" + crypt.get_cache_key(keys).decode()
    raw = client.get(key)
    if raw is None:
        sys.exit("no entry under keystonemiddleware's ENCRYPT key")
    return keys, key, raw if isinstance(raw, bytes) else raw.encode()


keys, key, raw = entry(token)
for clear in (user.encode(), b"expires_at", b'"token"'):
    if clear in raw:
        sys.exit(f"the stored value shows {clear!r}")
data = json.loads(crypt.unprotect_data(keys, raw))
if data["token"]["user"]["id"] != user:
    sys.exit(f"keystonemiddleware read another user: {data['token']['user']}")
# A tampered entry: changed without being signed again. B must ignore it (and so answer 503).
keys, key, raw = entry(tampered)
changed = raw[:-4] + (b"AAAA" if raw[-4:] != b"AAAA" else b"BBBB")
if not client.set(key, changed) or client.get(key) != changed:
    sys.exit("could not change the entry")
PY
got=$(status "$B_PORT" "$tampered")
[ "$got" = 503 ] || fail "B used a tampered memcached entry ($got)"
grep "failed its MAC check" "$work/b.log" >/dev/null || fail "B did not say why it ignored the entry"

# X-Service-Token: a valid token with the service role lets the request through; without it
# (service_token_roles_required) or invalid, 401.
service=$(keystone_token "$KS_URL" freezer freezerpass service)
[ "$(status "$A_PORT" "$demo" "$service")" = 200 ] || fail "a valid service token was refused"
[ "$(status "$A_PORT" "$demo" "$unseen")" = 401 ] ||
  fail "a service token without the service role was accepted (service_token_roles_required)"
[ "$(status "$A_PORT" "$demo" not-a-token)" = 401 ] || fail "an invalid service token was accepted"

# [healthcheck] detailed: the backends' status for an admin's token only; anyone else (no
# token, a member's token, a bad token) gets the short answer, never a 401.
health() { # <token or ""> : GET /healthcheck as JSON
  local auth=()
  [ -n "$1" ] && auth=(-H "X-Auth-Token: $1")
  curl -s -H 'Accept: application/json' "${auth[@]}" "http://127.0.0.1:$A_PORT/healthcheck"
}
admin=$(keystone_token "$KS_URL" admin adminpass admin)
detail=$(health "$admin")
[ "$(jq -r '.detailed, .reasons[0].reason, .backends.database.driver, .backends.database.reachable, (.backends.database.schema_version == .backends.database.schema_version_expected), .backends.disable_by_file.present' <<<"$detail" | tr '\n' ' ')" = "true OK sqlite true true false " ] ||
  fail "the detailed healthcheck for an admin: $detail"
for who in "" "$demo" not-a-token; do
  [ "$(health "$who" | jq -c .)" = '{"detailed":false,"reasons":["OK"]}' ] ||
    fail "a non-admin caller saw: $(health "$who")"
done
[ "$(curl -s -H "X-Auth-Token: $admin" "http://127.0.0.1:$A_PORT/healthcheck")" = OK ] ||
  fail "the plain-text healthcheck changed for an admin"

# memcached gone: requests still pass, validated with Keystone; one warning.
kill "$memcached_pid"
wait "$memcached_pid" 2>/dev/null || true
fresh=$(keystone_token "$KS_URL" demo demopass demo)
[ "$(status "$A_PORT" "$fresh")" = 200 ] || fail "A failed a request while memcached was down"
[ "$(status "$A_PORT" "$(keystone_token "$KS_URL" demo demopass demo)")" = 200 ] ||
  fail "A failed a second request while memcached was down"
warnings=$(grep -c "memcached token cache: .* failed" "$work/a.log" || true)
[ "$warnings" = 1 ] || fail "expected one warning about memcached, got $warnings"
echo "keystone middleware: memcached shared by two APIs (ENCRYPT, read by keystonemiddleware), tampering ignored, X-Service-Token checked, detailed healthcheck for admins only, memcached down tolerated"
