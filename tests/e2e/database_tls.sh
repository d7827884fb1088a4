#!/usr/bin/env bash
# TLS to the database, as OpenStack-Ansible's galera_use_ssl writes it into [database]
# connection (PyMySQL's query arguments), through the real freezer-manage and freezer-api
# against the test MariaDB, whose users freezer_tls (REQUIRE SSL) and freezer_x509 (REQUIRE
# X509) can only connect over TLS (tests/services/mariadb.sh). About 5 s.
#   - ssl_ca + ssl_verify_cert=true: db sync and the API work (over TLS: the user allows nothing
#     else);
#   - no TLS arguments: refused by the server; a CA that did not sign the server's certificate:
#     refused by the client's verification, with MariaDB's message;
#   - ssl_cert + ssl_key: the client certificate a REQUIRE X509 user needs;
#   - ssl_verify_cert=maybe: refused at start, naming it.
# Usage: database_tls.sh <freezer-api> <freezer-manage>
set -euo pipefail
api=$1
manage=$2
MDB_PORT=${MDB_PORT:-23306}
MDB_DIR=${MDB_DIR:-/tmp/freezer-test-mariadb}
PORT=29128
. "$(dirname "$0")/../support/lib.sh"
new_work_dir database-tls
tls=$MDB_DIR/tls
[ -s "$tls/ca.pem" ] || fail "the test MariaDB offers no TLS ($tls/ca.pem)"
db=freezer_test_tls_$$
mysql_root() { mariadb --no-defaults --socket="$MDB_DIR/mysqld.sock" -uroot "$@"; }
mysql_root -e "DROP DATABASE IF EXISTS $db; CREATE DATABASE $db"
at_exit mysql_root -e "DROP DATABASE IF EXISTS $db"

conf() { # <file> <user> <query arguments>
  printf '[DEFAULT]\nbind_host = 127.0.0.1\nbind_port = %s\n[api]\nauth_strategy = noauth\n' "$PORT" > "$1"
  printf '[database]\nconnection = mysql+pymysql://%s:freezer@127.0.0.1:%s/%s?charset=utf8mb4%s\n' \
    "$2" "$MDB_PORT" "$db" "$3" >> "$1"
  printf 'max_retries = 0\n' >> "$1"
}
sync() { "$manage" --config-file "$1" db sync > "$work/sync.out" 2>&1; }

# Verified TLS: the schema, then the API serving from it.
conf "$work/tls.conf" freezer_tls "&ssl_verify_cert=true&ssl_ca=$tls/ca.pem"
sync "$work/tls.conf" || fail "db sync over TLS: $(cat "$work/sync.out")"
"$api" --config-file "$work/tls.conf" > "$work/api.log" 2>&1 &
stop_at_exit $!
show_on_failure "$work/api.log"
wait_for 15 "the API on its TLS database" curl -sf -o /dev/null "http://127.0.0.1:$PORT/healthcheck"
h=(-H 'X-Project-Id: p1' -H 'X-User-Id: u1' -H 'X-Roles: member' -H 'Content-Type: application/json')
[ "$(curl -s -o /dev/null -w '%{http_code}' "${h[@]}" -d '{"client_id": "tls-node"}' \
      "http://127.0.0.1:$PORT/v2/p1/clients")" = 201 ] || fail "POST over a TLS database connection"
[ "$(curl -s "${h[@]}" "http://127.0.0.1:$PORT/v2/p1/clients" | jq -r '.clients[0].client.client_id')" = tls-node ] ||
  fail "GET over a TLS database connection"

# Without TLS the server refuses the user; with a CA that did not sign the server, the client
# refuses the server.
conf "$work/plain.conf" freezer_tls ""
sync "$work/plain.conf" && fail "db sync without TLS worked for a REQUIRE SSL user"
grep -q "Access denied" "$work/sync.out" || fail "no access-denied message: $(cat "$work/sync.out")"
openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj "/CN=another CA" -keyout "$work/other-key.pem" \
  -out "$work/other-ca.pem" 2>/dev/null
conf "$work/other.conf" freezer_tls "&ssl_verify_cert=true&ssl_ca=$work/other-ca.pem"
sync "$work/other.conf" && fail "db sync trusted a server certificate its CA did not sign"
grep -qi "certificate\|SSL\|TLS" "$work/sync.out" || fail "no TLS message: $(cat "$work/sync.out")"

# A client certificate for a REQUIRE X509 user.
conf "$work/x509.conf" freezer_x509 "&ssl_ca=$tls/ca.pem&ssl_cert=$tls/client-cert.pem&ssl_key=$tls/client-key.pem"
sync "$work/x509.conf" || fail "db sync with a client certificate: $(cat "$work/sync.out")"
conf "$work/nocert.conf" freezer_x509 "&ssl_ca=$tls/ca.pem"
sync "$work/nocert.conf" && fail "a REQUIRE X509 user connected without a client certificate"

# A malformed value stops the start, naming it.
conf "$work/bad.conf" freezer_tls "&ssl_verify_cert=maybe"
sync "$work/bad.conf" && fail "ssl_verify_cert=maybe was accepted"
grep -q "ssl_verify_cert='maybe'" "$work/sync.out" || fail "the refusal does not name ssl_verify_cert: $(cat "$work/sync.out")"
echo "database TLS: verified CA, refusals without TLS and with a foreign CA, client certificates: all passed"
