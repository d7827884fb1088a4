#!/usr/bin/env bash
# Runs the unit and API suites (SQLite) of a sanitizer build (make sanitize-test): any
# AddressSanitizer or UndefinedBehaviorSanitizer report aborts the test binary and fails.
# Usage: scripts/sanitize-test.sh BUILD_DIR
set -euo pipefail
build=$1
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:strict_string_checks=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
for binary in tests/unit_tests tests/scheduler_unit_tests policy/policy_tests tests/api_tests \
              tests/api_wire_tests; do
  started=$(date +%s)
  (cd "$build" && "./$binary" --gtest_brief=1) || { echo "sanitize-test: $binary failed"; exit 1; }
  echo "sanitize-test: $binary clean in $(( $(date +%s) - started )) s"
done
