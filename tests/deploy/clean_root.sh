#!/usr/bin/env bash
# A clean Debian 12 root (mmdebstrap --variant=apt) for the deployment tests of a freezer-cpp
# package, made in DEST (an empty or absent directory): what the package depends on, and what
# deployments bring next to it (python3 and python3-apt for Ansible's modules, the freezer-agent
# of python3-freezer, PyMySQL, CA certificates, curl, systemd). freezer-cpp itself is not
# installed: the tests install it. Packages come from the archive the host uses, and apt's
# lists are kept so that more can be installed there without downloading them again.
#
# Making a root takes minutes (downloads, then dpkg); the result is kept as a tarball named by
# what went into it (the package list, the archive's sources, mmdebstrap's version) in
# $FREEZER_ROOT_CACHE (default /var/cache/freezer-cpp/test-roots), for FREEZER_ROOT_CACHE_DAYS
# (7) days. A cached root is unpacked in seconds; FREEZER_ROOT_CACHE= (empty) turns the cache
# off. Tests get the same clean root either way: nothing runs in a cached root before it is
# unpacked.
# Usage: clean_root.sh DEST FREEZER_CPP_DEB
set -euo pipefail
export PATH=/usr/bin:/usr/sbin:/bin:/sbin:$PATH
dest=$1 deb=$2
depends=$(dpkg-deb -f "$deb" Pre-Depends Depends | sed 's/^[A-Za-z-]*: //' | tr ',' '\n' |
          sed 's/|.*//; s/(.*)//; s/ //g' | grep -v '^$')
# shellcheck disable=SC2086  # one package a word
packages=$(printf '%s\n' curl systemd python3 python3-apt ca-certificates python3-freezer \
             python3-pymysql $depends | sort -u | paste -sd, -)
sources=/etc/apt/sources.list.d/debian.sources
[ -f "$sources" ] || sources=http://deb.debian.org/debian
cache=${FREEZER_ROOT_CACHE-/var/cache/freezer-cpp/test-roots}
started=$SECONDS

make_root() {  # make_root <target: a directory or a .tar>
  mmdebstrap --quiet --mode=root --variant=apt --include="$packages" \
    --skip=cleanup/apt/lists bookworm "$1" "$sources"
}

mkdir -p "$dest"
if [ -z "$cache" ]; then
  make_root "$dest"
  echo "clean root made in $((SECONDS - started)) s (no cache)"
  exit 0
fi

key=$( { echo bookworm "$packages"; [ -f "$sources" ] && cat "$sources" || echo "$sources"
         mmdebstrap --version; } | sha256sum | cut -c1-16)
tarball=$cache/bookworm-$key.tar
mkdir -p "$cache"
exec 9> "$tarball.lock"
flock 9   # another test making the same root: wait for it, then use it
if [ -f "$tarball" ] && [ -z "$(find "$tarball" -mtime +"${FREEZER_ROOT_CACHE_DAYS:-7}")" ]; then
  how="from the cache ($tarball)"
else
  rm -f "$tarball"
  make_root "$tarball.partial.tar"
  mv "$tarball.partial.tar" "$tarball"
  how="made and cached ($tarball)"
fi
flock -u 9
tar -C "$dest" --numeric-owner -xpf "$tarball"
echo "clean root $how in $((SECONDS - started)) s"
