#!/usr/bin/env bash
# CI step for a version tag: a reproducible strict build, the site as an
# archive, roles.json, and release notes (the diff against the previous tag),
# all in ${DIST:-dist}.
#   scripts/ci/release-build.sh TAG
set -euo pipefail
BIN=${ROLEBOOK_BIN:-.venv/bin}
tag=${1:?usage: release-build.sh TAG}
dist=${DIST:-dist}
site=${SITE_DIR:-site}
export NO_MKDOCS_2_WARNING=1
# Dates come from the tag's commit, never from the clock: two builds of one tag are identical.
SOURCE_DATE_EPOCH=$(git log -1 --format=%ct "$tag")
export SOURCE_DATE_EPOCH
rm -rf "$site" "$dist"
mkdir -p "$dist"
"$BIN/mkdocs" build --strict --site-dir "$site"
cp "$site/roles.json" "$dist/roles.json"
# A deterministic archive: sorted names, fixed owner and times, no gzip timestamp.
tar --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$SOURCE_DATE_EPOCH" \
    -C "$site" -cf - . | gzip -n > "$dist/site.tar.gz"
previous=$(git describe --tags --abbrev=0 --match 'v*' "$tag^" 2>/dev/null || true)
{
  echo "# Handbook $tag"
  echo
  if [ -n "$previous" ]; then
    echo "Changes since $previous."
    echo
    "$BIN/rolebook" diff "$previous" "$tag" --format markdown
  else
    echo "The first release."
  fi
} > "$dist/release-notes.md"
echo "release $tag built in $dist (previous: ${previous:-none})"
