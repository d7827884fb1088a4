# shellcheck shell=bash
# tests/deploy/devstack/harness.sh: this project's stand-in for the devstack functions and
# variables a plugin uses (shared/spec/deployment.md 1.5), so that devstack/settings and
# devstack/plugin.sh can run through every phase outside devstack. Sourced by run.sh.
#
# Written from devstack's documented behaviour (same names, argument order and semantics), not
# copied from devstack. What is real and what is a stand-in:
#   - INI editing (iniset, iniget, inidelete, ini_has_option, iniset_multiline): own awk code;
#   - service lists, logging, plugin bookkeeping, trueorfalse: pure bash stand-ins;
#   - Keystone helpers: the real `openstack` CLI against a real Keystone, with the cloud
#     `devstack-system-admin` of $OS_CLIENT_CONFIG_FILE, as devstack runs them;
#   - database helpers: the real mysql client against a real MariaDB;
#   - run_process/stop_process: write the same devstack@<name>.service unit (with iniset), "enable"
#     it (the multi-user.target.wants link) and run its ExecStart as its User under a small
#     supervisor (setsid, setpriv, pid file, log in $LOGDIR/<name>.log) instead of systemd, which is
#     not PID 1 here; stop = SIGTERM to the main process (KillMode=process), then disable;
#   - wait_for_service: curl, as devstack does.
#
# The caller sets DEST and may set any variable below before sourcing this file.

# --- the variables devstack defines (stackrc, lib/*) that plugins read -----------------------
: "${DEST:?DEST must be set before sourcing the harness}"
: "${DATA_DIR:=$DEST/data}"
: "${LOGDIR:=$DEST/logs}"
: "${STACK_USER:=$(id -un)}"
: "${HOST_IP:=127.0.0.1}"
: "${SERVICE_HOST:=$HOST_IP}"
: "${SERVICE_PROTOCOL:=http}"
: "${SERVICE_LISTEN_ADDRESS:=127.0.0.1}"
: "${SERVICE_TIMEOUT:=60}"
: "${REGION_NAME:=RegionOne}"
: "${SERVICE_PROJECT_NAME:=service}"
: "${SERVICE_DOMAIN_NAME:=Default}"
: "${SERVICE_PASSWORD:=devstack-service-secret}"
: "${ADMIN_PASSWORD:=adminpass}"
: "${KEYSTONE_SERVICE_URI:=http://127.0.0.1:5000}"
: "${DATABASE_TYPE:=mysql}"
: "${DATABASE_HOST:=127.0.0.1}"
: "${DATABASE_PORT:=3306}"   # not devstack's (its BASE_SQL_CONN has no port); the test server's
: "${DATABASE_USER:=root}"
: "${DATABASE_PASSWORD:=}"
: "${BASE_SQL_CONN:=mysql+pymysql://$DATABASE_USER:$DATABASE_PASSWORD@$DATABASE_HOST:$DATABASE_PORT}"
: "${MYSQL_GATHER_PERFORMANCE:=True}"   # devstack's default: URLs carry &plugin=dbcounter
: "${MEMCACHE_SERVERS:=localhost:11211}"
: "${SSL_BUNDLE_FILE:=$DATA_DIR/ca-bundle.pem}"   # devstack always sets it, the file may not exist
: "${DEVSTACK_CERT:=$DATA_DIR/devstack-cert.pem}"   # lib/tls: key and certificate of the TLS proxies
: "${TEMPEST_CONFIG:=$DEST/tempest/etc/tempest.conf}"
: "${ENABLED_SERVICES:=}"
: "${DISABLED_SERVICES:=}"
: "${DEVSTACK_PLUGINS:=}"
: "${SYSTEMD_DIR:=$DEST/systemd}"
: "${SYSTEMCTL:=harness-supervisor}"   # informational: no systemctl is called
: "${KILL_PATH:=$(command -v kill)}"
: "${GIT_BASE:=https://opendev.org}"
: "${HARNESS_RUN_DIR:=$DATA_DIR/harness-run}"
HARNESS_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
declare -gA GITDIR
HARNESS_DEFINED_PLUGINS=${HARNESS_DEFINED_PLUGINS:-}
HARNESS_PLUGIN_REQUIRES=${HARNESS_PLUGIN_REQUIRES:-}

# --- messages ----------------------------------------------------------------------------------

# die [line] message...: print and exit (devstack passes $LINENO first).
function die {
    local code=$?
    [[ $code == 0 ]] && code=1
    local line=${BASH_LINENO[0]}
    if [[ "${1:-}" =~ ^[0-9]+$ ]]; then
        line=$1
        shift
    fi
    echo "[ERROR] ${BASH_SOURCE[1]:-?}:$line $*" >&2
    exit $code
}

# warn [line] message...: print, keep going, return the previous status.
function warn {
    # shellcheck disable=SC2319   # the caller's status, on purpose
    local code=$?
    if [[ "${1:-}" =~ ^[0-9]+$ ]]; then shift; fi
    echo "[WARNING] $*" >&2
    return $code
}

function echo_summary {
    echo "==== $*"
}

# --- plugins -----------------------------------------------------------------------------------

function define_plugin {
    HARNESS_DEFINED_PLUGINS+=" $1"
}

function plugin_requires {
    HARNESS_PLUGIN_REQUIRES+=" $1:$2"
}

# enable_plugin name url [ref]: devstack clones url into $DEST/name; offline, the harness accepts
# only file:// URLs and links the directory.
function enable_plugin {
    local name=$1 url=$2
    [[ "$url" == file://* ]] || die $LINENO "enable_plugin: only file:// URLs work offline ($url)"
    local src=${url#file://}
    [[ -d "$src/devstack" ]] || die $LINENO "enable_plugin: $src has no devstack/ folder"
    mkdir -p "$DEST"
    [[ -e "$DEST/$name" ]] || ln -s "$src" "$DEST/$name"
    GITDIR[$name]=$DEST/$name
    if [[ ",$DEVSTACK_PLUGINS," != *",$name,"* ]]; then
        DEVSTACK_PLUGINS=${DEVSTACK_PLUGINS:+$DEVSTACK_PLUGINS,}$name
    fi
}

# load_plugin_settings: each enabled plugin's devstack/settings (devstack's `source` step).
function load_plugin_settings {
    local plugin
    for plugin in ${DEVSTACK_PLUGINS//,/ }; do
        if [[ -f "${GITDIR[$plugin]}/devstack/settings" ]]; then
            source "${GITDIR[$plugin]}/devstack/settings"
        fi
    done
}

# run_phase mode [phase]: source each plugin's plugin.sh with those arguments, in order. With
# tls-proxy, devstack's certificate and CA bundle exist before any plugin runs (stack.sh makes
# them first).
function run_phase {
    local plugin
    if is_service_enabled tls-proxy; then
        _harness_devstack_cert
    fi
    for plugin in ${DEVSTACK_PLUGINS//,/ }; do
        if [[ -f "${GITDIR[$plugin]}/devstack/plugin.sh" ]]; then
            source "${GITDIR[$plugin]}/devstack/plugin.sh" "$@"
        fi
    done
}

# plugin_packages name: the packages of files/debs/<name> (comments and blank lines dropped).
function plugin_packages {
    local file=${GITDIR[$1]}/devstack/files/debs/$1
    [[ -f "$file" ]] || return 0
    sed -e 's/#.*//' -e 's/[[:space:]]*$//' -e '/^[[:space:]]*$/d' "$file"
}

# --- services ----------------------------------------------------------------------------------

function enable_service {
    local service
    for service in "$@"; do
        if [[ ",$DISABLED_SERVICES," == *",$service,"* ]]; then
            warn $LINENO "Attempt to enable_service $service when it has been disabled"
            continue
        fi
        if [[ ",$ENABLED_SERVICES," != *",$service,"* ]]; then
            ENABLED_SERVICES=${ENABLED_SERVICES:+$ENABLED_SERVICES,}$service
        fi
    done
}

function disable_service {
    local service list
    for service in "$@"; do
        list=",$ENABLED_SERVICES,"
        list=${list//,$service,/,}
        list=${list#,}
        ENABLED_SERVICES=${list%,}
        if [[ ",$DISABLED_SERVICES," != *",$service,"* ]]; then
            DISABLED_SERVICES=${DISABLED_SERVICES:+$DISABLED_SERVICES,}$service
        fi
    done
}

# is_service_enabled name...: true when any is enabled, or when is_<name>_enabled says so.
function is_service_enabled {
    local service
    for service in "$@"; do
        if declare -F "is_${service}_enabled" >/dev/null && "is_${service}_enabled"; then
            return 0
        fi
        if [[ ",$ENABLED_SERVICES," == *",$service,"* ]]; then
            return 0
        fi
    done
    return 1
}

# trueorfalse default VARNAME: True or False from the variable's usual spellings, else default.
function trueorfalse {
    local default=$1 varname=${2:-}
    [[ -n "$varname" ]] || die $LINENO "trueorfalse: no variable name"
    case "${!varname:-}" in
        1|yes|Yes|YES|true|True|TRUE|on|On|ON) echo True ;;
        0|no|No|NO|false|False|FALSE|off|Off|OFF) echo False ;;
        *) echo "$default" ;;
    esac
}

# --- INI files ---------------------------------------------------------------------------------

# _ini_rewrite mode file section option [value...]: the new text of the file on stdout.
#   set: replace every `option = ...` line of the section, or add one right after the section
#        header, or append the section (after a blank line) when it is missing;
#   multi: drop the option's lines, then add one line per value after the header;
#   del: drop the option's lines.
# An option line starts at the beginning of a line (no indentation, not a comment).
function _ini_rewrite {
    local mode=$1 file=$2 section=$3 option=$4
    shift 4
    local values
    values=$(printf '%s\n' "$@")
    M=$mode S=$section O=$option V=$values N=$# LC_ALL=C awk '
        function key(line,   i, k) {
            if (line ~ /^[ \t#;]/) return ""
            i = index(line, "=")
            if (i == 0) return ""
            k = substr(line, 1, i - 1)
            sub(/[ \t]+$/, "", k)
            return k
        }
        function add(   i) { for (i = 1; i <= n; i++) print o " = " vals[i] }
        BEGIN {
            m = ENVIRON["M"]; s = ENVIRON["S"]; o = ENVIRON["O"]; hdr = "[" s "]"
            n = ENVIRON["N"] + 0
            split(ENVIRON["V"], vals, "\n")
            if (m == "set") { n = 1; vals[1] = ENVIRON["V"]; sub(/\n$/, "", vals[1]) }
        }
        FNR == 1 { in_s = 0 }
        pass == 1 {
            if ($0 ~ /^\[/) { in_s = (index($0, hdr) == 1); if (in_s) has_s = 1 }
            else if (in_s && key($0) == o) found = 1
            next
        }
        {
            if ($0 ~ /^\[/) {
                in_s = (index($0, hdr) == 1)
                print
                if (in_s && !done && (m == "multi" || (m == "set" && !found))) { add(); done = 1 }
                next
            }
            if (in_s && key($0) == o) {
                # the line keeps its "option = " spelling, the value is replaced
                if (m == "set") { match($0, /^[^=]*=[ \t]*/); print substr($0, 1, RLENGTH) vals[1] }
                next
            }
            print
        }
        END {
            if (!has_s && m != "del") { print ""; print hdr; add() }
        }
    ' pass=1 "$file" pass=2 "$file"
}

# _ini_write [-sudo] mode file section option [value...]
function _ini_write {
    local sudo=()
    if [[ "$1" == "-sudo" ]]; then
        sudo=(sudo)
        shift
    fi
    local mode=$1 file=$2 section=$3 option=$4
    [[ -n "$section" && -n "$option" ]] || return 0
    if [[ ! -f "$file" ]]; then
        [[ "$mode" == "del" ]] && return 0
        "${sudo[@]}" touch "$file"
    fi
    local tmp
    tmp=$(mktemp)
    _ini_rewrite "$@" > "$tmp" || { rm -f "$tmp"; die $LINENO "cannot edit $file"; }
    # Rewrite in place: the file keeps its inode, owner and mode.
    "${sudo[@]}" tee "$file" < "$tmp" >/dev/null
    rm -f "$tmp"
}

# _ini_words text...: the words of the text joined by single spaces (devstack passes values
# through an unquoted echo: runs of blanks collapse; unlike devstack, globs are not expanded).
function _ini_words {
    local -a words
    read -r -d '' -a words <<< "$*" || true
    echo "${words[*]}"
}

# iniset [-sudo] file section option value
function iniset {
    local sudo=()
    if [[ "$1" == "-sudo" ]]; then
        sudo=(-sudo)
        shift
    fi
    _ini_write "${sudo[@]}" set "$1" "$2" "$3" "$(_ini_words "${4-}")"
}

# iniset_multiline [-sudo] file section option value...: one line per word of the values.
function iniset_multiline {
    local sudo=()
    if [[ "$1" == "-sudo" ]]; then
        sudo=(-sudo)
        shift
    fi
    local file=$1 section=$2 option=$3
    shift 3
    local -a words
    read -r -d '' -a words <<< "$*" || true
    _ini_write "${sudo[@]}" multi "$file" "$section" "$option" "${words[@]}"
}

# inidelete [-sudo] file section option
function inidelete {
    local sudo=()
    if [[ "$1" == "-sudo" ]]; then
        sudo=(-sudo)
        shift
    fi
    _ini_write "${sudo[@]}" del "$1" "$2" "$3"
}

# _ini_lines file section option: each line setting the option in the section.
function _ini_lines {
    [[ -f "$1" ]] || return 0
    S=$2 O=$3 awk '
        BEGIN { hdr = "[" ENVIRON["S"] "]"; o = ENVIRON["O"] }
        /^\[/ { in_s = (index($0, hdr) == 1); next }
        in_s && $0 !~ /^[ \t#;]/ {
            i = index($0, "=")
            if (i == 0) next
            k = substr($0, 1, i - 1); sub(/[ \t]+$/, "", k)
            if (k == o) print
        }
    ' "$1"
}

# _ini_values file section option: each value of the option in the section, one per line.
function _ini_values {
    _ini_lines "$1" "$2" "$3" | sed 's/^[^=]*=[ \t]*//'
}

# iniget file section option: the option's value, blanks collapsed. A repeated option gives
# what devstack gives: the lines joined, cut after the first "=" (use iniget_multiline).
function iniget {
    local lines
    [[ -f "$1" ]] || { echo; return 0; }
    lines=$(_ini_lines "$1" "$2" "$3")
    _ini_words "${lines#*=}"
}

# iniget_multiline file section option: every value of the option, on one line.
function iniget_multiline {
    _ini_words "$(_ini_values "$1" "$2" "$3")"
}

# ini_has_option file section option: true when the option is set in the section.
function ini_has_option {
    [[ -n "$(_ini_lines "$1" "$2" "$3")" ]]
}

# --- Keystone (the real openstack CLI, as devstack calls it) -----------------------------------

function _harness_osc {
    openstack --os-cloud devstack-system-admin "$@"
}

# get_or_create_user name password domain [email]: prints the user's id.
function get_or_create_user {
    local email=()
    if [[ -n "${4:-}" ]]; then
        email=(--email "$4")
    fi
    _harness_osc user create "$1" --password "$2" --domain "$3" "${email[@]}" --or-show -f value -c id
}

# get_or_create_project name domain
function get_or_create_project {
    _harness_osc project create "$1" --domain "$2" --or-show -f value -c id
}

# get_or_create_role name
function get_or_create_role {
    _harness_osc role create "$1" --or-show -f value -c id
}

# get_or_add_user_project_role role user project [user_domain] [project_domain]: grants the role
# unless the assignment exists; prints the role's id (as the assignment list shows it).
function get_or_add_user_project_role {
    local scope=(--user "$2" --project "$3")
    if [[ -n "${4:-}" ]]; then scope+=(--user-domain "$4"); fi
    if [[ -n "${5:-}" ]]; then scope+=(--project-domain "$5"); fi
    local role_id
    role_id=$(_harness_osc role assignment list --role "$1" "${scope[@]}" -f value -c Role)
    if [[ -z "$role_id" ]]; then
        _harness_osc role add "$1" "${scope[@]}"
        role_id=$(_harness_osc role assignment list --role "$1" "${scope[@]}" -f value -c Role)
    fi
    echo "$role_id"
}

# create_service_user name [role]: the user in $SERVICE_DOMAIN_NAME with $SERVICE_PASSWORD, the
# role `service` on $SERVICE_PROJECT_NAME, and the optional extra role there too.
function create_service_user {
    get_or_create_user "$1" "$SERVICE_PASSWORD" "$SERVICE_DOMAIN_NAME" >/dev/null
    get_or_add_user_project_role service "$1" "$SERVICE_PROJECT_NAME" \
        "$SERVICE_DOMAIN_NAME" "$SERVICE_DOMAIN_NAME" >/dev/null
    if [[ -n "${2:-}" ]]; then
        get_or_add_user_project_role "$2" "$1" "$SERVICE_PROJECT_NAME" \
            "$SERVICE_DOMAIN_NAME" "$SERVICE_DOMAIN_NAME" >/dev/null
    fi
}

# get_or_create_service name type description: looked up by type first; prints its id.
function get_or_create_service {
    local id
    id=$(_harness_osc service show "$2" -f value -c id 2>/dev/null) || id=
    if [[ -z "$id" ]]; then
        id=$(_harness_osc service create "$2" --name "$1" --description "$3" -f value -c id)
    fi
    echo "$id"
}

# get_or_create_endpoint service region public_url [admin_url] [internal_url]: for each interface
# given, the existing endpoint of that service, interface and region, else a new one. An existing
# URL is never changed. Prints the public endpoint's id.
function get_or_create_endpoint {
    local service=$1 region=$2
    local -A urls=([public]=$3 [admin]=${4:-} [internal]=${5:-})
    local existing interface id public_id=
    existing=$(_harness_osc endpoint list --service "$service" --region "$region" -f value -c ID -c Interface)
    for interface in public admin internal; do
        [[ -n "${urls[$interface]}" ]] || continue
        id=$(awk -v i="$interface" '$2 == i { print $1; exit }' <<< "$existing")
        if [[ -z "$id" ]]; then
            id=$(_harness_osc endpoint create --region "$region" "$service" "$interface" \
                "${urls[$interface]}" -f value -c id)
        fi
        [[ "$interface" == public ]] && public_id=$id
    done
    echo "$public_id"
}

# configure_keystone_authtoken_middleware conf user [section] [service_type]: the keys devstack
# writes (lib/keystone, through configure_keystoneauth).
function configure_keystone_authtoken_middleware {
    local conf=$1 user=$2 section=${3:-keystone_authtoken} service_type=${4:-}
    iniset "$conf" "$section" auth_type password
    iniset "$conf" "$section" interface public
    iniset "$conf" "$section" auth_url "$KEYSTONE_SERVICE_URI"
    iniset "$conf" "$section" username "$user"
    iniset "$conf" "$section" password "$SERVICE_PASSWORD"
    iniset "$conf" "$section" user_domain_name "$SERVICE_DOMAIN_NAME"
    iniset "$conf" "$section" project_name "$SERVICE_PROJECT_NAME"
    iniset "$conf" "$section" project_domain_name "$SERVICE_DOMAIN_NAME"
    iniset "$conf" "$section" cafile "$SSL_BUNDLE_FILE"
    iniset "$conf" "$section" memcached_servers "$MEMCACHE_SERVERS"
    iniset "$conf" "$section" www_authenticate_uri "$KEYSTONE_SERVICE_URI"
    if [[ -n "$service_type" ]]; then
        iniset "$conf" "$section" service_type "$service_type"
    fi
}

# configure_auth_token_middleware: devstack's deprecated spelling.
function configure_auth_token_middleware {
    warn $LINENO "configure_auth_token_middleware is deprecated, use configure_keystone_authtoken_middleware"
    configure_keystone_authtoken_middleware "$1" "$2" "${4:-}"
}

# --- databases (the real mysql client) ---------------------------------------------------------

function _harness_mysql {
    mysql --no-defaults --protocol=TCP -h "$DATABASE_HOST" -P "$DATABASE_PORT" \
        -u "$DATABASE_USER" ${DATABASE_PASSWORD:+"-p$DATABASE_PASSWORD"} "$@"
}

# database_connection_url db: the SQLAlchemy URL devstack gives services.
function database_connection_url {
    local plugin=""
    if [[ "$(trueorfalse True MYSQL_GATHER_PERFORMANCE)" == "True" ]] && is_service_enabled mysql; then
        plugin="&plugin=dbcounter"
    fi
    echo "$BASE_SQL_CONN/$1?charset=utf8$plugin"
}

# recreate_database db [charset]: drop, then create with devstack's character set (the second
# argument is ignored, as in devstack).
function recreate_database {
    _harness_mysql -e "DROP DATABASE IF EXISTS \`$1\`; CREATE DATABASE \`$1\` CHARACTER SET utf8;"
}

# --- processes ---------------------------------------------------------------------------------

function _harness_unit {
    echo "$SYSTEMD_DIR/devstack@$1.service"
}

function _harness_wants {
    echo "$SYSTEMD_DIR/multi-user.target.wants/devstack@$1.service"
}

function _harness_pid_alive {
    [[ -n "${1:-}" ]] && kill -0 "$1" 2>/dev/null
}

# _harness_start_unit name: runs the unit's ExecStart as its User, with its Environment, in a new
# session; stdout and stderr go to $LOGDIR/<name>.log (devstack: the journal).
function _harness_start_unit {
    local name=$1 unit pidf
    unit=$(_harness_unit "$name")
    pidf=$HARNESS_RUN_DIR/devstack@$name.pid
    mkdir -p "$HARNESS_RUN_DIR" "$LOGDIR"
    if [[ -f "$pidf" ]] && _harness_pid_alive "$(cat "$pidf")"; then
        return 0
    fi
    local exec_start user group env_line home
    exec_start=$(iniget "$unit" Service ExecStart)
    user=$(iniget "$unit" Service User)
    group=$(iniget "$unit" Service Group)
    [[ -n "$exec_start" ]] || die $LINENO "$unit has no ExecStart"
    local -a argv env=() launch=()
    read -r -a argv <<< "$exec_start"
    while IFS= read -r env_line; do
        env_line=${env_line#\"}
        env+=("${env_line%\"}")
    done < <(iniget "$unit" Service Environment)
    home=$(getent passwd "$user" | cut -d: -f6)
    if [[ "$user" != "$(id -un)" ]]; then
        launch=(setpriv --reuid="$user" --regid="${group:-$(id -g "$user")}" --init-groups)
    fi
    setsid "${launch[@]}" env -i "HOME=$home" "USER=$user" "LOGNAME=$user" "LANG=C.UTF-8" \
        "${env[@]}" "${argv[@]}" </dev/null >>"$LOGDIR/$name.log" 2>&1 &
    echo $! > "$pidf"
}

# run_process name "command" [group] [user] [env]: only for an enabled service; the command must
# be an absolute path without sudo. Writes devstack@<name>.service, enables and starts it.
function run_process {
    local name=$1 command=$2 group=${3:-} user=${4:-$STACK_USER} env_vars=${5:-}
    is_service_enabled "$name" || return 0
    [[ "$command" == /* ]] || die $LINENO "run_process $name: the command must be an absolute path: $command"
    [[ "$command" != *sudo* ]] || die $LINENO "run_process $name: the command must not use sudo: $command"
    local unit wants
    unit=$(_harness_unit "$name")
    wants=$(_harness_wants "$name")
    mkdir -p "$SYSTEMD_DIR" "$(dirname "$wants")"
    rm -f "$unit"
    iniset "$unit" Unit Description "Devstack devstack@$name.service"
    local -a env=("\"PATH=$PATH\"")
    local var
    for var in $env_vars; do
        env+=("\"$var\"")
    done
    iniset_multiline "$unit" Service Environment "${env[@]}"
    iniset "$unit" Service User "$user"
    if [[ -n "$group" ]]; then
        iniset "$unit" Service Group "$group"
    fi
    iniset "$unit" Service ExecStart "$command"
    iniset "$unit" Service KillMode process
    iniset "$unit" Service TimeoutStopSec 300
    iniset "$unit" Service ExecReload "$KILL_PATH -HUP \$MAINPID"
    iniset "$unit" Install WantedBy multi-user.target
    ln -sf "$unit" "$wants"
    _harness_start_unit "$name"
}

# stop_process name: only for an enabled unit: SIGTERM to its main process (KillMode=process),
# SIGKILL after a while, then disable it.
function stop_process {
    local name=$1 wants pidf pid
    echo "Stopping $name"
    wants=$(_harness_wants "$name")
    [[ -L "$wants" ]] || return 0
    pidf=$HARNESS_RUN_DIR/devstack@$name.pid
    pid=$(cat "$pidf" 2>/dev/null || true)
    if _harness_pid_alive "$pid"; then
        kill -TERM "$pid"
        for _ in $(seq 300); do
            _harness_pid_alive "$pid" || break
            sleep 0.1
        done
        if _harness_pid_alive "$pid"; then
            kill -KILL "$pid" 2>/dev/null || true
        fi
    fi
    rm -f "$pidf" "$wants"
}

# wait_for_service timeout url: until the URL answers with anything but 503 or no connection.
function wait_for_service {
    local timeout=$1 url=$2 code deadline
    deadline=$((SECONDS + timeout))
    while true; do
        code=$(curl -g -k --noproxy '*' -s -o /dev/null -w '%{http_code}' "$url") || true
        if [[ "$code" != 000 && "$code" != 503 ]]; then
            return 0
        fi
        ((SECONDS < deadline)) || return 1
        sleep 0.5
    done
}

# --- the rest of what devstack plugins commonly call -------------------------------------------

# git_clone repo dir [branch]: offline, the directory must already be there.
function git_clone {
    [[ -d "$2" ]] || die $LINENO "git_clone $1: $2 does not exist (no network here)"
}

# Python installs are recorded in $HARNESS_RUN_DIR/pip.log, one call per line, not run (no
# network here): setup_develop dir, pip_install args, pip_install_gr name.
function _harness_pip_record {
    mkdir -p "$HARNESS_RUN_DIR"
    echo "$*" >> "$HARNESS_RUN_DIR/pip.log"
}

function setup_develop {
    [[ -d "$1" ]] || die $LINENO "setup_develop: $1 is not a directory"
    _harness_pip_record setup_develop "$@"
}

function pip_install {
    _harness_pip_record pip_install "$@"
}

function pip_install_gr {
    _harness_pip_record pip_install_gr "$@"
}

# use_library_from_git name: true when LIBS_FROM_GIT names it (or is ALL).
function use_library_from_git {
    [[ ",${LIBS_FROM_GIT:-}," == *",$1,"* || "${LIBS_FROM_GIT:-}" == ALL ]]
}

# --- lib/tls -------------------------------------------------------------------------------------

# _harness_devstack_cert: devstack's certificate ($DEVSTACK_CERT: key and certificate in one
# PEM, for 127.0.0.1 and localhost) and the CA bundle that trusts it ($SSL_BUNDLE_FILE).
function _harness_devstack_cert {
    [[ -s "$DEVSTACK_CERT" ]] && return 0
    mkdir -p "$(dirname "$DEVSTACK_CERT")" "$(dirname "$SSL_BUNDLE_FILE")"
    local dir
    dir=$(mktemp -d)
    openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=devstack" \
        -addext "subjectAltName=IP:127.0.0.1,DNS:localhost" \
        -keyout "$dir/key.pem" -out "$dir/cert.pem" 2>/dev/null || die $LINENO "openssl req failed"
    cat "$dir/key.pem" "$dir/cert.pem" > "$DEVSTACK_CERT"
    cp "$dir/cert.pem" "$SSL_BUNDLE_FILE"
    rm -rf "$dir"
}

# start_tls_proxy service front-host front-port back-host back-port: HTTPS on the front port,
# passed to the back end with X-Forwarded-Proto (tls_proxy.py, in place of devstack's Apache
# site <service>-tls-proxy); its log in $LOGDIR/<service>-tls-proxy.log.
function start_tls_proxy {
    local name="$1-tls-proxy"
    _harness_devstack_cert
    stop_tls_proxy "$1"
    mkdir -p "$HARNESS_RUN_DIR" "$LOGDIR"
    setsid /usr/bin/python3 "$HARNESS_DIR/tls_proxy.py" "$DEVSTACK_CERT" "$2" "$3" "$4" "$5" \
        >> "$LOGDIR/$name.log" 2>&1 < /dev/null &
    echo $! > "$HARNESS_RUN_DIR/$name.pid"
}

# stop_tls_proxy service
function stop_tls_proxy {
    local pidf=$HARNESS_RUN_DIR/$1-tls-proxy.pid pid
    pid=$(cat "$pidf" 2>/dev/null || true)
    if _harness_pid_alive "$pid"; then
        kill -TERM "$pid"
        for _ in $(seq 50); do
            _harness_pid_alive "$pid" || break
            sleep 0.1
        done
    fi
    rm -f "$pidf"
}

function is_ubuntu {
    return 0   # os_PACKAGE=deb: devstack says yes on Debian too
}

function is_fedora {
    return 1
}

function is_package_installed {
    local pkg
    for pkg in "$@"; do
        [[ "$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null)" == "install ok installed" ]] || return 1
    done
}

function install_package {
    is_package_installed "$@" && return 0
    sudo DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "$@"
}
