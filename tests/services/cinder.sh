#!/usr/bin/env bash
# A real Cinder (Debian's cinder-api/-scheduler/-volume/-backup, Zed) on loopback for the
# service-mode tests, registered in the test Keystone (tests/services/keystone.sh):
#  - volumes: the NFS driver over a local folder. No NFS runs: the share's mount point (the
#    path os-brick computes) is a bind mount of the folder, so volumes are sparse files
#    $CINDER_DIR/export/volume-<id> that tests can read and write;
#  - backups: the posix driver in $CINDER_DIR/backups (full and incremental);
#  - RabbitMQ (a private node) and MariaDB (tests/services/mariadb.sh on its own port).
# Usage: cinder.sh start|stop|stop-api|status
#   stop-api stops only cinder-api (tests of Cinder going away mid-backup); start brings
#   back whatever is not running.
# Env: CINDER_DIR (/tmp/freezer-test-cinder), CINDER_PORT (28776), FREEZER_TEST_KS_DIR
# Root is needed (bind mount, services run as root).
set -euo pipefail
export PATH=/usr/bin:/usr/sbin:/bin:/sbin:$PATH   # Debian's python3 for the OpenStack packages
HERE=$(cd "$(dirname "$0")" && pwd)
CINDER_DIR=${CINDER_DIR:-/tmp/freezer-test-cinder}
CINDER_PORT=${CINDER_PORT:-28776}
RABBIT_PORT=${RABBIT_PORT:-25671}
RABBIT_DIST_PORT=${RABBIT_DIST_PORT:-25674}
EPMD_PORT=${EPMD_PORT:-24369}
DB_PORT=${CINDER_DB_PORT:-23308}
KS_DIR=${FREEZER_TEST_KS_DIR:-/tmp/freezer-test-keystone}
CONF=$CINDER_DIR/cinder.conf
RQ=$CINDER_DIR/rabbit
SERVICES="cinder-api cinder-scheduler cinder-volume cinder-backup"
SHARE="127.0.0.1:$CINDER_DIR/export"
# The mount point os-brick's RemoteFsClient derives from the share (it skips mounting when it
# is already in /proc/mounts).
MNT="$CINDER_DIR/mnt/$(printf '%s' "$SHARE" | md5sum | cut -d' ' -f1)"
DB_ENV=(env MDB_DIR="$CINDER_DIR/mariadb" MDB_PORT="$DB_PORT")

alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }
stop_pid() {
  if alive "$1"; then
    local pid; pid=$(cat "$1"); kill -TERM "$pid"
    for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$1"
}
stop_all() {
  for s in $SERVICES; do stop_pid "$CINDER_DIR/$s.pid"; done
  stop_pid "$RQ/server.pid"
  [ -f "$RQ/beam.pid" ] && stop_pid "$RQ/beam.pid"
  stop_pid "$RQ/epmd.pid"
  if grep -qs " $MNT " /proc/mounts; then umount "$MNT"; fi
  "${DB_ENV[@]}" "$HERE/mariadb.sh" stop
}
case "${1:-start}" in
  stop) stop_all; exit 0 ;;
  stop-api) stop_pid "$CINDER_DIR/cinder-api.pid"; exit 0 ;;
  status) for s in $SERVICES; do alive "$CINDER_DIR/$s.pid" || { echo "$s not running"; exit 1; }; done
          echo "running http://127.0.0.1:$CINDER_PORT/v3"; exit 0 ;;
  start) ;;
  *) echo "usage: $0 start|stop|stop-api|status" >&2; exit 2 ;;
esac

[ "$(id -u)" = 0 ] || { echo "cinder.sh: must run as root" >&2; exit 1; }
for b in cinder-api cinder-scheduler cinder-volume cinder-backup cinder-manage privsep-helper epmd mount.nfs dmidecode jq curl; do
  command -v $b >/dev/null || { echo "cinder.sh: $b is missing (scripts/install-deps.sh cinder)" >&2; exit 1; }
done
. "$KS_DIR/ids.env"
curl -sf "$KS_URL" >/dev/null || { echo "cinder.sh: Keystone is not running ($KS_URL)" >&2; exit 1; }
mkdir -p "$CINDER_DIR"/{export,backups,log,state,lock} "$MNT" "$RQ"/{mnesia,log}

# RabbitMQ: a private node on loopback, started as root without the su-ing wrapper.
echo '[].' > "$RQ/enabled_plugins"
: > "$RQ/rabbitmq-env.conf"
printf 'listeners.tcp.1 = 127.0.0.1:%s\nloopback_users = none\ndefault_user = cinder\ndefault_pass = cinder\n' \
  "$RABBIT_PORT" > "$RQ/rabbitmq.conf"
if ! alive "$RQ/epmd.pid"; then
  setsid epmd -address 127.0.0.1 -port "$EPMD_PORT" </dev/null >"$RQ/log/epmd.log" 2>&1 &
  echo $! > "$RQ/epmd.pid"
fi
if ! alive "$RQ/server.pid"; then
  HOME=$RQ ERL_EPMD_ADDRESS=127.0.0.1 ERL_EPMD_PORT=$EPMD_PORT \
  RABBITMQ_CONF_ENV_FILE=$RQ/rabbitmq-env.conf RABBITMQ_NODENAME=rabbit@localhost \
  RABBITMQ_NODE_IP_ADDRESS=127.0.0.1 RABBITMQ_NODE_PORT=$RABBIT_PORT RABBITMQ_DIST_PORT=$RABBIT_DIST_PORT \
  RABBITMQ_MNESIA_BASE=$RQ/mnesia RABBITMQ_LOG_BASE=$RQ/log RABBITMQ_CONFIG_FILE=$RQ/rabbitmq.conf \
  RABBITMQ_ENABLED_PLUGINS_FILE=$RQ/enabled_plugins RABBITMQ_PID_FILE=$RQ/beam.pid RABBITMQ_ALLOW_INPUT= \
  RABBITMQ_SERVER_START_ARGS="-kernel inet_dist_use_interface {127,0,0,1}" \
    setsid /usr/lib/rabbitmq/bin/rabbitmq-server </dev/null >"$RQ/log/stdout.log" 2>&1 &
  echo $! > "$RQ/server.pid"
fi

# MariaDB: Cinder's own (sqlite fails as soon as two of its services write at once).
"${DB_ENV[@]}" "$HERE/mariadb.sh" start >/dev/null
mariadb --no-defaults --socket="$CINDER_DIR/mariadb/mysqld.sock" -uroot -e \
  "CREATE DATABASE IF NOT EXISTS cinder CHARACTER SET utf8mb4;
   CREATE USER IF NOT EXISTS 'cinder'@'%' IDENTIFIED BY 'cinder'; GRANT ALL ON cinder.* TO 'cinder'@'%';"

echo "$SHARE" > "$CINDER_DIR/nfs_shares"
cat > "$CONF" <<CONF
[DEFAULT]
state_path = $CINDER_DIR/state
host = cinder-test
my_ip = 127.0.0.1
auth_strategy = keystone
transport_url = rabbit://cinder:cinder@127.0.0.1:$RABBIT_PORT/
api_paste_config = /etc/cinder/api-paste.ini
osapi_volume_listen = 127.0.0.1
osapi_volume_listen_port = $CINDER_PORT
osapi_volume_workers = 1
enabled_backends = nfs1
storage_availability_zone = nova
default_availability_zone = nova
periodic_interval = 10
periodic_fuzzy_delay = 0
report_interval = 5
# How often cinder-backup tells the scheduler it exists (Cinder's minimum; default 60 s).
backup_driver_stats_polling_interval = 10
service_down_time = 30
backup_driver = cinder.backup.drivers.posix.PosixBackupDriver
backup_posix_path = $CINDER_DIR/backups
# 8 MiB objects: the default (~1.9 GB) would hold a whole volume in memory, and at 32 MiB
# (glibc's largest mmap threshold) every object's buffers are fresh pages the kernel zeroes:
# a 1 GiB backup took 13 CPU-seconds of cinder-backup at 32 MiB, 10 at 8 MiB.
backup_file_size = 8388608
# 1 MiB hash blocks (incremental backups' granularity) instead of 32 KiB: a 1 GiB volume is
# hashed in 1,024 calls, not 32,768, which made each backup seconds slower.
backup_sha_block_size_bytes = 1048576
backup_compression_algorithm = zstd
backup_workers = 1
# Tests create volumes and backups freely (the default quota class in Cinder's database
# would otherwise cap each project at 10).
use_default_quota_class = false
quota_volumes = -1
quota_snapshots = -1
quota_gigabytes = -1
quota_backups = -1
quota_backup_gigabytes = -1
[database]
connection = mysql+pymysql://cinder:cinder@127.0.0.1:$DB_PORT/cinder?charset=utf8mb4
[oslo_concurrency]
lock_path = $CINDER_DIR/lock
[coordination]
backend_url = file://$CINDER_DIR/lock
[oslo_messaging_notifications]
driver = noop
[oslo_messaging_rabbit]
heartbeat_timeout_threshold = 0
[keystone_authtoken]
www_authenticate_uri = ${KS_URL%/v3}
auth_url = ${KS_URL%/v3}
auth_type = password
user_domain_name = Default
project_domain_name = Default
project_name = service
username = cinder
password = cinderpass
service_token_roles_required = true
[privsep_osbrick]
# privsep-helper as root directly (rootwrap's filter only allows configs under /etc)
helper_command = privsep-helper --config-file $CONF --privsep_context os_brick.privileged.default
[cinder_sys_admin]
helper_command = privsep-helper --config-file $CONF --privsep_context cinder.privsep.sys_admin_pctxt
[nfs1]
volume_driver = cinder.volume.drivers.nfs.NfsDriver
volume_backend_name = nfs1
nfs_shares_config = $CINDER_DIR/nfs_shares
nfs_mount_point_base = $CINDER_DIR/mnt
nfs_sparsed_volumes = true
nfs_snapshot_support = true
nas_secure_file_operations = false
nas_secure_file_permissions = false
CONF
grep -qs " $MNT " /proc/mounts || mount --bind "$CINDER_DIR/export" "$MNT"
if [ ! -f "$CINDER_DIR/.dbsynced" ]; then
  cinder-manage --config-file "$CONF" db sync >"$CINDER_DIR/log/db-sync.log" 2>&1 \
    || { cat "$CINDER_DIR/log/db-sync.log" >&2; exit 1; }
  touch "$CINDER_DIR/.dbsynced"
fi

# Keystone: the cinder service user and the volumev3 endpoints (with the project in the URL).
. "$HERE/keystone_token.sh"
TOK=$(keystone_token "$KS_URL" admin adminpass admin)
api() { keystone_api "$KS_URL" "$TOK" "$@"; }
CINDER_U=$(api GET "/users?name=cinder" | jq -r '.users[0].id // empty')
[ -n "$CINDER_U" ] || CINDER_U=$(api POST /users "$(jq -nc --arg d "$SERVICE_PROJECT_ID" \
  '{user:{name:"cinder",domain_id:"default",password:"cinderpass",default_project_id:$d}}')" | jq -r .user.id)
for r in admin service; do
  rid=$(api GET "/roles?name=$r" | jq -r '.roles[0].id')
  api PUT "/projects/$SERVICE_PROJECT_ID/users/$CINDER_U/roles/$rid" >/dev/null
done
keystone_catalog_entry "$KS_URL" "$TOK" volumev3 cinderv3 "http://127.0.0.1:$CINDER_PORT/v3/%(project_id)s"

for _ in $(seq 600); do (echo > "/dev/tcp/127.0.0.1/$RABBIT_PORT") 2>/dev/null && break; sleep 0.1; done
(echo > "/dev/tcp/127.0.0.1/$RABBIT_PORT") 2>/dev/null || { echo "rabbitmq did not start" >&2; tail -20 "$RQ/log/stdout.log" >&2; exit 1; }

# An RPC cast sent before its queue has a consumer is dropped: wait for the consumers
# themselves (a restarted service looks "up" from its old heartbeat).
wait_consumers() {
/usr/bin/python3 - "$RABBIT_PORT" "$CINDER_DIR" "$*" $SERVICES <<'PY'
import sys, time, os, amqp
port, d, queues, services = sys.argv[1], sys.argv[2], sys.argv[3].split(), sys.argv[4:]
deadline = time.time() + 240
while True:
    for s in services:
        if not os.path.exists(f'{d}/{s}.pid'):
            continue
        try:
            os.kill(int(open(f'{d}/{s}.pid').read()), 0)
        except Exception:
            sys.exit(f'{s} died; see {d}/log/{s}.log')
    missing = []
    try:
        c = amqp.Connection(f'127.0.0.1:{port}', userid='cinder', password='cinder')
        c.connect()
        for q in queues:
            ch = c.channel()
            try:
                if ch.queue_declare(q, passive=True).consumer_count < 1:
                    missing.append(q)
            except amqp.exceptions.NotFound:
                missing.append(q)
        c.close()
    except (OSError, amqp.exceptions.AMQPError) as e:
        missing = [repr(e)]
    if not missing:
        break
    if time.time() > deadline:
        sys.exit(f'no consumer on {missing}')
    time.sleep(0.2)
PY
}
start_service() {
  alive "$CINDER_DIR/$1.pid" && return 0
  setsid "$1" --config-file "$CONF" --log-file "$CINDER_DIR/log/$1.log" </dev/null >"$CINDER_DIR/log/$1.out" 2>&1 &
  echo $! > "$CINDER_DIR/$1.pid"
}
# The scheduler learns of a backup service only when it asks (once, as it starts) or when the
# backup service reports on its own (backup_driver_stats_polling_interval): cinder-backup
# first, so that the starting scheduler's question reaches it. The scheduler before
# cinder-volume, which announces its capabilities once at start (the next is a minute away).
alive "$CINDER_DIR/cinder-backup.pid" && backup_was_running=1 || backup_was_running=0
start_service cinder-backup
start_service cinder-api
wait_consumers cinder-backup.cinder-test
start_service cinder-scheduler
wait_consumers cinder-scheduler cinder-scheduler.cinder-test
sleep 0.3
start_service cinder-volume
wait_consumers cinder-scheduler cinder-volume.cinder-test@nfs1 cinder-backup.cinder-test

CTOK=$(keystone_token "$KS_URL" cinder cinderpass service)
capi() {  # capi <path> [curl options]: a call as the cinder user in the service project
  local path=$1; shift
  curl -s --max-time 10 -H "X-Auth-Token: $CTOK" -H "OpenStack-API-Version: volume 3.64" "$@" \
    "http://127.0.0.1:$CINDER_PORT/v3/$SERVICE_PROJECT_ID$path"
}
ready=
for _ in $(seq 480); do
  pools=$(capi /scheduler-stats/get_pools 2>/dev/null | jq -r '.pools | length' 2>/dev/null || true)
  if [ "${pools:-0}" -ge 1 ]; then
    up=$(capi /os-services | jq -r '[.services[] | select(.state=="up" and .status=="enabled") | .binary] | unique | join(",")' 2>/dev/null || true)
    case "$up" in *cinder-backup*cinder-scheduler*cinder-volume*) ready=1; break ;; esac
  fi
  sleep 0.25
done
[ -n "$ready" ] || { echo "cinder did not become ready (pools ${pools:-?}, up ${up:-?})" >&2; exit 1; }

# A fresh cinder-backup spawns its privsep daemon (os-brick's, to attach a volume) on its first
# backup. Backups that arrive while it starts can hang cinder-backup for good ("greenlet.error:
# cannot switch to a different thread" in eventlet's semaphore, a waiter woken from privsep's
# native thread): one backup first, alone, so that the tests' concurrent ones find it running.
status_of() { capi "/$1/$2" | jq -r ".${1%s}.status // \"gone\"" 2>/dev/null || echo unknown; }
wait_status() {  # wait_status <volumes|backups> <id> <status>: up to 120 s
  for _ in $(seq 480); do
    s=$(status_of "$1" "$2")
    [ "$s" = "$3" ] && return 0
    case "$s" in error*) echo "warm-up: ${1%s} $2 is $s" >&2; return 1 ;; esac
    sleep 0.25
  done
  echo "warm-up: ${1%s} $2 is ${s:-?}, not $3" >&2; return 1
}
if [ "$backup_was_running" = 0 ]; then
  post() { capi "$1" -H 'Content-Type: application/json' -d "$2"; }
  delete() { capi "$1" -o /dev/null -X DELETE; }
  vol=$(post /volumes '{"volume":{"size":1,"name":"cinder-sh-warm-up"}}' | jq -r '.volume.id // empty')
  [ -n "$vol" ] || { echo "warm-up: no volume made" >&2; exit 1; }
  wait_status volumes "$vol" available || exit 1
  bak=$(post /backups "{\"backup\":{\"volume_id\":\"$vol\",\"name\":\"cinder-sh-warm-up\"}}" | jq -r '.backup.id // empty')
  [ -n "$bak" ] || { echo "warm-up: no backup made" >&2; exit 1; }
  wait_status backups "$bak" available || exit 1
  delete "/backups/$bak"
  wait_status backups "$bak" gone || exit 1
  delete "/volumes/$vol"
  wait_status volumes "$vol" gone || exit 1
  echo "cinder-backup warmed up (privsep running)"
fi
echo "cinder ready on http://127.0.0.1:$CINDER_PORT/v3"
