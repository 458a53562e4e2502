#!/usr/bin/env bash
# CI step: what the pull request does to each role, as Markdown (for the job summary).
#   scripts/ci/pr-summary.sh BASE_REF
set -euo pipefail
BIN=${ROLEBOOK_BIN:-.venv/bin}
base=${1:?usage: pr-summary.sh BASE_REF}
merge_base=$(git merge-base "$base" HEAD 2>/dev/null || echo "$base")
export NO_MKDOCS_2_WARNING=1
exec "$BIN/rolebook" diff "$merge_base" --format markdown
