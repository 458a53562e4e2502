#!/usr/bin/env bash
# CI step: check the handbook, as workflow annotations on the changed lines.
set -euo pipefail
BIN=${ROLEBOOK_BIN:-.venv/bin}
export NO_MKDOCS_2_WARNING=1
exec "$BIN/rolebook" check --strict --format github "$@"
