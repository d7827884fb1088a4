#!/usr/bin/env bash
# Runs every fuzz target of a FREEZER_FUZZ build for a bounded time: first over the committed
# regression inputs (fuzz/regressions/<name>, every past finding), then fuzzing from the seed
# corpus (fuzz/corpus/<name>). Targets run side by side, one per core (each fuzzes on one
# thread). A finding is written to <build>/fuzz-findings and fails the run.
# Usage: fuzz/run.sh BUILD_DIR [SECONDS_PER_TARGET]
set -euo pipefail
build=$1
seconds=${2:-60}
here=$(cd "$(dirname "$0")" && pwd)
findings=$build/fuzz-findings
mkdir -p "$findings"

fuzz_one() {  # fuzz_one <target binary>: prints one line; non-zero on a finding
  local target=$1 name work log regressions
  name=$(basename "$target" _fuzz)
  regressions=("$here/regressions/$name"/*)
  if [ -e "${regressions[0]}" ] && ! "$target" "${regressions[@]}" >/dev/null 2>&1; then
    echo "fuzz: $name fails a regression input"
    return 1
  fi
  work=$build/fuzz-corpus/$name
  mkdir -p "$work"
  log=$build/fuzz-$name.log
  if "$target" "$work" "$here/corpus/$name" -max_total_time="$seconds" -timeout=10 \
       -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 \
       -artifact_prefix="$findings/$name-" >"$log" 2>&1; then
    echo "fuzz: $name: $(grep -m1 -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$') runs in ${seconds}s, no finding"
  else
    echo "fuzz: $name: FINDING (see $log and $findings)"
    tail -30 "$log"
    return 1
  fi
}
export -f fuzz_one
export build seconds here findings
printf '%s\n' "$build"/fuzz/*_fuzz | xargs -P "$(nproc)" -I{} bash -c 'fuzz_one "$1"' _ {}
