#!/usr/bin/env bash
# Installs the Debian 12 packages this project builds and tests with.
# Usage: scripts/install-deps.sh [build] [services] [cli] [agent] [peer] [cinder] [deploy] [bench]
#        [demo] [dashboard] [sanitize] [lint] [profile]
#        (no args: build)
#        scripts/install-deps.sh --list <group>...: prints the groups' packages, installs nothing
#        (what devstack's files/debs list is checked against).
# Fast path: when every package is already installed, apt is never called.
set -euo pipefail

list_only=0
if [ "${1:-}" = --list ]; then list_only=1; shift; fi
groups=("$@")
[ ${#groups[@]} -eq 0 ] && groups=(build)

pkgs=()
for group in "${groups[@]}"; do
  case "$group" in
    build)
      pkgs+=(build-essential cmake ninja-build pkg-config
             libpistache-dev libsoci-dev rapidjson-dev libssl-dev libsqlite3-dev sqlite3
             libmariadb-dev libcurl4-openssl-dev libspdlog-dev libcli11-dev
             libyaml-cpp-dev uuid-dev libboost-dev libgtest-dev libgmock-dev libzookeeper-mt-dev
             libsystemd-dev libmemcached-dev curl) ;;
      # libsystemd-dev: sd_journal_send, oslo.log's use_journal
      # libmemcached-dev: keystone_authtoken memcached_servers, the token cache API instances share
      # libboost-dev: SOCI 4.0's headers include boost (its soci-config.h defines SOCI_HAVE_BOOST)
    services)
      # galera-4 and rsync: the 3-node Galera cluster of the scale-out tests (rsync SST);
      # zookeeper (the server's jars, with a Java runtime): their 3-node ZooKeeper ensemble.
      pkgs+=(mariadb-server mariadb-client galera-4 rsync zookeeper keystone uwsgi-core
             uwsgi-plugin-python3 jq curl openssl socat memcached) ;;
    cli)
      pkgs+=(python3-freezerclient) ;;
    agent)
      # Debian's freezer-agent runs the scheduler's actions; its freezer-scheduler 13.0.0 is
      # the upstream scheduler the API is tested against.
      pkgs+=(python3-freezer freezer-scheduler) ;;
    peer)
      # Debian's Python freezer-api 13.0.0: the reference API the scheduler is tested against.
      pkgs+=(freezer-api python3-freezer-api) ;;
    cinder)
      # A real Cinder for service mode's tests (tests/services/cinder.sh): the NFS driver over a
      # local folder (nfs-common only for its mount.nfs probe), the posix backup driver, and
      # dmidecode, without which os-brick fails on machines with no DMI data.
      pkgs+=(cinder-api cinder-scheduler cinder-volume cinder-backup rabbitmq-server nfs-common dmidecode) ;;
    deploy)
      # Deployment checks: release-note lint, unit verification (systemd-analyze), shell lint,
      # clean Debian roots for the package and the Ansible role (mmdebstrap).
      pkgs+=(python3-reno systemd shellcheck mmdebstrap sudo ansible) ;;
    bench)
      # wrk: the load generator of make bench (and of its smoke test); python3-pymysql: how
      # make bench-cloud fills MariaDB.
      pkgs+=(wrk python3-pymysql) ;;
    demo)
      # make demo: Keystone, Horizon with the Freezer panels, under uwsgi (the agent is `agent`).
      pkgs+=(keystone uwsgi-core uwsgi-plugin-python3 jq curl openssl
             openstack-dashboard python3-freezer-web-ui) ;;
    dashboard)
      # The browser tests of the dashboard: headless Chromium driven through WebDriver.
      pkgs+=(chromium chromium-driver python3-selenium) ;;
    sanitize)
      pkgs+=(clang libclang-rt-14-dev) ;;  # ASan/UBSan and libFuzzer (make sanitize-test, fuzz)
    lint)
      pkgs+=(clang-format clang-tidy) ;;  # make format-check and make tidy (clang 14's)
    profile)
      pkgs+=(linux-perf) ;;  # perf, for the profiles that guide the hot path
    *) echo "install-deps: unknown group '$group'" >&2; exit 2 ;;
  esac
done

if [ "$list_only" -eq 1 ]; then printf '%s\n' "${pkgs[@]}"; exit 0; fi

missing=()
for p in "${pkgs[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [ "$status" = "install ok installed" ] || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
  echo "install-deps: missing packages (${missing[*]}); run as root or install them" >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
# Keep package postinst scripts from starting system MariaDB/Keystone on their default ports:
# tests start their own instances on private ports.
temporary_policy=0
if [ ! -e /usr/sbin/policy-rc.d ]; then
  printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d
  chmod +x /usr/sbin/policy-rc.d
  temporary_policy=1
fi
trap '[ $temporary_policy = 1 ] && rm -f /usr/sbin/policy-rc.d' EXIT

echo "install-deps: installing ${missing[*]}"
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}"
