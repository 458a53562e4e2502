#!/usr/bin/env bash
# CI step (weekly): what needs attention in the handbook, as Markdown for the job summary:
# overdue outcomes, roles due for review, vacant roles, placeholder text, findings by rule;
# then the delivery record (on time, late, re-dated, dropped), which needs the whole history.
# Always exits 0 when the report could be written: it is a report, not a gate.
#   scripts/ci/health.sh [PATH]
set -euo pipefail
BIN=${ROLEBOOK_BIN:-.venv/bin}
export NO_MKDOCS_2_WARNING=1
"$BIN/rolebook" review --format markdown "$@"
echo
exec "$BIN/rolebook" record --format markdown "$@"
