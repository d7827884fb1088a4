#!/usr/bin/env bash
# The configuration kolla-ansible and openstack-helm write for Freezer, rendered from the tools'
# own template and values (kolla-freezer.conf.j2, helm-values.yaml: copies, with their commits)
# with the tools' defaults, loopback addresses and this test's passwords, then used unchanged
# at the paths the tools use: each binary runs in a private mount namespace where /etc/freezer
# and /var/log/kolla are this test's directories.
#  - kolla-ansible: `freezer-manage db update` (its bootstrap), the API and
#    `freezer-scheduler --config-file /etc/freezer/freezer.conf start` as the container's
#    child of PID 1 (it must not detach), logs in /var/log/kolla/freezer/<binary>.log.
#  - openstack-helm: `freezer-manage --config-file /etc/freezer/freezer.conf db sync`, the API
#    with helm's logging.conf (freezer logger to standard output, oslo's line format) and its
#    policy.yaml (`null`).
# Both against a Keystone of their own (tests/services/keystone.sh, 127.0.0.1:25070, the
# catalog's backup endpoint at 29120) and the test MariaDB; authenticated requests through
# the catalog's endpoint, the scheduler's registration. About 30 s.
# Usage: run.sh <freezer-api> <freezer-manage> <freezer-scheduler>
set -euo pipefail
export PATH=/usr/bin:/usr/sbin:/bin:/sbin:$PATH   # Debian's python3 (jinja2, yaml)
api=$(readlink -f "$1") manage=$(readlink -f "$2") sched=$(readlink -f "$3")
HERE=$(cd "$(dirname "$0")" && pwd)
SERVICES=$HERE/../../services
port=29120
export KS_DIR=/tmp/freezer-tool-configs-ks KS_PORT=25070
export MDB_PORT=${MDB_PORT:-23306} MDB_DIR=${MDB_DIR:-/tmp/freezer-test-mariadb}
. "$HERE/../../support/lib.sh"
new_work_dir tool-configs
cd "$work"
for tool in unshare jq curl mariadb; do
  command -v "$tool" >/dev/null || fail "$tool is missing"
done
unshare -m -p -f --kill-child true 2>/dev/null || fail "no mount and PID namespaces here (unshare)"

# A Keystone of its own, its backup endpoint on this test's port.
"$SERVICES/keystone.sh" stop >/dev/null 2>&1 || true
rm -rf "$KS_DIR"
at_exit rm -rf "$KS_DIR"
at_exit "$SERVICES/keystone.sh" stop
FREEZER_API_URL=http://127.0.0.1:$port "$SERVICES/keystone.sh" start > keystone.log 2>&1 \
  || fail "Keystone: $(tail -5 keystone.log)"
. "$KS_DIR/ids.env"
. "$SERVICES/keystone_token.sh"

# The database each tool's bootstrap makes: a database and a user with a password.
db=freezer_test_tools_$$ db_user=fz_tools_$$ db_password="db-pass-$$"
mysql_root() { mariadb --no-defaults --socket="$MDB_DIR/mysqld.sock" -uroot "$@"; }
mysql_root -e "CREATE DATABASE $db; CREATE USER '$db_user'@'%' IDENTIFIED BY '$db_password';
               GRANT ALL PRIVILEGES ON $db.* TO '$db_user'@'%';" || fail "cannot create the database"
at_exit mysql_root -e "DROP DATABASE IF EXISTS $db; DROP USER IF EXISTS '$db_user'@'%';"

# in_namespace <etc dir> <log dir> <command...>: the command as a child of a PID 1 (a
# container's dumb-init), with <etc dir> at /etc/freezer and <log dir> at /var/log/kolla.
# It replaces the shell it runs in: run it in a subshell, or in the background, where $! is
# then unshare's pid. unshare ignores SIGTERM: stop_namespace kills it, and with it (its
# child is PID 1 there) everything in the namespace.
# (/etc/freezer and /var/log/kolla are made on the host when missing, and removed at exit.)
for dir in /etc/freezer /var/log/kolla; do
  [ -d "$dir" ] || { mkdir -p "$dir"; at_exit rmdir "$dir"; }
done
in_namespace() {
  local etc=$1 logs=$2; shift 2
  # As in a container, the temporary directory is the service's own (the scheduler's default
  # pid file is there).
  exec unshare -m -p -f --kill-child --mount-proc bash -c '
    mount --bind "$0" /etc/freezer && mount --bind "$1" /var/log/kolla && mkdir -p "$1/tmp" || exit 1
    export TMPDIR=$1/tmp; shift; "$@" & wait $!' "$etc" "$logs" "$@"
}
stop_namespace() { kill -KILL "$1" 2>/dev/null || true; wait "$1" 2>/dev/null || true; }
token_of() { keystone_token "$KS_URL" "$1" "$2" "$1"; }
demo=$(token_of demo demopass)
admin=$(token_of admin adminpass)
[ -n "$demo" ] && [ -n "$admin" ] || fail "no tokens from the test Keystone"
as() { curl -s -o /dev/null -w '%{http_code}' -H "X-Auth-Token: $1" "${@:2}"; }
wait_api() { wait_for 15 "the API on $port" curl -s -o /dev/null "http://127.0.0.1:$port/healthcheck"; }

# ---- kolla-ansible -----------------------------------------------------------------------
render_kolla() {  # render_kolla <service_name> <out>
  /usr/bin/python3 - "$HERE/kolla-freezer.conf.j2" "$1" "$2" <<PY
import jinja2, sys
env = jinja2.Environment(undefined=jinja2.StrictUndefined, keep_trailing_newline=True)
# kolla's address filters, for loopback addresses.
env.filters["kolla_address"] = lambda network, host=None: "127.0.0.1"
env.filters["put_address_in_context"] = lambda address, context: address
template = env.from_string(open(sys.argv[1]).read())
keystone = "$KS_URL".rsplit("/v3", 1)[0]
values = {
    "service_name": sys.argv[2],
    "freezer_logging_debug": "False",                 # openstack_logging_debug
    "api_interface_address": "127.0.0.1",
    "freezer_api_port": "$port",
    "inventory_hostname": "kolla-node",
    # openstack_auth: kolla's admin. (kolla writes user_domain_name "default"; its Keystone's
    # MariaDB matches names case-insensitively, the test Keystone's SQLite does not.)
    "openstack_auth": {"username": "admin", "password": "adminpass", "auth_url": keystone,
                       "project_name": "admin", "domain_name": "default",
                       "user_domain_name": "Default"},
    "default_project_domain_name": "Default", "default_project_domain_id": "default",
    "default_user_domain_id": "default",
    "keystone_internal_url": keystone,
    "freezer_keystone_user": "freezer", "freezer_keystone_password": "freezerpass",
    "openstack_cacert": "", "openstack_region_name": "RegionOne",
    "memcache_secret_key": "kolla-memcache-secret", "memcached_port": "11211",
    "groups": {"memcached": ["control1"]},
    "freezer_database_backend": "mariadb",
    "freezer_database_user": "$db_user", "freezer_database_password": "$db_password",
    "freezer_database_address": "127.0.0.1:$MDB_PORT", "freezer_database_name": "$db",
    "database_connection_recycle_time": 10, "database_max_pool_size": 1,
}
open(sys.argv[3], "w").write(template.render(**values))
PY
}
mkdir -p kolla/api-etc kolla/sched-etc/scheduler/conf.d kolla/logs/freezer
render_kolla freezer-api kolla/api-etc/freezer.conf || fail "rendering kolla's template"
render_kolla freezer-scheduler kolla/sched-etc/freezer.conf || fail "rendering kolla's template"
grep -q "^memcache_security_strategy = ENCRYPT" kolla/api-etc/freezer.conf || fail "not kolla's file"

# Bootstrap (extend_start.sh with KOLLA_BOOTSTRAP): db update, reading /etc/freezer/freezer.conf.
(in_namespace "$work/kolla/api-etc" "$work/kolla/logs" "$manage" db update) > kolla/bootstrap.out 2>&1 \
  || fail "kolla bootstrap: $(cat kolla/bootstrap.out)"
grep -q "applied migration" kolla/logs/freezer/freezer-manage.log \
  || fail "no freezer-manage.log in /var/log/kolla/freezer: $(ls kolla/logs/freezer; cat kolla/bootstrap.out)"
in_namespace "$work/kolla/api-etc" "$work/kolla/logs" "$api" --config-file /etc/freezer/freezer.conf \
  > kolla/api.out 2>&1 &
kolla_api_ns=$!
at_exit stop_namespace "$kolla_api_ns"
show_on_failure "$work/kolla/logs/freezer/freezer-api.log"
wait_api
[ "$(as "$demo" "http://127.0.0.1:$port/v2/$DEMO_PROJECT_ID/jobs")" = 200 ] || fail "kolla: demo's GET jobs"
[ "$(as "" "http://127.0.0.1:$port/v2/$DEMO_PROJECT_ID/jobs")" = 401 ] || fail "kolla: no token is not 401"
in_namespace "$work/kolla/sched-etc" "$work/kolla/logs" "$sched" --config-file /etc/freezer/freezer.conf start \
  > kolla/sched.out 2>&1 &
sched_ns=$!
at_exit stop_namespace "$sched_ns"
show_on_failure "$work/kolla/logs/freezer/freezer-scheduler.log"
registered() { [ "$(as "$admin" "http://127.0.0.1:$port/v2/$ADMIN_PROJECT_ID/clients/kolla-node")" = 200 ]; }
wait_for 30 "the scheduler registers client kolla-node" registered
kill -0 "$sched_ns" 2>/dev/null || fail "the scheduler detached or stopped under PID 1: $(cat kolla/sched.out)"
for f in freezer-api freezer-scheduler freezer-manage; do
  [ -s "kolla/logs/freezer/$f.log" ] || fail "no $f.log where kolla's fluentd and logrotate look"
done
grep -q "listening on 127.0.0.1:$port" kolla/logs/freezer/freezer-api.log || fail "freezer-api.log"
grep -q "Client kolla-node registered" kolla/logs/freezer/freezer-scheduler.log || fail "freezer-scheduler.log"
grep "does not use these configured options" kolla/logs/freezer/freezer-api.log | grep -q "\[paste_deploy\]" \
  || fail "kolla's [paste_deploy] is not named as unused"
stop_namespace "$sched_ns"
echo "ok: kolla-ansible's freezer.conf: bootstrap, API, scheduler under PID 1, logs in /var/log/kolla/freezer"
stop_namespace "$kolla_api_ns"
gone() { ! curl -s -o /dev/null "http://127.0.0.1:$port/healthcheck"; }
wait_for 10 "kolla's API to stop" gone

# ---- openstack-helm ------------------------------------------------------------------------
# helm-toolkit's to_oslo_conf: sections in key order (upper case first), lists joined by
# commas, nil values left out; configmap-etc fills keystone_authtoken and the database URL
# from its endpoints (here the test's Keystone, MariaDB and passwords).
mkdir -p helm/etc
/usr/bin/python3 - "$HERE/helm-values.yaml" helm/etc <<PY
import sys, yaml
conf = yaml.safe_load(open(sys.argv[1]))["conf"]
freezer = conf["freezer"]
keystone = "$KS_URL"
freezer["DEFAULT"].update({"bind_host": "127.0.0.1", "bind_port": $port})
freezer["keystone_authtoken"].update({
    "auth_uri": keystone, "auth_url": keystone, "region_name": "RegionOne",
    "project_name": "service", "project_domain_name": "Default", "user_domain_name": "Default",
    "username": "freezer", "password": "freezerpass"})
freezer["database"]["connection"] = "mysql+pymysql://$db_user:$db_password@127.0.0.1:$MDB_PORT/$db"
def to_oslo_conf(sections):
    lines = []
    for name in sorted(sections):
        lines.append("[%s]" % name)
        for key in sorted(sections[name]):
            value = sections[name][key]
            if value is None:
                continue
            if isinstance(value, list):
                value = ",".join(str(v) for v in value)
            elif isinstance(value, bool):
                value = "true" if value else "false"
            lines.append("%s = %s" % (key, value))
    return "\n".join(lines) + "\n"
open(sys.argv[2] + "/freezer.conf", "w").write(to_oslo_conf(freezer))
open(sys.argv[2] + "/logging.conf", "w").write(to_oslo_conf(conf["logging"]))
open(sys.argv[2] + "/policy.yaml", "w").write("null\n")   # toYaml of the absent conf.policy
PY
grep -q "^log_config_append = /etc/freezer/logging.conf" helm/etc/freezer.conf || fail "not helm's file"
(in_namespace "$work/helm/etc" "$work/helm" "$manage" --config-file /etc/freezer/freezer.conf db sync) \
  > helm/db-sync.out 2>&1 || fail "helm db-sync: $(cat helm/db-sync.out)"
in_namespace "$work/helm/etc" "$work/helm" "$api" --config-file /etc/freezer/freezer.conf \
  > helm/api.out 2>&1 &
at_exit stop_namespace $!
show_on_failure "$work/helm/api.out"
wait_api
[ "$(as "$demo" "http://127.0.0.1:$port/v2/$DEMO_PROJECT_ID/jobs")" = 200 ] || fail "helm: demo's GET jobs"
[ "$(as "$demo" -X POST -H 'Content-Type: application/json' -d '{"client_id": "pod-1", "hostname": "h"}' \
      "http://127.0.0.1:$port/v2/$DEMO_PROJECT_ID/clients")" = 201 ] || fail "helm: demo registers a client"
# kubectl logs: the freezer logger's lines on standard output, in oslo's format, INFO and up.
wait_for 5 "a request line on standard output" grep -q "path=/v2/$DEMO_PROJECT_ID/clients" helm/api.out
grep -Eq '^[0-9-]{10} [0-9:.]{12} [0-9]+ INFO freezer-api \[-\] freezer-api listening on 127.0.0.1' helm/api.out \
  || fail "helm: standard output is not oslo's format: $(head -3 helm/api.out)"
grep -q ' DEBUG ' helm/api.out && fail "helm: DEBUG lines although the freezer logger is at INFO"
echo "ok: openstack-helm's freezer.conf, logging.conf and policy.yaml: db sync, API, logs on standard output"
echo "tool configurations: all checks passed"
