#!/usr/bin/env bash
# The Debian package installs into a clean Debian 12 root (mmdebstrap, dependencies from the
# archive the host uses) and works there: its metadata, files and diversion, the binaries, a
# db sync as the freezer user, the API started and stopped by its LSB init script and answering
# on loopback, systemd accepting both units, and purge.
# Usage: package_install.sh <freezer-cpp .deb>
set -euo pipefail
export PATH=/usr/bin:/usr/sbin:/bin:/sbin:$PATH
deb=$(readlink -f "$1")
PORT=29096
. "$(dirname "$0")/../support/lib.sh"
new_work_dir pkgroot
root=$work/root
mkdir "$root"
passed=0 failed=0
leave_root() {
  umount -l "$root/proc" 2>/dev/null || true
  # Anything still running from the root (the API, if a check failed midway).
  for p in /proc/[0-9]*; do
    [ "$(readlink "$p/root" 2>/dev/null)" = "$root" ] && kill -9 "${p#/proc/}" 2>/dev/null
  done
  return 0
}
at_exit leave_root
ok() { echo "ok: $*"; passed=$((passed + 1)); }
bad() { echo "FAIL: $*" >&2; failed=$((failed + 1)); }
check() {  # check <description> <command...>
  local what=$1; shift
  if "$@" > "$root.out" 2>&1; then ok "$what"; else bad "$what: $(tail -5 "$root.out")"; fi
}
in_root() { chroot "$root" "$@"; }

# 1. Metadata.
fields=$(dpkg-deb -f "$deb" Package Conflicts Replaces Provides Depends)
for want in "Package: freezer-cpp" "Conflicts: freezer-api, python3-freezer-api, freezer-scheduler" \
            "Provides: freezer-api, freezer-scheduler" "libsoci-mysql4.0"; do
  grep -F "$want" <<<"$fields" >/dev/null && ok "control has '$want'" || bad "control lacks '$want'"
done
conffiles=$(dpkg-deb --ctrl-tarfile "$deb" | tar -xO ./conffiles)
for f in /etc/freezer/freezer-api.conf /etc/freezer/scheduler.conf /etc/init.d/freezer-api; do
  grep -x "$f" <<<"$conffiles" >/dev/null && ok "conffile $f" || bad "$f is not a conffile"
done

# 2. A clean bookworm root holding what the package depends on (from the archive; cached,
#    tests/deploy/clean_root.sh), then the package installed by apt.
"$(dirname "$0")/clean_root.sh" "$root" "$deb" > "$root.log" 2>&1 \
  || { tail -20 "$root.log" >&2; echo "FAIL: no clean root"; exit 1; }
cat "$root.log"
cp "$deb" "$root/tmp/"
if ! chroot "$root" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
     "/tmp/$(basename "$deb")" >> "$root.log" 2>&1; then
  tail -20 "$root.log" >&2
  echo "FAIL: the package did not install into a clean root"; exit 1
fi
ok "installed into a clean Debian 12 root with its dependencies"
# As on a booted host, /proc is there (start-stop-daemon matches processes through it).
mount -t proc proc "$root/proc"

# 3. Files, user, diversion.
for f in /usr/bin/freezer-api /usr/bin/freezer-manage /usr/bin/freezer-manager-status /usr/bin/freezer-scheduler \
         /usr/bin/freezer-api-policy-sample /lib/systemd/system/freezer-api.service \
         /lib/systemd/system/freezer-scheduler.service /etc/init.d/freezer-api \
         /etc/init.d/freezer-scheduler /usr/lib/sysusers.d/freezer-cpp.conf \
         /usr/lib/tmpfiles.d/freezer-cpp.conf /usr/share/doc/freezer-cpp/examples/policy.yaml.sample; do
  [ -e "$root$f" ] && ok "ships $f" || bad "missing $f"
done
check "user freezer exists" in_root id freezer
[ "$(in_root stat -c %U:%G:%a /etc/freezer/freezer-api.conf)" = root:freezer:640 ] \
  && ok "freezer-api.conf is root:freezer 0640" || bad "freezer-api.conf mode: $(in_root stat -c %U:%G:%a /etc/freezer/freezer-api.conf)"
in_root dpkg-divert --list | grep "freezer-scheduler.python3-freezer by freezer-cpp" >/dev/null \
  && ok "python3-freezer's freezer-scheduler is diverted" || bad "no diversion"

# 4. The binaries run.
for b in freezer-api freezer-manage freezer-scheduler; do
  v=$(in_root "$b" --version 2>&1) && grep "^$b [0-9]" <<<"$v" >/dev/null && ok "$v" || bad "$b --version: $v"
done
in_root freezer-api-policy-sample | grep '"jobs:get_all"' >/dev/null && ok "policy sample prints" || bad "policy sample"

# 5. db sync as the service user, then the API through its init script.
cat > "$root/etc/freezer/freezer-api.conf" <<CONF
[DEFAULT]
bind_host = 127.0.0.1
bind_port = $PORT
log_file = /var/log/freezer/freezer-api.log
[api]
auth_strategy = noauth
[database]
connection = sqlite:////var/lib/freezer/freezer.db
CONF
check "db sync as user freezer" in_root runuser -u freezer -- freezer-manage \
  --config-file /etc/freezer/freezer-api.conf db sync
check "init script starts the API" in_root /etc/init.d/freezer-api start
for _ in $(seq 50); do curl -s -o /dev/null "http://127.0.0.1:$PORT/healthcheck" && break; sleep 0.1; done
[ "$(curl -s "http://127.0.0.1:$PORT/healthcheck")" = OK ] && ok "the packaged API answers /healthcheck" \
  || bad "no /healthcheck answer: $(tail -5 "$root/var/log/freezer/freezer-api.log" 2>/dev/null)"
code=$(curl -s -o /dev/null -w '%{http_code}' -H 'X-Project-Id: p1' -H 'X-User-Id: u1' -H 'X-Roles: member' \
  "http://127.0.0.1:$PORT/v2/p1/jobs")
[ "$code" = 200 ] && ok "it lists jobs (HTTP 200)" || bad "GET jobs: HTTP $code"
owner=$(ps -o user= -p "$(cat "$root/run/freezer/freezer-api.pid")" 2>/dev/null | tr -d ' ')
[ -n "$owner" ] && [ "$owner" != root ] && ok "the API runs as an unprivileged user" || bad "API owner '$owner'"
check "init script reports it running" in_root /etc/init.d/freezer-api status

# The scheduler through its init script, with the packaged config plus the API's address: it
# registers its client and keeps the pid file the script watches.
cat >> "$root/etc/freezer/scheduler.conf" <<CONF
[scheduler]
client_id = package-node
interval = 2
[capabilities]
supported_modes = fs
[service_auth]
auth_type = none
os_backup_url = http://127.0.0.1:$PORT
os_project_id = p1
os_auth_url = http://127.0.0.1:1/v3
CONF
check "init script starts the scheduler" in_root /etc/init.d/freezer-scheduler start
registered=no
for _ in $(seq 40); do
  curl -s -H 'X-Project-Id: p1' -H 'X-User-Id: u1' -H 'X-Roles: member' \
    "http://127.0.0.1:$PORT/v2/p1/clients/package-node" | grep '"package-node"' >/dev/null && { registered=yes; break; }
  sleep 0.25
done
[ "$registered" = yes ] && ok "the packaged scheduler registered its client" \
  || bad "no client registered: $(tail -5 "$root/var/log/freezer/freezer-scheduler.log" "$root/var/log/freezer/freezer-scheduler.console.log" 2>/dev/null)"
check "scheduler init script reports it running" in_root /etc/init.d/freezer-scheduler status
check "scheduler init script stops it" in_root /etc/init.d/freezer-scheduler stop
# A start that cannot succeed is reported as a failure (here: an unreadable configuration).
chmod 000 "$root/etc/freezer/scheduler.conf"
if in_root /etc/init.d/freezer-scheduler start > "$root.out" 2>&1; then
  bad "a scheduler that exits at once was reported started"
  in_root /etc/init.d/freezer-scheduler stop >/dev/null 2>&1 || true
else
  ok "a scheduler that exits at once is a failed start"
fi
chmod 640 "$root/etc/freezer/scheduler.conf"
check "init script stops it" in_root /etc/init.d/freezer-api stop
curl -s -o /dev/null "http://127.0.0.1:$PORT/healthcheck" && bad "still answering after stop" || ok "stopped"

# 6. systemd accepts the units where the binaries are (it exits 1 on errors, 0 on warnings: any
#    line naming the units is a failure too).
if out=$(in_root systemd-analyze verify /lib/systemd/system/freezer-api.service \
         /lib/systemd/system/freezer-scheduler.service 2>&1) && ! grep freezer <<<"$out" >/dev/null; then
  ok "systemd-analyze verify accepts both units"
else
  bad "systemd-analyze verify: $out"
fi
exposure=$(in_root systemd-analyze security --offline=yes /lib/systemd/system/freezer-api.service 2>&1 \
  | sed -n 's/.*Overall exposure level for freezer-api.service: \([0-9.]*\).*/\1/p')
awk -v e="${exposure:-99}" 'BEGIN { exit !(e <= 3.0) }' && ok "freezer-api.service exposure $exposure (<= 3.0)" \
  || bad "freezer-api.service exposure '$exposure'"

# 7. Purge: binaries and diversion gone, the database kept.
check "purge" in_root env DEBIAN_FRONTEND=noninteractive apt-get purge -y -q freezer-cpp
[ ! -e "$root/usr/bin/freezer-api" ] && ok "binaries removed" || bad "binaries left"
in_root dpkg-divert --list | grep freezer-cpp >/dev/null && bad "diversion left" || ok "diversion removed"
[ -f "$root/var/lib/freezer/freezer.db" ] && ok "the database is kept on purge" || bad "the database was deleted"

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
