#!/usr/bin/env bash
# A throwaway MariaDB (Debian's mariadb-server) on 127.0.0.1 for the test suite: no systemd,
# data in a temporary directory. User `freezer`/`freezer` may create and drop the databases
# `freezer_test_*` (each test server makes its own).
# TLS is offered (not required) with a CA of its own: $MDB_DIR/tls/ca.pem signs the server's
# certificate (127.0.0.1) and a client certificate (client-cert.pem, client-key.pem). Users
# `freezer_tls` (REQUIRE SSL) and `freezer_x509` (REQUIRE X509), password `freezer`, have the
# rights of `freezer` and can only connect over TLS (with a client certificate for the second).
# Usage: mariadb.sh start|stop|status
# Env: MDB_DIR (/tmp/freezer-test-mariadb), MDB_PORT (23306), MDB_BUFFER_POOL (InnoDB's buffer
#      pool, 128M: a million-job benchmark wants its tables in memory, as a production server has)
set -euo pipefail
MDB_DIR=${MDB_DIR:-/tmp/freezer-test-mariadb}
MDB_PORT=${MDB_PORT:-23306}
SOCK=$MDB_DIR/mysqld.sock
PIDF=$MDB_DIR/mysqld.pid

running() { [ -f "$PIDF" ] && kill -0 "$(cat "$PIDF")" 2>/dev/null; }
case "${1:-start}" in
  stop)
    if running; then
      pid=$(cat "$PIDF")
      mariadb-admin --no-defaults --socket="$SOCK" -uroot shutdown 2>/dev/null || kill "$pid"
      for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    fi
    exit 0 ;;
  status) running && echo "running port $MDB_PORT" || { echo "not running"; exit 1; }; exit 0 ;;
  start) ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac

# make_tls <dir>: a CA, a server certificate for 127.0.0.1 and a client certificate, once.
make_tls() {
  local d=$1
  [ -s "$d/client-cert.pem" ] && return 0
  mkdir -p "$d"
  openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj "/CN=freezer test MariaDB CA" \
    -keyout "$d/ca-key.pem" -out "$d/ca.pem" 2>/dev/null
  local who
  for who in server client; do
    openssl req -newkey rsa:2048 -nodes -subj "/CN=freezer-test-$who" \
      -keyout "$d/$who-key.pem" -out "$d/$who.csr" 2>/dev/null
    printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\n' > "$d/$who.ext"
    openssl x509 -req -in "$d/$who.csr" -CA "$d/ca.pem" -CAkey "$d/ca-key.pem" -CAcreateserial \
      -days 30 -extfile "$d/$who.ext" -out "$d/$who-cert.pem" 2>/dev/null
  done
  chmod 644 "$d"/*.pem
}

if ! running; then
  make_tls "$MDB_DIR/tls"
  # A temporary directory of its own: several instances (this, Cinder's, Galera's nodes) start
  # at once under ctest, and must not share /tmp's temporary tables.
  mkdir -p "$MDB_DIR" "$MDB_DIR.tmp"
  if [ ! -d "$MDB_DIR/mysql" ]; then
    mariadb-install-db --no-defaults --datadir="$MDB_DIR" --user=root --tmpdir="$MDB_DIR.tmp" \
      --auth-root-authentication-method=normal --skip-test-db >"$MDB_DIR/install-db.log" 2>&1 \
      || { cat "$MDB_DIR/install-db.log" >&2; exit 1; }
  fi
  rm -f "$SOCK"
  setsid nohup mariadbd --no-defaults --datadir="$MDB_DIR" --tmpdir="$MDB_DIR.tmp" --socket="$SOCK" --pid-file="$PIDF" \
    --port="$MDB_PORT" --bind-address=127.0.0.1 --user=root --skip-name-resolve \
    --log-error="$MDB_DIR/error.log" --character-set-server=utf8mb4 --collation-server=utf8mb4_general_ci \
    --innodb-buffer-pool-size="${MDB_BUFFER_POOL:-128M}" --innodb-flush-log-at-trx-commit=2 --skip-log-bin \
    --max-connections=1000 --ssl-ca="$MDB_DIR/tls/ca.pem" --ssl-cert="$MDB_DIR/tls/server-cert.pem" \
    --ssl-key="$MDB_DIR/tls/server-key.pem" </dev/null >/dev/null 2>&1 &
  for _ in $(seq 300); do
    mariadb-admin --no-defaults --socket="$SOCK" -uroot ping >/dev/null 2>&1 && break
    sleep 0.05
  done
  mariadb-admin --no-defaults --socket="$SOCK" -uroot ping >/dev/null || { tail -20 "$MDB_DIR/error.log" >&2; exit 1; }
fi
mariadb --no-defaults --socket="$SOCK" -uroot < "$(dirname "$0")/freezer_user.sql"
mariadb --no-defaults --socket="$SOCK" -uroot <<'SQL'
CREATE USER IF NOT EXISTS 'freezer_tls'@'%' IDENTIFIED BY 'freezer' REQUIRE SSL;
CREATE USER IF NOT EXISTS 'freezer_x509'@'%' IDENTIFIED BY 'freezer' REQUIRE X509;
GRANT ALL PRIVILEGES ON `freezer\_%`.* TO 'freezer_tls'@'%';
GRANT ALL PRIVILEGES ON `freezer\_%`.* TO 'freezer_x509'@'%';
FLUSH PRIVILEGES;
SQL
echo "mariadb ready on 127.0.0.1:$MDB_PORT"
