#!/usr/bin/env bash
# clang-tidy with the checks of .clang-tidy over the product's sources (not tests, benches or
# fuzz targets). Fails on any finding. The build compiles files in unity batches, so this
# configures a compile database of each file on its own (BUILD_DIR/tidy, never built): every
# file is also checked to parse by itself, with the includes it names.
# Usage: scripts/tidy.sh [BUILD_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
db=$build/tidy
cmake -S . -B "$db" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DFREEZER_UNITY_BUILD=OFF \
  -DCMAKE_EXPORT_COMPILE_COMMANDS=ON >/dev/null
[ -f "$db/compile_commands.json" ] || { echo "tidy: no $db/compile_commands.json" >&2; exit 2; }
# RapidJSON 1.1's member iterators predate C++20's reversed comparison operators: clang warns
# on every `it != obj.MemberEnd()`, which is the library's, not ours. The database is GCC's:
# clang does not know GCC's own warning options (-Wno-stringop-overflow).
git ls-files '*.cc' | grep -vE '^(tests|bench|fuzz)/' |
  xargs -P "$(nproc)" -n 4 clang-tidy -p "$db" --quiet \
    --extra-arg=-Wno-ambiguous-reversed-operator --extra-arg=-Wno-unknown-warning-option 2> >(grep -v "warnings generated" >&2)
echo "tidy: clean"
