#!/usr/bin/env bash
# The os_freezer role (deploy/openstack-ansible) deploys freezer-cpp into a clean Debian 12
# root (mmdebstrap) through Ansible's chroot connection, against the test MariaDB and a
# Keystone of its own, and the result works: /healthcheck, the Keystone catalog the role
# registered, a demo user's job list through that catalog, the scheduler's client; a second
# run changes nothing; a third one switches the scheduler to central (service) mode, and a
# fourth repairs drift in Keystone and a stopped service, changing exactly that.
# Usage: run.sh [freezer-cpp .deb]   (default: build/deb/freezer-cpp_*_amd64.deb)
# Env: FREEZER_ANSIBLE_API_PORT (29097), FREEZER_ANSIBLE_KS_PORT (25065), MDB_PORT (23306),
#      MDB_DIR (/tmp/freezer-test-mariadb), KEEP=1 keeps the scratch directory and its root.
# shellcheck disable=SC2015,SC2317  # ok() always succeeds; exit actions run from the trap
set -uo pipefail
export PATH=/usr/bin:/usr/sbin:/bin:/sbin:$PATH   # Debian's python3 for ansible and openstack
HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/../../.." && pwd)
SERVICES=$REPO/tests/services
OSA=$REPO/deploy/openstack-ansible
PLAYBOOK=$OSA/playbooks/os-freezer-install.yml
. "$REPO/tests/support/lib.sh"

deb=${1:-}
if [ -z "$deb" ]; then
  deb=$(find "$REPO/build/deb" -name 'freezer-cpp_*_amd64.deb' -printf '%T@ %p\n' 2>/dev/null \
        | sort -rn | head -1 | cut -d' ' -f2-)
fi
[ -n "$deb" ] && [ -f "$deb" ] || { echo "FAIL: no freezer-cpp .deb (make deb)" >&2; exit 1; }
deb=$(readlink -f "$deb")
for tool in ansible-playbook mmdebstrap mariadb curl jq; do
  command -v "$tool" >/dev/null || { echo "FAIL: $tool is missing (scripts/install-deps.sh services deploy)" >&2; exit 1; }
done

API_PORT=${FREEZER_ANSIBLE_API_PORT:-29097}
KS_PORT=${FREEZER_ANSIBLE_KS_PORT:-25065}
export KS_DIR=/tmp/freezer-ansible-ks KS_PORT
KEYSTONE=http://127.0.0.1:$KS_PORT
export MDB_PORT=${MDB_PORT:-23306} MDB_DIR=${MDB_DIR:-/tmp/freezer-test-mariadb}
API_URL=http://127.0.0.1:$API_PORT
tag=$$
DB=freezer_test_ansible_$tag
DB_USER=fz_ans_$tag
DB_ADMIN=fz_ans_adm_$tag
new_work_dir ansible
root=$work/root
passed=0 failed=0
started=$(date +%s)

mysql_root() { mariadb --no-defaults --socket="$MDB_DIR/mysqld.sock" -uroot "$@"; }
drop_test_db() {  # drop_test_db <tag>: a run's database and users (retried: the shared
  local i          # MariaDB may be restarting under another test suite)
  for i in $(seq 10); do
    mysql_root -e "DROP DATABASE IF EXISTS \`freezer_test_ansible_$1\`; DROP USER IF EXISTS 'fz_ans_$1'@'%';
                   DROP USER IF EXISTS 'fz_ans_adm_$1'@'127.0.0.1';" 2>/dev/null && return 0
    [ "$i" = 10 ] || sleep 2
  done
  return 1
}

stop_root_services() {
  if [ -d "$root/etc/init.d" ]; then
    chroot "$root" /etc/init.d/freezer-scheduler stop >/dev/null 2>&1
    chroot "$root" /etc/init.d/freezer-api stop >/dev/null 2>&1
  fi
  for p in /proc/[0-9]*; do   # anything else still running from the root
    [ "$(readlink "$p/root" 2>/dev/null)" = "$root" ] && kill -9 "${p#/proc/}" 2>/dev/null
  done
  umount -l "$root/proc" 2>/dev/null
  return 0
}
at_exit rm -rf "$KS_DIR"
at_exit "$SERVICES/keystone.sh" stop
at_exit drop_test_db "$tag"
at_exit stop_root_services

ok() { echo "ok: $*"; passed=$((passed + 1)); }
bad() { echo "FAIL: $*" >&2; failed=$((failed + 1)); }
finish() {
  echo "$passed passed, $failed failed ($(( $(date +%s) - started )) s)"
  [ "$failed" = 0 ]
  exit
}
fatal() { bad "$*"; finish; }

export ANSIBLE_ROLES_PATH=$OSA/roles ANSIBLE_NOCOLOR=1 ANSIBLE_RETRY_FILES_ENABLED=0
export ANSIBLE_LOCAL_TEMP=$work/ansible-local ANSIBLE_PIPELINING=1 ANSIBLE_DEPRECATION_WARNINGS=0
export ANSIBLE_CONFIG=$work/none.cfg   # no ansible.cfg from the working directory
export FREEZER_TEST_ROOT=$root FREEZER_TEST_DEB=$deb FREEZER_TEST_API_PORT=$API_PORT \
       FREEZER_TEST_DB=$DB FREEZER_TEST_DB_PORT=$MDB_PORT FREEZER_TEST_DB_USER=$DB_USER \
       FREEZER_TEST_DB_PASSWORD="db:pass/$tag@x" FREEZER_TEST_DB_ADMIN=$DB_ADMIN \
       FREEZER_TEST_DB_ADMIN_PASSWORD="adm-$tag" FREEZER_TEST_KEYSTONE=$KEYSTONE \
       FREEZER_TEST_SERVICE_PASSWORD="svc-$tag" FREEZER_TEST_CENTRAL=false
play() {  # play <log name> [ansible-playbook args]: the role's playbook against the root
  local log=$work/$1.log rc; shift
  ansible-playbook -c community.general.chroot -i "$HERE/inventory.yml" -e "@$HERE/vars.yml" \
    "$@" "$PLAYBOOK" > "$log" 2>&1
  rc=$?
  grep -A2 '^\[WARNING\]' "$log" | sed 's/^/  note: /' >&2
  return $rc
}
recap() {  # recap <log> <field>: the field's value on the PLAY RECAP line
  awk -v f="$2" '/^PLAY RECAP/ { r = 1; next }
    r && /freezer-test-root/ { for (i = 1; i <= NF; i++) if (split($i, kv, "=") == 2 && kv[1] == f) print kv[2] }' "$1"
}
show_log() { grep -E '^(fatal|failed|TASK|RUNNING HANDLER)|FAILED|ERROR|msg' "$1" | tail -25 >&2; }

# 1. Static checks.
if ansible-playbook --syntax-check -i "$HERE/inventory.yml" -e "@$HERE/vars.yml" "$PLAYBOOK" \
     > "$work/syntax.log" 2>&1; then
  ok "ansible-playbook --syntax-check"
else
  bad "syntax check: $(tail -5 "$work/syntax.log")"
fi
if command -v ansible-lint >/dev/null; then
  if (cd "$OSA" && ansible-lint --offline roles/os_freezer playbooks/os-freezer-install.yml) > "$work/lint.log" 2>&1; then
    ok "ansible-lint --offline"
  else
    bad "ansible-lint: $(tail -15 "$work/lint.log")"
  fi
fi

[ "$(curl -s -o /dev/null -w '%{http_code}' "$API_URL/")" = 000 ] \
  || fatal "something already answers on $API_URL (FREEZER_ANSIBLE_API_PORT)"

# 2. MariaDB (the test instance) with an administrator for community.mysql, over TCP, allowed
#    to create users and this test's database and to grant on it (mysql_user's GRANT USAGE
#    ON *.* needs a global GRANT OPTION).
"$SERVICES/mariadb.sh" start > "$work/mariadb.log" 2>&1 || fatal "MariaDB: $(tail -5 "$work/mariadb.log")"
for stale in $(mysql_root -N -e "SHOW DATABASES LIKE 'freezer\\_test\\_ansible\\_%'" 2>/dev/null \
               | sed -n 's/^freezer_test_ansible_\([0-9]*\)$/\1/p'); do   # left by an interrupted run
  kill -0 "$stale" 2>/dev/null || drop_test_db "$stale"
done
mysql_root <<SQL || fatal "cannot create the MariaDB administrator"
DROP DATABASE IF EXISTS \`$DB\`;
CREATE USER '$DB_ADMIN'@'127.0.0.1' IDENTIFIED BY '$FREEZER_TEST_DB_ADMIN_PASSWORD';
GRANT CREATE USER ON *.* TO '$DB_ADMIN'@'127.0.0.1' WITH GRANT OPTION;
GRANT SELECT ON mysql.* TO '$DB_ADMIN'@'127.0.0.1';
GRANT ALL PRIVILEGES ON \`$DB\`.* TO '$DB_ADMIN'@'127.0.0.1' WITH GRANT OPTION;
SQL

# 3. A Keystone of its own, fresh, without the freezer user and backup service that the
#    test recipe can create: the role must make them.
"$SERVICES/keystone.sh" stop >/dev/null 2>&1; rm -rf "$KS_DIR"
KS_BARE=1 FREEZER_API_URL=http://127.0.0.1:9 "$SERVICES/keystone.sh" start > "$work/keystone.log" 2>&1 \
  || fatal "Keystone: $(tail -5 "$work/keystone.log")"
# shellcheck source=/dev/null
. "$SERVICES/keystone_token.sh"
# shellcheck disable=SC1091
. "$KS_DIR/ids.env"
admin_tok=$(keystone_token "$KEYSTONE/v3" admin adminpass admin)
[ -n "$admin_tok" ] || fatal "no admin token"
ks() { curl -s -H "X-Auth-Token: $admin_tok" "$@"; }
for s in $(ks "$KEYSTONE/v3/services?type=backup" | jq -r '.services[].id'); do
  ks -X DELETE "$KEYSTONE/v3/services/$s"   # deletes its endpoints too
done
for u in $(ks "$KEYSTONE/v3/users?name=freezer" | jq -r '.users[].id'); do
  ks -X DELETE "$KEYSTONE/v3/users/$u"
done
[ "$(ks "$KEYSTONE/v3/services?type=backup" | jq '.services | length')" = 0 ] \
  && [ "$(ks "$KEYSTONE/v3/users?name=freezer" | jq '.users | length')" = 0 ] \
  && ok "Keystone starts without a backup service or freezer user" || bad "Keystone has leftovers"

# 4. A clean Debian 12 root with python3 for Ansible's modules (and python3-apt for its apt
#    module), and the distribution packages the role installs (the package's dependencies,
#    python3-freezer for the agent, PyMySQL, CA certificates), so that the role's apt tasks
#    find them there instead of downloading them on every run (tests/deploy/clean_root.sh,
#    cached); the role still installs freezer-cpp itself.
if ! "$REPO/tests/deploy/clean_root.sh" "$root" "$deb" > "$work/mmdebstrap.log" 2>&1; then
  fatal "clean root: $(tail -10 "$work/mmdebstrap.log")"
fi
cat "$work/mmdebstrap.log"
# The host's apt settings that make its archive usable (e.g. Check-Valid-Until for snapshots),
# and root's Ansible temporary directory, which Ansible would otherwise warn about creating.
cp /etc/apt/apt.conf.d/99artifact-registry "$root/etc/apt/apt.conf.d/" 2>/dev/null || true
install -d -m 0700 "$root/root/.ansible" "$root/root/.ansible/tmp"
# The database's CA where OSA's PKI role puts galera_ssl_ca_cert (vars.yml: galera_use_ssl).
install -m 0644 "$MDB_DIR/tls/ca.pem" "$root/etc/ssl/certs/freezer-test-galera-ca.pem"
# As on a booted host, /proc is there (the init scripts' start-stop-daemon matches through it).
mount -t proc proc "$root/proc"
ok "clean Debian 12 root ($(( $(date +%s) - started )) s so far)"

# 5. First run: normal-mode scheduler.
t0=$(date +%s)
if play run1; then
  ok "first run succeeded in $(( $(date +%s) - t0 )) s (changed=$(recap "$work/run1.log" changed))"
else
  show_log "$work/run1.log"; fatal "first run failed"
fi

in_root() { chroot "$root" "$@"; }
code() { curl -s -o /dev/null -w '%{http_code}' "$@"; }
[ "$(code "$API_URL/healthcheck")" = 200 ] && ok "/healthcheck answers 200" || bad "/healthcheck: $(code "$API_URL/healthcheck")"
[ "$(code "$API_URL/v2/$DEMO_PROJECT_ID/jobs")" = 401 ] && ok "no token: 401 (auth_strategy keystone)" \
  || bad "no token: HTTP $(code "$API_URL/v2/$DEMO_PROJECT_ID/jobs")"

# Files the role wrote.
[ "$(in_root stat -c %U:%G:%a /etc/freezer/freezer-api.conf)" = root:freezer:640 ] \
  && ok "freezer-api.conf is root:freezer 0640" || bad "freezer-api.conf: $(in_root stat -c %U:%G:%a /etc/freezer/freezer-api.conf)"
ini() {  # ini <file> <section> <key>: the value
  awk -F ' = ' -v s="[$2]" -v k="$3" '/^\[/ { in_s = ($0 == s); next } in_s && $1 == k { print $2 }' "$root$1"
}
check_ini() {  # check_ini <file> <section> <key> <expected>
  local got; got=$(ini "$1" "$2" "$3")
  [ "$got" = "$4" ] && ok "$(basename "$1") [$2] $3 = $4" || bad "$(basename "$1") [$2] $3 is '$got', not '$4'"
}
api_conf=/etc/freezer/freezer-api.conf sched_conf=/etc/freezer/scheduler.conf
check_ini $api_conf api auth_strategy keystone
check_ini $api_conf api max_limit 500
check_ini $api_conf keystone_authtoken username freezer
check_ini $api_conf keystone_authtoken password "$FREEZER_TEST_SERVICE_PASSWORD"
check_ini $api_conf keystone_authtoken auth_url "$KEYSTONE"
check_ini $api_conf DEFAULT bind_port "$API_PORT"
check_ini $api_conf database connection \
  "mysql+pymysql://$DB_USER:db%3Apass%2F$tag%40x@127.0.0.1:$MDB_PORT/$DB?charset=utf8mb4&ssl_verify_cert=true&ssl_ca=/etc/ssl/certs/freezer-test-galera-ca.pem"
check_ini $api_conf centralized_scheduler enabled False
check_ini $sched_conf scheduler centralized_scheduler False
check_ini $sched_conf scheduler client_id ansible-node
check_ini $sched_conf scheduler interval 15
check_ini $sched_conf capabilities supported_modes cinder,cindernative,glance,nova
check_ini $sched_conf service_auth os_username demo
grep -Eq '^"?clients:create_central"?: '"'?role:admin or role:service'?$" "$root/etc/freezer/policy.yaml" 2>/dev/null \
  && ok "policy.yaml from freezer_api_policy_overrides" || bad "policy.yaml: $(cat "$root/etc/freezer/policy.yaml" 2>&1)"
grep -qx 'install_method = distro' "$root/etc/ansible/facts.d/openstack_ansible.fact" \
  && ok "install method recorded in openstack_ansible.fact" || bad "no [freezer] install_method fact"
[ -x "$root/usr/bin/freezer-agent" ] && in_root dpkg-divert --list /usr/bin/freezer-scheduler | grep -q freezer-cpp \
  && ok "freezer-agent installed next to the C++ scheduler (diverted)" || bad "freezer-agent or the diversion is missing"
ls "$root"/etc/rc2.d/S*freezer-api >/dev/null 2>&1 && ls "$root"/etc/rc2.d/S*freezer-scheduler >/dev/null 2>&1 \
  && ok "both services enabled (rc2.d)" || bad "services not enabled: $(ls "$root/etc/rc2.d")"

# The database and its user.
tables=$(mysql_root -N -e "SHOW TABLES FROM \`$DB\`" 2>&1 | tr '\n' ' ')
grep -qw jobs <<<"$tables" && grep -qw clients <<<"$tables" && ok "db sync made the schema in $DB" \
  || bad "tables in $DB: $tables"
mysql_root -N -e "SHOW GRANTS FOR '$DB_USER'@'%'" 2>/dev/null | grep -q "ALL PRIVILEGES ON \`$DB\`" \
  && ok "database user $DB_USER has ALL on $DB" || bad "grants of $DB_USER: $(mysql_root -N -e "SHOW GRANTS FOR '$DB_USER'@'%'" 2>&1)"
# galera_use_ssl: the user connects only over TLS, so the API serving above proves its TLS.
mysql_root -N -e "SHOW CREATE USER '$DB_USER'@'%'" 2>/dev/null | grep -q "REQUIRE SSL" \
  && ok "database user $DB_USER requires TLS (galera_use_ssl)" \
  || bad "user $DB_USER: $(mysql_root -N -e "SHOW CREATE USER '$DB_USER'@'%'" 2>&1)"

# The services run as freezer (the root's own user: compare uids).
fz_uid=$(in_root id -u freezer)
for svc in freezer-api freezer-scheduler; do
  pid=$(cat "$root/run/freezer/$svc.pid" 2>/dev/null)
  uid=$( [ -n "$pid" ] && ps -o uid= -p "$pid" | tr -d ' ')
  [ -n "$uid" ] && [ "$uid" = "$fz_uid" ] && ok "$svc runs as the freezer user (pid $pid)" \
    || bad "$svc: pid '$pid' uid '$uid' (freezer is $fz_uid)"
done
api_pid=$(cat "$root/run/freezer/freezer-api.pid" 2>/dev/null)

# Keystone: what the role registered.
svc_json=$(ks "$KEYSTONE/v3/services?type=backup")
[ "$(jq -r '[.services[] | .name] | join(",")' <<<"$svc_json")" = freezer ] \
  && ok "Keystone has one backup service, named freezer" || bad "backup services: $svc_json"
svc_id=$(jq -r '.services[0].id // empty' <<<"$svc_json")
eps=$(ks "$KEYSTONE/v3/endpoints?service_id=$svc_id" | jq -r '[.endpoints[] | "\(.interface) \(.url) \(.region_id)"] | sort | join(";")')
want="admin $API_URL RegionOne;internal $API_URL RegionOne;public $API_URL RegionOne"
[ "$eps" = "$want" ] && ok "3 endpoints (public, internal, admin) at $API_URL in RegionOne" || bad "endpoints: $eps"
fz_user=$(ks "$KEYSTONE/v3/users?name=freezer" | jq -r '.users[0].id // empty')
roles=$(ks "$KEYSTONE/v3/role_assignments?user.id=$fz_user&scope.project.id=$SERVICE_PROJECT_ID&include_names=true" \
  | jq -r '[.role_assignments[].role.name] | sort | join(",")')
[ "$roles" = admin,service ] && ok "user freezer has admin and service on project service" || bad "freezer's roles: '$roles'"
[ -n "$(keystone_token "$KEYSTONE/v3" freezer "$FREEZER_TEST_SERVICE_PASSWORD" service)" ] \
  && ok "user freezer logs in with freezer_service_password" || bad "freezer cannot log in"

# A demo user reaches the API through the catalog.
demo_body=$(jq -nc '{auth:{identity:{methods:["password"],password:{user:{name:"demo",domain:{id:"default"},password:"demopass"}}},
  scope:{project:{name:"demo",domain:{id:"default"}}}}}')
demo_resp=$(curl -s -D "$work/demo.headers" -H 'Content-Type: application/json' -d "$demo_body" "$KEYSTONE/v3/auth/tokens")
demo_tok=$(awk 'tolower($1)=="x-subject-token:"{print $2}' "$work/demo.headers" | tr -d '\r')
cat_url=$(jq -r '.token.catalog[] | select(.type=="backup") | .endpoints[] | select(.interface=="public") | .url' <<<"$demo_resp")
[ "$cat_url" = "$API_URL" ] && ok "demo's catalog gives the backup URL $cat_url" || bad "demo's catalog backup URL: '$cat_url'"
c=$(code -H "X-Auth-Token: $demo_tok" "${cat_url:-$API_URL}/v2/$DEMO_PROJECT_ID/jobs")
[ "$c" = 200 ] && ok "demo lists its jobs through the catalog URL (200)" || bad "demo GET jobs: HTTP $c"

client_listed() {  # client_listed <client id> <jq filter on the client>: polls up to 30 s
  local out
  for _ in $(seq 30); do
    out=$(curl -s -H "X-Auth-Token: $demo_tok" "$API_URL/v2/$DEMO_PROJECT_ID/clients?limit=100")
    jq -e --arg id "$1" "[.clients[] | select(.client.client_id == \$id) | .client | $2] | any" <<<"$out" >/dev/null 2>&1 \
      && return 0
    sleep 1
  done
  echo "$out" > "$work/clients.json"; return 1
}
if client_listed ansible-node 'true'; then
  ok "the scheduler registered client ansible-node, listed by demo through the API"
else
  bad "client ansible-node not listed: $(head -c 300 "$work/clients.json"); log: $(tail -5 "$root/var/log/freezer/freezer-scheduler.log" 2>&1)"
fi

# Logs where OpenStack-Ansible collects them (/var/log/<service>, bind-mounted out of its
# containers): the API's request lines and the scheduler's registration. The API writes its
# file at least once a second (it does not flush each request line).
logged() { # logged <pattern> <file>: within 5 s
  for _ in $(seq 10); do grep -Eq "$1" "$2" 2>/dev/null && return 0; sleep 0.5; done
  return 1
}
logged "request method=GET path=/v2/$DEMO_PROJECT_ID/jobs status=200" "$root/var/log/freezer/freezer-api.log" \
  && ok "/var/log/freezer/freezer-api.log has demo's request" \
  || bad "freezer-api.log: $(tail -3 "$root/var/log/freezer/freezer-api.log" 2>&1)"
logged "Client (ansible-node registered|already registered)" "$root/var/log/freezer/freezer-scheduler.log" \
  && ok "/var/log/freezer/freezer-scheduler.log has the registration" \
  || bad "freezer-scheduler.log: $(tail -3 "$root/var/log/freezer/freezer-scheduler.log" 2>&1)"

for svc in freezer-api freezer-scheduler; do
  in_root /etc/init.d/$svc status >/dev/null 2>&1 && ok "$svc is still running (init script status)" \
    || bad "$svc is not running: $(tail -3 "$root/var/log/freezer/$svc.log" 2>&1)"
done

# 6. Second run with the same variables: nothing changes.
t0=$(date +%s)
if play run2; then
  ch=$(recap "$work/run2.log" changed)
  [ "$ch" = 0 ] && ok "second run: changed=0 ($(( $(date +%s) - t0 )) s)" \
    || { grep -E '^changed:' "$work/run2.log" | head -10 >&2; bad "second run: changed=$ch"; }
else
  show_log "$work/run2.log"; bad "second run failed"
fi
[ "$(cat "$root/run/freezer/freezer-api.pid" 2>/dev/null)" = "$api_pid" ] \
  && ok "the API was not restarted by the second run" || bad "the API restarted on an unchanged run"

# 7. Central (service) mode on the same root.
t0=$(date +%s)
if FREEZER_TEST_CENTRAL=true play run3; then
  ok "central-mode run succeeded in $(( $(date +%s) - t0 )) s (changed=$(recap "$work/run3.log" changed))"
  check_ini $api_conf centralized_scheduler enabled True
  check_ini $sched_conf scheduler centralized_scheduler True
  check_ini $sched_conf capabilities supported_modes cindernative
  check_ini $sched_conf service_auth os_username freezer
  new_pid=$(cat "$root/run/freezer/freezer-api.pid" 2>/dev/null)
  [ -n "$new_pid" ] && [ "$new_pid" != "$api_pid" ] && ok "the configuration change restarted the API" \
    || bad "API pid $api_pid -> '$new_pid'"
  [ "$(code "$API_URL/healthcheck")" = 200 ] && ok "/healthcheck answers 200 after the restart" || bad "/healthcheck after restart"
  if client_listed ansible-central-node '.is_central == true'; then
    ok "the central scheduler registered ansible-central-node with is_central: true"
  else
    bad "no central client: $(head -c 300 "$work/clients.json"); log: $(tail -5 "$root/var/log/freezer/freezer-scheduler.log" 2>&1)"
  fi
  in_root /etc/init.d/freezer-scheduler status >/dev/null 2>&1 && ok "the central scheduler is still running" \
    || bad "the central scheduler is not running: $(tail -3 "$root/var/log/freezer/freezer-scheduler.log" 2>&1)"
  # 8. Drift: what changed behind the role's back is repaired, and only that is reported:
  #    changed=4 exactly also proves central mode idempotent (a run of its own for that
  #    cost a minute of CI for nothing more).
  json=(-H 'Content-Type: application/json')
  pub_ep=$(ks "$KEYSTONE/v3/endpoints?service_id=$svc_id&interface=public" | jq -r '.endpoints[0].id')
  ks -X PATCH "${json[@]}" -d '{"endpoint":{"url":"http://127.0.0.1:9"}}' "$KEYSTONE/v3/endpoints/$pub_ep" >/dev/null
  service_role=$(ks "$KEYSTONE/v3/roles?name=service" | jq -r '.roles[0].id')
  ks -X DELETE "$KEYSTONE/v3/projects/$SERVICE_PROJECT_ID/users/$fz_user/roles/$service_role"
  ks -X PATCH "${json[@]}" -d '{"user":{"password":"drifted"}}' "$KEYSTONE/v3/users/$fz_user" >/dev/null
  in_root /etc/init.d/freezer-scheduler stop >/dev/null 2>&1
  if FREEZER_TEST_CENTRAL=true play run4; then
    ch=$(recap "$work/run4.log" changed)
    [ "$ch" = 4 ] && ok "drift repaired with changed=4 (endpoint, role, password, scheduler)" \
      || { grep -E '^changed:' "$work/run4.log" >&2; bad "drift run: changed=$ch, expected 4"; }
  else
    show_log "$work/run4.log"; bad "drift run failed"
  fi
  eps=$(ks "$KEYSTONE/v3/endpoints?service_id=$svc_id" | jq -r '[.endpoints[] | "\(.interface) \(.url) \(.region_id)"] | sort | join(";")')
  [ "$eps" = "$want" ] && ok "the public endpoint's URL was corrected" || bad "endpoints after drift: $eps"
  roles=$(ks "$KEYSTONE/v3/role_assignments?user.id=$fz_user&scope.project.id=$SERVICE_PROJECT_ID&include_names=true" \
    | jq -r '[.role_assignments[].role.name] | sort | join(",")')
  [ "$roles" = admin,service ] && ok "the service role was granted again" || bad "freezer's roles after drift: '$roles'"
  [ -n "$(keystone_token "$KEYSTONE/v3" freezer "$FREEZER_TEST_SERVICE_PASSWORD" service)" ] \
    && ok "freezer's password was reset" || bad "freezer cannot log in after the drift run"
  in_root /etc/init.d/freezer-scheduler status >/dev/null 2>&1 && ok "the stopped scheduler was started" \
    || bad "the scheduler is not running after the drift run"
  fresh_tok=$(keystone_token "$KEYSTONE/v3" demo demopass demo)   # not in the API's token cache
  c=$(code -H "X-Auth-Token: $fresh_tok" "$API_URL/v2/$DEMO_PROJECT_ID/jobs")
  [ "$c" = 200 ] && ok "the API validates new tokens after its user's password changed (200)" \
    || bad "demo GET jobs after the password change: HTTP $c"
else
  show_log "$work/run3.log"; bad "central-mode run failed"
fi

finish
