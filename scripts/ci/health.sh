#!/usr/bin/env bash
# CI step (weekly): what needs attention in the handbook, as Markdown for the job summary:
# overdue outcomes, roles due for review, vacant roles, placeholder text, findings by rule.
# Always exits 0 when the report could be written: it is a report, not a gate.
#   scripts/ci/health.sh [PATH]
set -euo pipefail
BIN=${ROLEBOOK_BIN:-.venv/bin}
export NO_MKDOCS_2_WARNING=1
exec "$BIN/rolebook" review --format markdown "$@"
