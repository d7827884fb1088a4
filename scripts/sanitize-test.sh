#!/usr/bin/env bash
# Runs the unit and API suites (SQLite) of a sanitizer build (make sanitize-test): any
# AddressSanitizer or UndefinedBehaviorSanitizer report aborts the test binary and fails.
# Each suite runs in one shard per core (GoogleTest's sharding; CTest already runs every test
# in a process of its own, side by side, so the tests do not share state).
# Usage: scripts/sanitize-test.sh BUILD_DIR
set -euo pipefail
build=$1
shards=$(nproc)
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:strict_string_checks=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
for binary in tests/unit_tests tests/scheduler_unit_tests policy/policy_tests tests/api_tests \
              tests/api_wire_tests; do
  started=$(date +%s)
  pids=()
  for shard in $(seq 0 $((shards - 1))); do
    (cd "$build" && GTEST_TOTAL_SHARDS=$shards GTEST_SHARD_INDEX=$shard "./$binary" --gtest_brief=1) &
    pids+=($!)
  done
  failed=0
  for pid in "${pids[@]}"; do wait "$pid" || failed=1; done
  [ "$failed" = 0 ] || { echo "sanitize-test: $binary failed"; exit 1; }
  echo "sanitize-test: $binary clean in $(( $(date +%s) - started )) s ($shards shards)"
done
