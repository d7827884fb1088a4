#!/usr/bin/env bash
# clang-tidy with the checks of .clang-tidy over the product's sources (not tests, benches or
# fuzz targets), using the compile commands of a build. Fails on any finding.
# Usage: scripts/tidy.sh [BUILD_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
[ -f "$build/compile_commands.json" ] || { echo "tidy: no $build/compile_commands.json" >&2; exit 2; }
# RapidJSON 1.1's member iterators predate C++20's reversed comparison operators: clang warns
# on every `it != obj.MemberEnd()`, which is the library's, not ours.
git ls-files '*.cc' | grep -vE '^(tests|bench|fuzz)/' |
  xargs -P "$(nproc)" -n 4 clang-tidy -p "$build" --quiet \
    --extra-arg=-Wno-ambiguous-reversed-operator 2> >(grep -v "warnings generated" >&2)
echo "tidy: clean"
