#!/usr/bin/env bash
# The sample files in etc/ are what the binaries print from their option and policy tables
# (regenerate them with `make samples`).
# Usage: samples_fresh.sh <source dir> <freezer-api> <freezer-scheduler> <freezer-api-policy-sample>
set -euo pipefail
src=$1 api=$2 sched=$3 policy=$4
. "$(dirname "$0")/../support/lib.sh"
new_work_dir samples
"$api" --print-config-sample > "$work/freezer-api.conf.sample"
env -i HOME=/var/lib/freezer "$sched" --print-config-sample > "$work/scheduler.conf.sample"
"$policy" > "$work/policy.yaml.sample"
stale=0
for f in freezer-api.conf.sample scheduler.conf.sample policy.yaml.sample; do
  if ! diff -u "$src/etc/$f" "$work/$f" > "$work/$f.diff"; then
    echo "etc/$f is stale: run 'make samples'" >&2
    head -40 "$work/$f.diff" >&2
    stale=1
  fi
done
[ "$stale" = 0 ] && echo "samples are fresh"
exit "$stale"
