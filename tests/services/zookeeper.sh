#!/usr/bin/env bash
# A throwaway 3-node ZooKeeper ensemble (Debian's `zookeeper` 3.8 jars on the system Java)
# on 127.0.0.1 for the central scheduler pool's tests: no systemd, each node's config, data,
# log and pid file in its own temporary directory. Ticks of 500 ms, so sessions may time out
# in 1 to 20 s and a dead member is noticed fast.
# Usage: zookeeper.sh start|stop|status|stop-node N|kill-node N|start-node N
#   stop-node (alias kill-node) crashes a node (SIGKILL); start-node brings it back with its data.
# Env: ZK_DIR (/tmp/freezer-test-zookeeper), ZK_BASE_PORT (22181: clients on 22181..22183,
#      quorum on ZK_BASE_PORT+700.., leader election on ZK_BASE_PORT+800..)
set -euo pipefail
ZK_DIR=${ZK_DIR:-/tmp/freezer-test-zookeeper}
BASE=${ZK_BASE_PORT:-22181}
NODES=(1 2 3)
JARS=/usr/share/java
# zookeeper.jar's manifest names its other jars, but no slf4j binding: without one it logs nothing.
CLASSPATH="$JARS/zookeeper.jar:$JARS/slf4j-log4j12.jar:$JARS/log4j-1.2.jar"

client_port() { echo $((BASE + $1 - 1)); }
dir() { echo "$ZK_DIR/node$1"; }
pidf() { echo "$(dir "$1")/zookeeper.pid"; }
running() { [ -f "$(pidf "$1")" ] && kill -0 "$(cat "$(pidf "$1")")" 2>/dev/null; }
# four_letter N CMD: the node's answer to a four-letter-word command, "" when it does not answer.
four_letter() {
  # shellcheck disable=SC2016  # $1 and $2 are the inner bash's
  timeout 3 bash -c 'exec 3<>"/dev/tcp/127.0.0.1/$1" && printf %s "$2" >&3 && cat <&3' \
    _ "$(client_port "$1")" "$2" 2>/dev/null || true
}
mode() { four_letter "$1" srvr | sed -n 's/^Mode: //p'; }
hosts() {
  local out=() n
  for n in "${NODES[@]}"; do out+=("127.0.0.1:$(client_port "$n")"); done
  (IFS=,; echo "${out[*]}")
}

start_node() {
  local n=$1 d m
  d=$(dir "$n")
  running "$n" && return 0
  # shellcheck disable=SC2016
  if timeout 2 bash -c 'exec 3<>"/dev/tcp/127.0.0.1/$1"' _ "$(client_port "$n")" 2>/dev/null; then
    fail "127.0.0.1:$(client_port "$n") is taken (a stale ensemble? pgrep -af QuorumPeerMain)"
  fi
  mkdir -p "$d/data"
  echo "$n" >"$d/data/myid"
  {
    printf 'tickTime=500\ninitLimit=20\nsyncLimit=10\nminSessionTimeout=1000\nmaxSessionTimeout=20000\n'
    printf 'dataDir=%s/data\nclientPort=%s\nclientPortAddress=127.0.0.1\n' "$d" "$(client_port "$n")"
    printf 'admin.enableServer=false\n4lw.commands.whitelist=ruok,srvr,mntr,stat\n'
    printf 'autopurge.purgeInterval=0\n'
    for m in "${NODES[@]}"; do
      printf 'server.%s=127.0.0.1:%s:%s\n' "$m" $((BASE + 700 + m - 1)) $((BASE + 800 + m - 1))
    done
  } >"$d/zoo.cfg"
  cat >"$d/log4j.properties" <<'LOG4J'
log4j.rootLogger=INFO, FILE
log4j.appender.FILE=org.apache.log4j.FileAppender
log4j.appender.FILE.File=${zookeeper.log.dir}/zookeeper.log
log4j.appender.FILE.layout=org.apache.log4j.PatternLayout
log4j.appender.FILE.layout.ConversionPattern=%d{ISO8601} %-5p [%t:%C{1}@%L] %m%n
LOG4J
  # A small heap and the serial collector: three JVMs share two cores with everything else.
  # setsid without -f execs java in place (not a group leader here), so $! is java's pid.
  setsid java -Xms32m -Xmx128m -XX:+UseSerialGC -Xshare:auto -XX:TieredStopAtLevel=1 -XX:-UsePerfData \
    -Dzookeeper.log.dir="$d" -Dlog4j.configuration="file:$d/log4j.properties" \
    -cp "$CLASSPATH" org.apache.zookeeper.server.quorum.QuorumPeerMain "$d/zoo.cfg" \
    </dev/null >>"$d/zookeeper.out" 2>&1 &
  echo $! >"$(pidf "$n")"
}

fail() {
  local n
  echo "zookeeper: $*" >&2
  for n in "${NODES[@]}"; do  # JVM errors, then the log without our srvr polls
    echo "--- node $n: $(dir "$n")/zookeeper.log" >&2
    cat "$(dir "$n")/zookeeper.out" >&2 2>/dev/null || true
    grep -v 'Processing srvr command' "$(dir "$n")/zookeeper.log" 2>/dev/null | tail -n 15 >&2 || true
  done
  exit 1
}

# wait_serving N...: until nodes N... serve (leader or follower) with exactly one leader among
# all the nodes that answer.
wait_serving() {
  local started=$SECONDS n ok leaders modes=()
  while true; do
    ok=1 leaders=0
    for n in "${NODES[@]}"; do
      modes[n]=$(mode "$n"); modes[n]=${modes[n]:-down}
      [ "${modes[n]}" = leader ] && leaders=$((leaders + 1))
    done
    for n in "$@"; do
      running "$n" || fail "node $n exited (modes: ${modes[*]})"
      [[ ${modes[n]} =~ ^(leader|follower)$ ]] || ok=0
    done
    [ "$ok" = 1 ] && [ "$leaders" = 1 ] && return 0
    [ $((SECONDS - started)) -lt 60 ] || fail "no quorum after 60 s (modes: ${modes[*]})"
    sleep 0.5
  done
}

stop_nodes() {  # stop_nodes SIGNAL N...: signals them all at once, SIGKILL after 5 s
  local sig=$1 n pids=()
  shift
  for n in "$@"; do
    running "$n" && pids+=("$(cat "$(pidf "$n")")")
    rm -f "$(pidf "$n")"
  done
  [ ${#pids[@]} -gt 0 ] || return 0
  kill "-$sig" "${pids[@]}" 2>/dev/null || true
  for _ in $(seq 50); do kill -0 "${pids[@]}" 2>/dev/null || break; sleep 0.1; done
  kill -9 "${pids[@]}" 2>/dev/null || true
}

case "${1:-start}" in
  stop)  # and forget the ensemble: every start makes a new one
    stop_nodes TERM "${NODES[@]}"
    rm -rf "$ZK_DIR"
    exit 0 ;;
  stop-node|kill-node) stop_nodes KILL "$2"; exit 0 ;;
  start-node)
    start_node "$2"
    others=()
    for n in "${NODES[@]}"; do running "$n" && others+=("$n"); done
    wait_serving "${others[@]}"
    echo "zookeeper: node $2 serving on 127.0.0.1:$(client_port "$2") ($(mode "$2"))"
    exit 0 ;;
  status)
    down=0
    for n in "${NODES[@]}"; do
      m=$(mode "$n")
      echo "node $n (127.0.0.1:$(client_port "$n")): ${m:-down}"
      [ -n "$m" ] || down=1
    done
    exit "$down" ;;
  start) ;;
  *) echo "usage: $0 start|stop|status|stop-node N|kill-node N|start-node N" >&2; exit 2 ;;
esac

for f in zookeeper.jar slf4j-log4j12.jar log4j-1.2.jar; do
  [ -f "$JARS/$f" ] || { echo "zookeeper: $JARS/$f is missing (apt-get install zookeeper)" >&2; exit 1; }
done
command -v java >/dev/null || { echo "zookeeper: java is missing" >&2; exit 1; }
started=$SECONDS
for n in "${NODES[@]}"; do start_node "$n"; done
wait_serving "${NODES[@]}"
echo "zookeeper: $(hosts) ready in $((SECONDS - started)) s"
