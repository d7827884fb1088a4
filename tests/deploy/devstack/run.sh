#!/usr/bin/env bash
# The devstack plugin (devstack/) through every phase, outside devstack, against real services:
#   - a Keystone of its own (tests/services/keystone.sh, KS_BARE=1: no freezer user and no backup
#     service, so the plugin itself must create them), on a free loopback port from 25055 up;
#   - the test MariaDB (tests/services/mariadb.sh, 127.0.0.1:23306; started here if it is not
#     running, and left running, as other tests may use it meanwhile), database
#     freezer_test_devstack_<pid>, dropped at the end;
#   - the binaries of the build tree, installed by the plugin (`cmake --install`) into a scratch
#     prefix, run as user nobody by harness.sh's stand-in for run_process.
# Devstack itself is replaced by harness.sh. Everything else lives in a mktemp directory, which
# goes at the end, with the Keystone, the database and the processes (also on failure).
#
# Pass 1: MariaDB and a central scheduler: every stack phase, checks (configs, unit files,
#         processes, schema, catalog, roles, healthcheck, a demo request through the catalog
#         URL, a demo job run by the central scheduler through its trust, tempest.conf),
#         post-config again (idempotent), unstack, clean.
# Pass 2: SQLite and an ordinary scheduler, on the same Keystone (a re-stack), with tls-proxy and
#         next to upstream's freezer (agent) plugin (tests/deploy/devstack/upstream-freezer,
#         enabled first): the catalog's https endpoint served through the TLS proxy (harness:
#         tls_proxy.py) with https links, the scheduler through it with devstack's CA bundle,
#         a policy file, and neither plugin overwriting the other's settings, functions,
#         binaries or scheduler.conf: stack, checks, unstack, clean.
#
# Usage: tests/deploy/devstack/run.sh [build dir]          (default: <repo>/build)
# Env:   KEEP=1 keeps the scratch directory (and prints it);
#        DEVSTACK_DIR=<devstack checkout>: also compares harness.sh's INI functions with
#        devstack's own inc/ini-config on a fixture;
#        FREEZER_DEVSTACK_TEST_BUILD=1 lets the plugin run cmake's build step on the build tree,
#        with one job (default: FREEZER_BUILD=False, the plugin installs the tree as it is).
# Prints `N passed, N failed` and exits non-zero when anything failed.
# shellcheck disable=SC2016,SC2034,SC2317
# (bash -c scripts in single quotes; variables read by the sourced plugin; functions run by check)
set -uo pipefail
export PATH=/usr/bin:/usr/sbin:/bin:/sbin:$PATH   # Debian's python3 for the openstack CLI
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../../.." && pwd)
build=$(cd "${1:-$repo/build}" && pwd) || { echo "no build tree" >&2; exit 2; }
services=$repo/tests/services
. "$repo/tests/support/lib.sh"
new_work_dir devstack
# shellcheck disable=SC2154  # $work is set by new_work_dir (tests/support/lib.sh)
T=$work
chmod 755 "$T"   # the services run as nobody and read their configs under it
mkdir -p "$T/logs"
begin=$SECONDS
passed=0
failed=0
DB_NAME=freezer_test_devstack_$$
for v in $(compgen -e | grep '^OS_'); do unset "$v"; done   # only the scratch clouds.yaml counts

# --- results -------------------------------------------------------------------------------------
ok() { passed=$((passed + 1)); echo "ok   $*"; }
nok() { failed=$((failed + 1)); echo "FAIL $*"; }
check() { # description command...
  local what=$1
  shift
  if "$@"; then ok "$what"; else nok "$what"; fi
}
eq() { # actual expected
  [ "$1" = "$2" ] && return 0
  printf '     expected: %s\n     got:      %s\n' "$2" "$1"
  return 1
}
http_code() { curl -s -o /dev/null -w '%{http_code}' "$@"; }

# --- clean-up, also on failure -------------------------------------------------------------------
stop_leftovers() { # whatever the plugin's processes the test did not stop itself
  local f pid pids=()
  for f in "$T"/opt/stack/data/harness-run/*.pid; do
    [ -f "$f" ] || continue
    pid=$(cat "$f")
    kill -TERM "$pid" 2>/dev/null && pids+=("$pid")
  done
  for _ in $(seq 50); do
    local alive=0
    for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
    [ "$alive" = 0 ] && break
    sleep 0.1
  done
  for pid in "${pids[@]}"; do kill -KILL "$pid" 2>/dev/null; done
  return 0
}
at_exit mysql --no-defaults --protocol=TCP -h 127.0.0.1 -P 23306 -ufreezer -pfreezer \
  -e "DROP DATABASE IF EXISTS \`$DB_NAME\`"
at_exit env KS_DIR="$T/keystone" "$services/keystone.sh" stop
at_exit stop_leftovers

finish() {
  echo "$passed passed, $failed failed ($((SECONDS - begin)) s)"
  [ "$failed" = 0 ]
  exit $?
}

# --- lint: every plugin file parses; shellcheck when installed ----------------------------------
plugin_files=("$repo/devstack/settings" "$repo/devstack/plugin.sh" "$repo/devstack/lib/freezer-api"
              "$repo/devstack/lib/freezer-scheduler")
for f in "${plugin_files[@]}" "$here/harness.sh" "$here/run.sh"; do
  check "bash -n ${f#"$repo"/}" bash -n "$f"
done
if command -v shellcheck >/dev/null; then
  # SC1090/SC1091: sourced paths are computed; devstack's functions are defined elsewhere.
  check "shellcheck devstack/ and the harness" \
    shellcheck -s bash -e SC1090,SC1091 "${plugin_files[@]}" "$here/harness.sh" "$here/run.sh"
else
  echo "skip shellcheck (not installed)"
fi

# --- optional parity: the harness's INI functions against devstack's own inc/ini-config ----------
if [ -n "${DEVSTACK_DIR:-}" ] && [ -f "$DEVSTACK_DIR/inc/ini-config" ]; then
  cat > "$T/ini-ops.sh" <<'OPS'
F=$1/a.conf; G=$1/new.conf
printf '[DEFAULT]\n#debug = false\n\n[database]\nconnection = old\n\n[x]\nk=1\nj   =   2\n' > "$F"
iniset "$F" DEFAULT debug True
iniset "$F" database connection 'mysql+pymysql://u:p@h:1/db?charset=utf8&plugin=dbcounter'
iniset "$F" new opt 'a   b  c'
iniset "$F" x k ''
iniset "$F" x j z
iniset "$F" '' k v
iniset_multiline "$F" m v 'one two' three
iniset "$G" s o v
echo "[$(iniget "$F" database connection)] [$(iniget "$F" new opt)] [$(iniget "$F" m v)] [$(iniget_multiline "$F" m v)]"
ini_has_option "$F" x k && echo has
ini_has_option "$F" DEFAULT nope || echo has-not
inidelete "$F" database connection
cat "$F" "$G"
OPS
  mkdir -p "$T/parity/devstack" "$T/parity/harness"
  bash -c 'source "$1/inc/ini-config"; source "$2/ini-ops.sh" "$2/parity/devstack"' _ "$DEVSTACK_DIR" "$T" \
    > "$T/parity/devstack.out" 2>&1
  bash -c 'DEST=$2/parity; source "$1/harness.sh"; source "$2/ini-ops.sh" "$2/parity/harness"' _ "$here" "$T" \
    > "$T/parity/harness.out" 2>&1
  check "INI functions behave as devstack's inc/ini-config ($DEVSTACK_DIR)" \
    diff "$T/parity/devstack.out" "$T/parity/harness.out"
fi

# --- services ------------------------------------------------------------------------------------
free_port() { # the first free loopback port from $1 on, avoiding the test suite's fixed ports
  /usr/bin/python3 - "$1" <<'PY'
import socket, sys
reserved = {25000, 25010, 25020, 25065, 25070, 29080, 29081, 29082, 29083, 29088, 29110, 29111, 29120, 29090, 29091, 29096, 29097, 23306, 23307, 23308, 28776, 25671}
port = int(sys.argv[1])
while True:
    if port not in reserved:
        s = socket.socket()
        try:
            s.bind(("127.0.0.1", port))
            print(port)
            break
        except OSError:
            pass
        finally:
            s.close()
    port += 1
PY
}
KS_PORT=$(free_port 25055)
API_PORT=$(free_port 25190)

if ! "$services/mariadb.sh" start >"$T/logs/mariadb.log" 2>&1; then   # a no-op when it runs
  cat "$T/logs/mariadb.log"
  nok "MariaDB starts"
  finish
fi
if ! KS_DIR=$T/keystone KS_PORT=$KS_PORT KS_BARE=1 "$services/keystone.sh" start >"$T/logs/keystone.log" 2>&1; then
  cat "$T/logs/keystone.log"
  nok "Keystone starts"
  finish
fi
. "$T/keystone/ids.env"
. "$services/keystone_token.sh"

cat > "$T/clouds.yaml" <<YAML
clouds:
  devstack-system-admin:
    auth:
      auth_url: $KS_URL
      username: admin
      password: adminpass
      user_domain_id: default
      system_scope: all
    identity_api_version: 3
    region_name: RegionOne
  devstack-admin:
    auth:
      auth_url: $KS_URL
      username: admin
      password: adminpass
      user_domain_id: default
      project_name: admin
      project_domain_id: default
    identity_api_version: 3
    region_name: RegionOne
YAML
export OS_CLIENT_CONFIG_FILE=$T/clouds.yaml
osc() { openstack --os-cloud devstack-system-admin "$@"; }
# tempest.conf as devstack's lib/tempest leaves it before the test-config phase
printf '[DEFAULT]\n\n[service_available]\n' > "$T/tempest.conf"

# --- the devstack run ----------------------------------------------------------------------------
# What stackrc and local.conf would give. Sourcing the harness fills in the rest.
DEST=$T/opt/stack
STACK_USER=nobody   # devstack's services run as an unprivileged user, not as the one stacking
[ "$(id -u)" = 0 ] || STACK_USER=$(id -un)
HOST_IP=127.0.0.1
SERVICE_HOST=127.0.0.1
SERVICE_LISTEN_ADDRESS=127.0.0.1
KEYSTONE_SERVICE_URI=http://127.0.0.1:$KS_PORT
SERVICE_PASSWORD=devstack-service-secret
DATABASE_HOST=127.0.0.1
DATABASE_PORT=23306
DATABASE_USER=freezer
DATABASE_PASSWORD=freezer
TEMPEST_CONFIG=$T/tempest.conf
SYSTEMD_DIR=$T/etc/systemd/system
ENABLED_SERVICES=key,mysql,tempest
# local.conf's [[local|localrc]] for the plugin
FREEZER_BUILD_DIR=$build
FREEZER_BUILD=False
if [ -n "${FREEZER_DEVSTACK_TEST_BUILD:-}" ]; then
  FREEZER_BUILD=True
  FREEZER_BUILD_JOBS=${FREEZER_BUILD_JOBS:-1}   # never more than one compile job from a test
fi
FREEZER_PREFIX=$T/usr
FREEZER_CONF_DIR=$T/etc/freezer
FREEZER_API_PORT=$API_PORT
FREEZER_DB_NAME=$DB_NAME
FREEZER_SCHEDULER_INTERVAL=5
FREEZER_CENTRAL_SCHEDULER=True
FREEZER_SCHEDULER_CLIENT_ID=devstack-central
base_services=$ENABLED_SERVICES

# devstack_run <log name> <mode [phase]>...: one devstack script (stack.sh, unstack.sh, clean.sh):
# a fresh shell with errexit, the plugin's settings, then each phase in order.
devstack_run() {
  local log=$T/logs/$1.log
  shift
  (
    set +o nounset +o pipefail   # as devstack's scripts run
    set -o errexit
    source "$here/harness.sh"
    if [ -n "${WITH_UPSTREAM_FREEZER:-}" ]; then
      enable_plugin freezer "file://$here/upstream-freezer"
    fi
    enable_plugin freezer-cpp "file://$repo"
    load_plugin_settings
    set -o xtrace
    local phase
    for phase in "$@"; do
      # shellcheck disable=SC2086
      run_phase $phase
    done
  ) >>"$log" 2>&1
  local rc=$?
  if [ $rc != 0 ]; then
    echo "---- $log (last lines)"
    tail -25 "$log"
    local f
    for f in "$T"/opt/stack/logs/*.log; do
      [ -f "$f" ] && { echo "---- $f"; tail -15 "$f"; }
    done
  fi
  return $rc
}

# This shell: the same settings, for the checks and the harness's iniget.
source "$here/harness.sh"
enable_plugin freezer-cpp "file://$repo"
load_plugin_settings

# --- the source phase ----------------------------------------------------------------------------
check "settings: freezer-api enabled" is_service_enabled freezer-api
check "settings: freezer-scheduler enabled" is_service_enabled freezer-scheduler
check "settings: define_plugin freezer-cpp" eq "$HARNESS_DEFINED_PLUGINS" " freezer-cpp"
check "settings: local.conf's disable_service wins" bash -c '
  DEST=$1; source "$2/harness.sh"; ENABLED_SERVICES=key; disable_service freezer-scheduler
  enable_plugin freezer-cpp "file://$3"; load_plugin_settings 2>/dev/null
  is_service_enabled freezer-api && ! is_service_enabled freezer-scheduler' _ "$T/probe" "$here" "$repo"
check "settings: runs no command (empty PATH)" bash -c '
  DEST=$1; source "$2/harness.sh"; out=$(PATH=; source "$3/devstack/settings" 2>&1); [ -z "$out" ]' \
  _ "$T/probe" "$here" "$repo"
check "settings: overridable defaults" bash -c '
  DEST=/d; FREEZER_API_PORT=1234; source "$1/harness.sh"; source "$2/devstack/settings"
  source "$2/devstack/lib/freezer-api"; freezer_cpp_resolve_paths
  [ "$FREEZER_API_PORT" = 1234 ] && [ "$FREEZER_CPP_DIR" = /d/freezer-cpp ] && [ "$FREEZER_CONF_DIR" = /etc/freezer ] &&
  [ "$FREEZER_PREFIX" = /usr/local ] && [ "$FREEZER_BIN_DIR" = /usr/local/bin ] &&
  [ "$FREEZER_SCHEDULER_CONF" = /etc/freezer/scheduler.conf ] && [ "$FREEZER_DB_BACKEND" = mysql ] &&
  [ "$FREEZER_CENTRAL_SCHEDULER" = False ] && [ "$FREEZER_API_PROTOCOL" = http ] &&
  [ "$FREEZER_SERVICE_USER" = freezer ] && [ "$FREEZER_API_HOST" = "$SERVICE_HOST" ]' _ "$here" "$repo"
check "settings: beside upstream's freezer plugin (enabled first or last), own checkout, binaries and scheduler.conf" bash -c '
  for order in "upstream ours" "ours upstream"; do
    ( DEST=/d; source "$1/harness.sh"; ENABLED_SERVICES=key
      for p in $order; do
        if [ $p = upstream ]; then enable_plugin freezer "file://$1/upstream-freezer"; else enable_plugin freezer-cpp "file://$2"; fi
      done
      load_plugin_settings; source "$2/devstack/lib/freezer-api"; freezer_cpp_resolve_paths
      [ "$FREEZER_DIR" = /d/freezer ] && [ "$FREEZER_CPP_DIR" = /d/freezer-cpp ] &&
      [ "$FREEZER_BIN_DIR" = /usr/local/freezer-cpp/bin ] &&
      [ "$FREEZER_SCHEDULER_CONF" = /etc/freezer/freezer-cpp-scheduler.conf ] ) || exit 1
  done' _ "$here" "$repo"
check "settings: tls-proxy makes the catalog URL https, the API behind it on FREEZER_API_PORT_INT" bash -c '
  DEST=/d; source "$1/harness.sh"; ENABLED_SERVICES=key,tls-proxy; source "$2/devstack/settings"
  source "$2/devstack/lib/freezer-api"
  [ "$(freezer_api_url)" = "https://$SERVICE_HOST:9090" ] && [ "$FREEZER_API_PORT_INT" = 19090 ]' _ "$here" "$repo"
missing=()
for p in $(plugin_packages freezer-cpp); do is_package_installed "$p" || missing+=("$p"); done
check "files/debs/freezer-cpp: every package is installed here" eq "${missing[*]}" ""
# What the build needs (install-deps.sh's build group; sqlite3 is only the shell) must be in
# the list devstack installs from, or a fresh devstack host fails at cmake.
unlisted=()
listed=" $(plugin_packages freezer-cpp | tr '\n' ' ') "
for p in $("$repo/scripts/install-deps.sh" --list build); do
  [ "$p" = sqlite3 ] || [[ "$listed" == *" $p "* ]] || unlisted+=("$p")
done
check "files/debs/freezer-cpp: lists every package the build needs" eq "${unlisted[*]}" ""

# --- pass 1: MariaDB, central scheduler ----------------------------------------------------------
echo "# pass 1: MariaDB, central scheduler (Keystone :$KS_PORT, API :$API_PORT)"
if ! devstack_run stack "source" "stack pre-install" "stack install" "stack post-config" "stack extra" \
     "stack test-config"; then
  nok "stack.sh phases (pass 1)"
  finish
fi
ok "stack.sh phases (pass 1)"

API_CONF=$FREEZER_API_CONF
SCHED_CONF=$FREEZER_CONF_DIR/scheduler.conf   # the default (settings leave it to the plugin)
url=http://127.0.0.1:$API_PORT
cp "$FREEZER_STATE_DIR/install_manifest.txt" "$T/manifest"

# install
for b in freezer-api freezer-manage freezer-manager-status freezer-scheduler freezer-api-policy-sample; do
  check "installed $b" test -x "$T/usr/bin/$b"
done
check "install manifest lists the installed files" eq "$(grep -c "^$T/usr/" "$T/manifest")" 9
check "python-freezerclient installed as upstream's plugin does (pip_install_gr)" \
  grep -qx "pip_install_gr python-freezerclient" "$DEST/data/harness-run/pip.log"

# configuration
check "api: bind_host" eq "$(iniget "$API_CONF" DEFAULT bind_host)" 127.0.0.1
check "api: bind_port" eq "$(iniget "$API_CONF" DEFAULT bind_port)" "$API_PORT"
check "api: debug" eq "$(iniget "$API_CONF" DEFAULT debug)" True
check "api: auth_strategy" eq "$(iniget "$API_CONF" api auth_strategy)" keystone
check "api: database connection (devstack's URL)" eq "$(iniget "$API_CONF" database connection)" \
  "mysql+pymysql://freezer:freezer@127.0.0.1:23306/$DB_NAME?charset=utf8&plugin=dbcounter"
check "api: keystone_authtoken username" eq "$(iniget "$API_CONF" keystone_authtoken username)" freezer
check "api: keystone_authtoken auth_url" eq "$(iniget "$API_CONF" keystone_authtoken auth_url)" "$KEYSTONE_SERVICE_URI"
check "api: keystone_authtoken www_authenticate_uri" \
  eq "$(iniget "$API_CONF" keystone_authtoken www_authenticate_uri)" "$KEYSTONE_SERVICE_URI"
check "api: keystone_authtoken project_name" eq "$(iniget "$API_CONF" keystone_authtoken project_name)" service
check "api: keystone_authtoken memcached_servers" ini_has_option "$API_CONF" keystone_authtoken memcached_servers
check "api: centralized_scheduler enabled" eq "$(iniget "$API_CONF" centralized_scheduler enabled)" True
check "api: credentials_key_file" \
  eq "$(iniget "$API_CONF" centralized_scheduler credentials_key_file)" "$FREEZER_CONF_DIR/credential-keys"
check "api: key file created, the stack user's, mode 600" \
  eq "$(stat -c '%U %a' "$FREEZER_CONF_DIR/credential-keys")" "$STACK_USER 600"
check "api: trust ids encrypted (no warning)" bash -c '! grep "stored unencrypted" "$1"' _ "$LOGDIR/freezer-api.log"
check "api: no policy_file without FREEZER_POLICY_FILE" bash -c '! grep "^policy_file" "$1"' _ "$API_CONF"
check "api: policy.yaml.sample written" grep -q '^#"jobs:get_all_projects"' "$FREEZER_CONF_DIR/policy.yaml.sample"
check "scheduler: centralized_scheduler" eq "$(iniget "$SCHED_CONF" scheduler centralized_scheduler)" True
check "scheduler: client_id" eq "$(iniget "$SCHED_CONF" scheduler client_id)" devstack-central
check "scheduler: capabilities cindernative only" eq "$(iniget "$SCHED_CONF" capabilities supported_modes)" cindernative
check "scheduler: central actions" eq "$(iniget "$SCHED_CONF" capabilities supported_actions)" backup,restore,admin,info
check "scheduler: service_auth user" eq "$(iniget "$SCHED_CONF" service_auth os_username)" freezer
check "scheduler: service_auth password" eq "$(iniget "$SCHED_CONF" service_auth os_password)" "$SERVICE_PASSWORD"
check "scheduler: service_auth project" eq "$(iniget "$SCHED_CONF" service_auth os_project_name)" service
check "scheduler: service_auth auth_url" eq "$(iniget "$SCHED_CONF" service_auth os_auth_url)" "$KS_URL"
check "tempest: service_available freezer-api" eq "$(iniget "$TEMPEST_CONFIG" service_available freezer-api)" True
expected_agent=False
command -v freezer-agent >/dev/null && expected_agent=True
check "tempest: service_available freezer (agent on PATH: $expected_agent)" \
  eq "$(iniget "$TEMPEST_CONFIG" service_available freezer)" "$expected_agent"
check "tempest: backup catalog_type" eq "$(iniget "$TEMPEST_CONFIG" backup catalog_type)" backup
check "tempest: backup region" eq "$(iniget "$TEMPEST_CONFIG" backup region)" RegionOne

# units and processes
unit=$SYSTEMD_DIR/devstack@freezer-api.service
check "unit devstack@freezer-api.service: ExecStart" \
  eq "$(iniget "$unit" Service ExecStart)" "$T/usr/bin/freezer-api --config-file $API_CONF"
check "unit devstack@freezer-api.service: User" eq "$(iniget "$unit" Service User)" "$STACK_USER"
check "unit devstack@freezer-scheduler.service: ExecStart" \
  eq "$(iniget "$SYSTEMD_DIR/devstack@freezer-scheduler.service" Service ExecStart)" \
  "$T/usr/bin/freezer-scheduler --config-file $SCHED_CONF --no-daemon start"
check "units enabled" test -L "$SYSTEMD_DIR/multi-user.target.wants/devstack@freezer-api.service" \
  -a -L "$SYSTEMD_DIR/multi-user.target.wants/devstack@freezer-scheduler.service"
run_dir=$DEST/data/harness-run
api_pid=$(cat "$run_dir/devstack@freezer-api.pid" 2>/dev/null)
sched_pid=$(cat "$run_dir/devstack@freezer-scheduler.pid" 2>/dev/null)
check "freezer-api runs as the stack user" eq "$(ps -o user=,comm= -p "$api_pid" | tr -s ' ')" "$STACK_USER freezer-api"
check "freezer-scheduler runs as the stack user" eq "$(ps -o user=,comm= -p "$sched_pid" | tr -s ' ')" "$STACK_USER freezer-schedul"
check "freezer-api listens on 127.0.0.1 only" eq "$(ss -Hltn "sport = :$API_PORT" | awk '{print $4}')" "127.0.0.1:$API_PORT"

# database
tables=$(mysql --no-defaults --protocol=TCP -h 127.0.0.1 -P 23306 -ufreezer -pfreezer -N -e 'SHOW TABLES' "$DB_NAME" | sort | tr '\n' ' ')
schema=$("$T/usr/bin/freezer-manage" --config-file "$API_CONF" db show 2>/dev/null | jq -r '.[]' | sort | tr '\n' ' ')
check "database: SHOW TABLES has the schema ($tables)" eq "$tables" "$schema"
check "database: jobs and clients tables" bash -c '[[ " $1" == *" jobs "* && " $1" == *" clients "* ]]' _ "$tables"

# Keystone: what the plugin created
catalog_checks() { # label
  local eps
  eps=$(osc endpoint list --service backup -f json | jq -r '.[] | "\(.Interface) \(.URL) \(.Region)"' | sort | tr '\n' ';')
  check "keystone$1: backup endpoints public/internal/admin at the test URL, no duplicates" \
    eq "$eps" "admin $url RegionOne;internal $url RegionOne;public $url RegionOne;"
  check "keystone$1: one backup service" eq "$(osc service list -f json | jq '[.[] | select(.Type == "backup")] | length')" 1
  check "keystone$1: one freezer user" eq "$(osc user list -f json | jq '[.[] | select(.Name == "freezer")] | length')" 1
  check "keystone$1: freezer has service and admin on project service" \
    eq "$(osc role assignment list --user freezer --user-domain Default --project service --project-domain Default \
          --names -f json | jq -r '.[].Role' | sort | tr '\n' ' ')" "admin service "
}
catalog_checks ""

# the running services
check "GET /healthcheck: 200" eq "$(http_code "$url/healthcheck")" 200
demo_token=$(keystone_token "$KS_URL" demo demopass demo)
catalog_url=$(curl -s -H "X-Auth-Token: $demo_token" "$KS_URL/auth/catalog" |
  jq -r '.catalog[] | select(.type == "backup") | .endpoints[] | select(.interface == "public") | .url')
check "demo's catalog: public backup URL" eq "$catalog_url" "$url"
check "demo lists jobs through the catalog URL: 200" \
  eq "$(http_code -H "X-Auth-Token: $demo_token" "$catalog_url/v2/$DEMO_PROJECT_ID/jobs")" 200
check "no token: 401" eq "$(http_code "$catalog_url/v2/$DEMO_PROJECT_ID/jobs")" 401
# devstack's services log to their unit's journal (the harness: $LOGDIR/<name>.log), which
# devstack's gate jobs collect.
logged() { # logged <pattern> <file>: within 5 s (the API writes its log at least once a second)
  for _ in $(seq 10); do grep -Eq "$1" "$2" 2>/dev/null && return 0; sleep 0.5; done
  return 1
}
check "the API's journal has demo's request" \
  logged "request method=GET path=/v2/$DEMO_PROJECT_ID/jobs status=200" "$LOGDIR/freezer-api.log"
service_token=$(keystone_token "$KS_URL" freezer "$SERVICE_PASSWORD" service)
tls=()   # curl's options for the API's URL (pass 2: the TLS proxy's CA)
client_is() { # client_id expected-is_central
  [ "$(curl -s "${tls[@]}" -H "X-Auth-Token: $service_token" "$url/v2/$SERVICE_PROJECT_ID/clients/$1" | jq -r '.client.is_central')" = "$2" ]
}
registered() { # client_id expected: waits up to 30 s for the scheduler's registration
  for _ in $(seq 60); do client_is "$1" "$2" && return 0; sleep 0.5; done
  echo "     client $1: $(curl -s "${tls[@]}" -H "X-Auth-Token: $service_token" "$url/v2/$SERVICE_PROJECT_ID/clients/$1")"
  return 1
}
check "central scheduler registered devstack-central with is_central: true" registered devstack-central true
check "the scheduler's journal has its registration" \
  logged "Client devstack-central registered|Client already registered" "$LOGDIR/freezer-scheduler.log"
# A job of demo's for the central client: the API takes a trust from demo to the plugin's
# service user; the central scheduler runs it through that trust (and fails it: no Cinder here).
job='{"client_id": "devstack-central", "description": "devstack plugin test", "job_schedule": {},
      "job_actions": [{"freezer_action": {"action": "backup", "mode": "cindernative", "storage": "local",
        "cindernative_vol_id": "00000000-0000-4000-8000-000000000000"}, "max_retries": 0, "max_retries_interval": 1}]}'
job_id=$(curl -s -X POST -H "X-Auth-Token: $demo_token" -H 'Content-Type: application/json' -d "$job" \
  "$catalog_url/v2/$DEMO_PROJECT_ID/jobs" | jq -r '.job_id // empty')
check "demo creates a cindernative job for the central client" test -n "$job_id"
job_doc() { curl -s -H "X-Auth-Token: $demo_token" "$catalog_url/v2/$DEMO_PROJECT_ID/jobs/$job_id"; }
trust_id=$(job_doc | jq -r '.user_credentials.trust_id // empty')
freezer_user_id=$(osc user show freezer -f value -c id)
check "the job's trust delegates to the plugin's service user" \
  eq "$(osc trust show "${trust_id:-none}" -f value -c trustee_user_id 2>/dev/null)" "$freezer_user_id"
job_result_is() { [ "$(job_doc | jq -r '.job_schedule.result // empty')" = "$1" ]; }
ran() { for _ in $(seq 60); do job_result_is fail && return 0; sleep 0.5; done; job_doc | jq -c .job_schedule; return 1; }
check "the central scheduler ran the job through the trust (result fail: no Cinder)" ran

# post-config again: nothing duplicated
if devstack_run stack-again "source" "stack post-config"; then ok "post-config again"; else nok "post-config again"; fi
catalog_checks " after a second post-config"

# unstack
if devstack_run unstack "unstack"; then ok "unstack.sh phase"; else nok "unstack.sh phase"; fi
gone() { ! kill -0 "$1" 2>/dev/null; }
check "unstack: freezer-api stopped" gone "$api_pid"
check "unstack: freezer-scheduler stopped" gone "$sched_pid"
check "unstack: port $API_PORT closed" eq "$(http_code "$url/healthcheck")" 000
check "unstack: units disabled" test ! -e "$SYSTEMD_DIR/multi-user.target.wants/devstack@freezer-api.service" \
  -a ! -e "$SYSTEMD_DIR/multi-user.target.wants/devstack@freezer-scheduler.service"

# clean
if devstack_run clean "clean"; then ok "clean.sh phase"; else nok "clean.sh phase"; fi
check "clean: conf dir removed" test ! -e "$FREEZER_CONF_DIR"
check "clean: state dir removed" test ! -e "$FREEZER_STATE_DIR"
left=$(while IFS= read -r f || [ -n "$f" ]; do [ -n "$f" ] && [ -e "$f" ] && echo "$f"; done < "$T/manifest")
check "clean: installed files removed" eq "$left" ""
check "clean: share/doc/freezer-cpp removed" test ! -e "$T/usr/share/doc/freezer-cpp"

# --- pass 2: SQLite, ordinary scheduler, tls-proxy, beside upstream's freezer plugin -------------
INT_PORT=$(free_port 25200)
echo "# pass 2: SQLite, ordinary scheduler, tls-proxy (https :$API_PORT, API :$INT_PORT), upstream's freezer plugin enabled first"
FREEZER_DB_BACKEND=sqlite
FREEZER_CENTRAL_SCHEDULER=False
FREEZER_SCHEDULER_CLIENT_ID=devstack-node
FREEZER_POLICY_FILE=$T/policy-override.yaml
printf '"sessions:get_all": "role:admin"\n' > "$FREEZER_POLICY_FILE"
ENABLED_SERVICES=$base_services,tls-proxy
SERVICE_PROTOCOL=https   # stackrc's, with tls-proxy
FREEZER_API_PORT_INT=$INT_PORT
FREEZER_SCHEDULER_CONF=   # the default beside upstream's plugin
WITH_UPSTREAM_FREEZER=1
load_plugin_settings
rm -f "$DEST/data/harness-run/pip.log"
# A fresh devstack has a fresh Keystone: the http endpoints of pass 1 go (devstack's
# get_or_create_endpoint, like the harness's, never changes an existing URL).
for id in $(osc endpoint list --service backup -f value -c ID); do osc endpoint delete "$id"; done
if ! devstack_run stack2 "source" "stack pre-install" "stack install" "stack post-config" "stack extra" \
     "stack test-config"; then
  nok "stack.sh phases (pass 2)"
  finish
fi
ok "stack.sh phases (pass 2)"
SCHED_CONF=$FREEZER_CONF_DIR/freezer-cpp-scheduler.conf
bundle=$DEST/data/ca-bundle.pem
url=https://127.0.0.1:$API_PORT
tls=(--cacert "$bundle")
tls_code() { http_code "${tls[@]}" "$@"; }

# SQLite, an ordinary scheduler, a policy file
check "api: sqlite connection" eq "$(iniget "$API_CONF" database connection)" "sqlite:///$FREEZER_STATE_DIR/$DB_NAME.db"
check "api: sqlite database owned by the stack user" eq "$(stat -c %U "$FREEZER_STATE_DIR/$DB_NAME.db")" "$STACK_USER"
check "api: no centralized_scheduler override" bash -c '! grep "^enabled" "$1"' _ "$API_CONF"
check "scheduler: not central" eq "$(iniget "$SCHED_CONF" scheduler centralized_scheduler)" False
check "scheduler: default capabilities" bash -c '! grep "^supported_" "$1"' _ "$SCHED_CONF"
check "api: policy_file" eq "$(iniget "$API_CONF" oslo_policy policy_file)" "$FREEZER_CONF_DIR/policy.yaml"

# beside upstream's freezer plugin
check "upstream's plugin ran its own install (setup_develop of its checkout)" \
  grep -qx "setup_develop $DEST/freezer" "$DEST/data/harness-run/pip.log"
check "this plugin installed python-freezerclient too" \
  grep -qx "pip_install_gr python-freezerclient" "$DEST/data/harness-run/pip.log"
check "this plugin's binaries installed beside it" test -x "$T/usr/bin/freezer-scheduler"
check "upstream's scheduler.conf is its own (from its sample)" \
  grep -q "upstream freezer scheduler.conf.sample" "$FREEZER_CONF_DIR/scheduler.conf"
check "this scheduler's config is freezer-cpp-scheduler.conf" \
  eq "$(iniget "$SCHED_CONF" scheduler client_id)" devstack-node
check "unit devstack@freezer-scheduler.service runs with freezer-cpp-scheduler.conf" \
  eq "$(iniget "$SYSTEMD_DIR/devstack@freezer-scheduler.service" Service ExecStart)" \
  "$T/usr/bin/freezer-scheduler --config-file $SCHED_CONF --no-daemon start"

# tls-proxy
check "api: bind_port is the internal port" eq "$(iniget "$API_CONF" DEFAULT bind_port)" "$INT_PORT"
check "api: enable_proxy_headers_parsing" \
  eq "$(iniget "$API_CONF" oslo_middleware enable_proxy_headers_parsing)" True
check "scheduler: os_cacert is devstack's CA bundle" eq "$(iniget "$SCHED_CONF" service_auth os_cacert)" "$bundle"
demo_token=$(keystone_token "$KS_URL" demo demopass demo)
tls_catalog_url=$(curl -s -H "X-Auth-Token: $demo_token" "$KS_URL/auth/catalog" |
  jq -r '.catalog[] | select(.type == "backup") | .endpoints[] | select(.interface == "public") | .url')
check "demo's catalog: the https backup URL" eq "$tls_catalog_url" "$url"
check "GET /healthcheck over https, verified with devstack's CA: 200" eq "$(tls_code "$url/healthcheck")" 200
check "demo lists jobs through the https catalog URL: 200" \
  eq "$(tls_code -H "X-Auth-Token: $demo_token" "$tls_catalog_url/v2/$DEMO_PROJECT_ID/jobs")" 200
check "api: FREEZER_POLICY_FILE applies (demo may not list sessions: 403)" \
  eq "$(tls_code -H "X-Auth-Token: $demo_token" "$tls_catalog_url/v2/$DEMO_PROJECT_ID/sessions")" 403
check "links through the proxy are https (X-Forwarded-Proto)" bash -c '
  curl -s --cacert "$1" "$2/" | jq -r ".versions[].links[].href" | grep -qx "$2/v2/"' _ "$bundle" "$url"
check "the API itself answers on the internal port only over http" \
  eq "$(http_code "http://127.0.0.1:$INT_PORT/healthcheck")" 200
service_token=$(keystone_token "$KS_URL" freezer "$SERVICE_PASSWORD" service)
check "scheduler registered devstack-node with is_central: false through the TLS proxy" \
  registered devstack-node false

api_pid=$(cat "$run_dir/devstack@freezer-api.pid" 2>/dev/null)
sched_pid=$(cat "$run_dir/devstack@freezer-scheduler.pid" 2>/dev/null)
proxy_pid=$(cat "$run_dir/freezer-api-tls-proxy.pid" 2>/dev/null)
if devstack_run unstack2 "unstack"; then ok "unstack.sh phase (pass 2)"; else nok "unstack.sh phase (pass 2)"; fi
check "unstack: the API, the scheduler and the TLS proxy stopped (pass 2)" \
  bash -c 'for p; do ! kill -0 "$p" 2>/dev/null || exit 1; done' _ "$api_pid" "$sched_pid" "${proxy_pid:-0}"
check "unstack: port closed (pass 2)" eq "$(tls_code "$url/healthcheck")" 000
if devstack_run clean2 "clean"; then ok "clean.sh phase (pass 2)"; else nok "clean.sh phase (pass 2)"; fi
check "clean: state, installed files and this plugin's configs removed (pass 2)" \
  test ! -e "$FREEZER_STATE_DIR" -a ! -e "$T/usr/bin/freezer-api" -a ! -e "$API_CONF" -a ! -e "$SCHED_CONF"
check "clean: upstream's scheduler.conf left alone (pass 2)" \
  grep -q "upstream freezer scheduler.conf.sample" "$FREEZER_CONF_DIR/scheduler.conf"

finish
