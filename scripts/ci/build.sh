#!/usr/bin/env bash
# CI step: build the site strictly into ${SITE_DIR:-site}.
set -euo pipefail
BIN=${ROLEBOOK_BIN:-.venv/bin}
export NO_MKDOCS_2_WARNING=1
exec "$BIN/mkdocs" build --strict --site-dir "${SITE_DIR:-site}"
