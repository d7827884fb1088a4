#!/usr/bin/env bash
# Runs a command and records how long it took: "NAME SECONDS [FAILED]" is appended to the file
# named by $FREEZER_STEP_TIMES (when set), which .ci/run prints as its time summary.
# Usage: scripts/timed.sh NAME COMMAND [ARGS...]
set -uo pipefail
name=$1; shift
started=$SECONDS
"$@"
status=$?
if [ -n "${FREEZER_STEP_TIMES:-}" ]; then
  printf '%-26s %5d s%s\n' "$name" $(( SECONDS - started )) \
    "$([ $status = 0 ] || echo "  FAILED ($status)")" >> "$FREEZER_STEP_TIMES"
fi
exit $status
