#!/usr/bin/env bash
# HTTPS serving ([ssl] cert_file, key_file, ca_file) with a throw-away CA: clear start-up
# errors for bad files, TLS 1.2+ only, https links, client certificates, and silent or slow
# handshakes that neither block other clients nor stay open.
set -euo pipefail
api=$1
manage=$2
. "$(dirname "$0")/../support/lib.sh"
new_work_dir tls
show_on_failure "$work/api.log"
port=29099
cd "$work"

quiet() { "$@" >/dev/null 2>&1; }
quiet openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.pem -days 2 -subj "/CN=test CA"
quiet openssl req -newkey rsa:2048 -nodes -keyout server.key -out server.csr -subj "/CN=127.0.0.1"
printf 'subjectAltName=IP:127.0.0.1\n' > san.ext
quiet openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out server.pem \
  -days 2 -extfile san.ext
quiet openssl req -newkey rsa:2048 -nodes -keyout client.key -out client.csr -subj "/CN=client"
quiet openssl x509 -req -in client.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out client.pem -days 2
quiet openssl genrsa -out other.key 2048

write_conf() {  # extra [ssl] lines
  cat > api.conf <<CONF
[DEFAULT]
bind_host = 127.0.0.1
bind_port = $port
[api]
auth_strategy = noauth
request_header_timeout = 1
[database]
connection = sqlite:///$work/freezer.db
[ssl]
$1
CONF
}
start() {
  "$api" --config-file api.conf > api.log 2>&1 &
  pid=$!
  stop_at_exit "$pid"
  for _ in $(seq 50); do
    curl -s -o /dev/null --cacert ca.pem "https://127.0.0.1:$port/healthcheck" \
      ${CLIENT_CERT:+--cert client.pem --key client.key} && return 0
    kill -0 "$pid" 2>/dev/null || fail "the API exited"
    sleep 0.1
  done
  fail "the API did not answer over TLS"
}
stop() { kill "$pid"; wait "$pid" 2>/dev/null || true; }
refused_start() {  # expected message
  if "$api" --config-file api.conf > refused.log 2>&1; then fail "started with: $(cat api.conf)"; fi
  grep -q "$1" refused.log || fail "no '$1' in: $(cat refused.log)"
}

write_conf ""
"$manage" --config-file api.conf db sync >/dev/null

# Bad files are clear start-up errors.
write_conf "cert_file = $work/server.pem
key_file = $work/other.key"
refused_start "does not match cert_file"
write_conf "cert_file = $work/missing.pem
key_file = $work/server.key"
refused_start "cannot use cert_file $work/missing.pem"
write_conf "cert_file = $work/server.pem"
refused_start "cert_file and key_file go together"

# HTTPS.
write_conf "cert_file = $work/server.pem
key_file = $work/server.key"
start
out=$(curl -s --cacert ca.pem "https://127.0.0.1:$port/")
[[ $out == *'"href":"https://127.0.0.1:'$port'/v2/"'* ]] || fail "version link is not https: $out"
big=$(printf '{"client_id": "node1", "x_padding": "%s"}' "$(head -c 2000 /dev/zero | tr '\0' d)")
code=$(curl -s -o /dev/null -w '%{http_code}' --cacert ca.pem -H 'X-Project-Id: p1' \
  -H 'X-User-Id: u1' -H 'Content-Type: application/json' -d "$big" \
  "https://127.0.0.1:$port/v2/p1/clients")
[ "$code" = 201 ] || fail "POST over TLS (with Expect: 100-continue) answered $code"
curl -s -o /dev/null --cacert ca.pem --tlsv1.1 --tls-max 1.1 "https://127.0.0.1:$port/healthcheck" \
  && fail "TLS 1.1 accepted"
curl -s -o /dev/null --max-time 3 "http://127.0.0.1:$port/healthcheck" && fail "plain HTTP answered"
curl -s -o /dev/null --max-time 3 "https://127.0.0.1:$port/healthcheck" && fail "unknown CA accepted"

# 20 silent connections do not block a handshake, and are closed after the header timeout.
python3 - "$port" <<'PY' || fail "silent connections"
import socket, ssl, sys, time
port = int(sys.argv[1])
silent = [socket.create_connection(("127.0.0.1", port)) for _ in range(20)]
context = ssl.create_default_context(cafile="ca.pem")
started = time.monotonic()
with context.wrap_socket(socket.create_connection(("127.0.0.1", port)),
                         server_hostname="127.0.0.1") as tls:
    tls.sendall(b"GET /healthcheck HTTP/1.1\r\nHost: x\r\n\r\n")
    assert tls.recv(100).startswith(b"HTTP/1.1 200"), "no 200 over TLS"
elapsed = time.monotonic() - started
assert elapsed < 1.0, f"a handshake waited {elapsed:.2f} s behind silent clients"
for s in silent:
    s.settimeout(5)
    assert s.recv(10) == b"", "a silent connection got bytes"
print(f"handshake beside 20 silent connections: {elapsed * 1000:.0f} ms; all closed")
PY

# Outbound TLS: a second API validates tokens with a "Keystone" served by the first over
# HTTPS (it answers 404 there, which is enough to tell a TLS failure from a Keystone answer).
# Certificates are verified by default; [keystone_authtoken] cafile trusts the throw-away
# CA; insecure = true skips the check.
outbound() {  # extra [keystone_authtoken] lines; prints the second API's log
  cat > outbound.conf <<CONF
[DEFAULT]
bind_host = 127.0.0.1
bind_port = $((port + 1))
[database]
connection = sqlite:///$work/freezer.db
[keystone_authtoken]
auth_url = https://127.0.0.1:$port
www_authenticate_uri = https://127.0.0.1:$port
username = freezer
password = secret
project_name = service
$1
CONF
  "$api" --config-file outbound.conf > outbound.log 2>&1 &
  local outbound_pid=$!
  for _ in $(seq 50); do
    curl -s -o /dev/null "http://127.0.0.1:$((port + 1))/healthcheck" && break
    sleep 0.1
  done
  curl -s -o /dev/null -H 'X-Auth-Token: some-token' "http://127.0.0.1:$((port + 1))/v2/p1/jobs"
  kill "$outbound_pid"; wait "$outbound_pid" 2>/dev/null || true
  cat outbound.log
}
log=$(outbound "")
grep -q "Keystone unreachable.*certificate" <<<"$log" || fail "an unknown CA was trusted: $log"
for trust in "cafile = $work/ca.pem" "insecure = true"; do
  log=$(outbound "$trust")
  grep -q "Keystone unreachable" <<<"$log" && fail "$trust: TLS to Keystone failed: $log"
  grep -q "token validation failed" <<<"$log" || fail "$trust: Keystone was not reached: $log"
done
stop

# Client certificates.
write_conf "cert_file = $work/server.pem
key_file = $work/server.key
ca_file = $work/ca.pem"
CLIENT_CERT=1 start
curl -s -o /dev/null --cacert ca.pem "https://127.0.0.1:$port/healthcheck" \
  && fail "no client certificate accepted"
code=$(curl -s -o /dev/null -w '%{http_code}' --cacert ca.pem --cert client.pem --key client.key \
  "https://127.0.0.1:$port/healthcheck")
[ "$code" = 200 ] || fail "client certificate refused: $code"
stop
echo "tls: ok"
