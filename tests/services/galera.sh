#!/usr/bin/env bash
# A throwaway 3-node MariaDB Galera cluster (Debian's mariadb-server with galera-4) on
# 127.0.0.1 for the scale-out tests: no systemd, each node's data in its own temporary
# directory, node 1 bootstraps the cluster and the others join it by rsync SST. User
# `freezer`/`freezer` may create and drop the databases `freezer_test_*`.
# Usage: galera.sh start|stop|status|stop-node N|kill-node N|start-node N
#   stop-node shuts a node down cleanly; kill-node crashes it (SIGKILL), as a host failure does.
# Env: GALERA_DIR (/tmp/freezer-test-galera), GALERA_PORT (23321: nodes on 23321..23323;
#      group communication on GALERA_PORT+1000.., IST +1010.., SST +1020..)
set -euo pipefail
GALERA_DIR=${GALERA_DIR:-/tmp/freezer-test-galera}
GALERA_PORT=${GALERA_PORT:-23321}
NODES=(1 2 3)

port() { echo $((GALERA_PORT + $1 - 1)); }
gcomm_port() { echo $((GALERA_PORT + 1000 + $1 - 1)); }
dir() { echo "$GALERA_DIR/node$1"; }
sock() { echo "$(dir "$1")/mysqld.sock"; }
pidf() { echo "$(dir "$1")/mysqld.pid"; }
running() { [ -f "$(pidf "$1")" ] && kill -0 "$(cat "$(pidf "$1")")" 2>/dev/null; }
sql() { local n=$1; shift; mariadb --no-defaults --socket="$(sock "$n")" -uroot "$@"; }

cluster_address() {
  local addrs=() n
  for n in "${NODES[@]}"; do addrs+=("127.0.0.1:$(gcomm_port "$n")"); done
  (IFS=,; echo "gcomm://${addrs[*]}")
}

# start_node N [bootstrap]: starts node N and waits until it is a synced member.
start_node() {
  local n=$1 bootstrap=${2:-} d
  d=$(dir "$n")
  running "$n" && return 0
  mkdir -p "$d" "$d.tmp"   # temporary tables apart from /tmp's (other servers start at once)
  if [ -n "$bootstrap" ] && [ ! -d "$d/mysql" ]; then
    mariadb-install-db --no-defaults --datadir="$d" --user=root --tmpdir="$d.tmp" \
      --auth-root-authentication-method=normal --skip-test-db >"$GALERA_DIR/install-db.log" 2>&1 \
      || { cat "$GALERA_DIR/install-db.log" >&2; exit 1; }
  fi
  # A joiner receives its data by rsync SST. The rsync daemon that mariadbd starts for it
  # runs as `nobody` when started by root, so the joiner's data directory is given to it.
  [ -n "$bootstrap" ] || chown -R nobody:nogroup "$d"
  local extra=()
  if [ -n "$bootstrap" ]; then
    extra+=(--wsrep-new-cluster)
    # A node that was the last to leave may bootstrap again (grastate's safe flag).
    [ -f "$d/grastate.dat" ] && sed -i 's/^safe_to_bootstrap: 0/safe_to_bootstrap: 1/' "$d/grastate.dat"
  fi
  rm -f "$(sock "$n")"
  local gport ist sst
  gport=$(gcomm_port "$n"); ist=$((gport + 10)); sst=$((gport + 20))
  setsid nohup mariadbd --no-defaults --datadir="$d" --tmpdir="$d.tmp" --socket="$(sock "$n")" \
    --pid-file="$(pidf "$n")" --port="$(port "$n")" --bind-address=127.0.0.1 --user=root \
    --skip-name-resolve --log-error="$d/error.log" --character-set-server=utf8mb4 \
    --collation-server=utf8mb4_general_ci --innodb-buffer-pool-size=64M \
    --innodb-flush-log-at-trx-commit=2 --max-connections=500 \
    --binlog-format=ROW --default-storage-engine=InnoDB --innodb-autoinc-lock-mode=2 \
    --wsrep-on=ON --wsrep-provider=/usr/lib/galera/libgalera_smm.so \
    --wsrep-cluster-name=freezer_test --wsrep-node-name="node$n" \
    --wsrep-cluster-address="$(cluster_address)" --wsrep-node-address="127.0.0.1:$gport" \
    --wsrep-provider-options="base_port=$gport;gmcast.listen_addr=tcp://127.0.0.1:$gport;ist.recv_addr=127.0.0.1:$ist;gcache.size=32M" \
    --wsrep-sst-method=rsync --wsrep-sst-receive-address="127.0.0.1:$sst" \
    "${extra[@]}" </dev/null >/dev/null 2>&1 &
  local pid=$! state=
  for _ in $(seq 1200); do
    state=$(sql "$n" -N -e "SHOW STATUS LIKE 'wsrep_local_state_comment'" 2>/dev/null | cut -f2) || true
    [ "$state" = Synced ] && return 0
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  echo "galera: node $n did not sync (state '${state:-none}')" >&2
  tail -30 "$d/error.log" >&2
  exit 1
}

stop_node() {
  local n=$1 pid
  running "$n" || return 0
  pid=$(cat "$(pidf "$n")")
  mariadb-admin --no-defaults --socket="$(sock "$n")" -uroot shutdown 2>/dev/null || kill "$pid"
  for _ in $(seq 300); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -9 "$pid" 2>/dev/null || true
}

case "${1:-start}" in
  stop)  # and forget the cluster: every start makes a new one
    for n in 3 2 1; do stop_node "$n"; done
    rm -rf "$GALERA_DIR"
    exit 0 ;;
  stop-node) stop_node "$2"; exit 0 ;;
  kill-node) running "$2" && kill -9 "$(cat "$(pidf "$2")")"; exit 0 ;;
  start-node) start_node "$2"; exit 0 ;;
  status)
    for n in "${NODES[@]}"; do
      running "$n" && echo "node $n running on 127.0.0.1:$(port "$n")" || echo "node $n not running"
    done
    exit 0 ;;
  start) ;;
  *) echo "usage: $0 start|stop|status|stop-node N|kill-node N|start-node N" >&2; exit 2 ;;
esac

if running 1; then start_node 1; else start_node 1 bootstrap; fi
for n in 2 3; do start_node "$n"; done
sql 1 < "$(dirname "$0")/freezer_user.sql"
size=$(sql 1 -N -e "SHOW STATUS LIKE 'wsrep_cluster_size'" | cut -f2)
[ "$size" = 3 ] || { echo "galera: cluster size $size, expected 3" >&2; exit 1; }
echo "galera ready: 127.0.0.1:$(port 1), :$(port 2), :$(port 3)"
