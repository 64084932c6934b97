#!/usr/bin/env bash
# Install what the TimelineJS render test needs, only where it is missing (idempotent):
#   * Debian's chromium, and nodejs + npm when npm is missing (apt-get; `apt-get update` runs
#     only when a package is unknown or the first install attempt fails on stale lists),
#   * @knight-lab/timelinejs from the npm registry into a cache folder (default .cache/timelinejs).
# Prints two lines the test reads: CHROMIUM=<path> and TIMELINEJS_DIR=<dist folder>.
#
# Usage: scripts/ensure_browser_deps.sh [cache_dir]
set -euo pipefail

TIMELINEJS_VERSION="${TIMELINEJS_VERSION:-3.9.11}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CACHE_DIR="${1:-$ROOT/.cache/timelinejs}"

find_chromium() {
    for name in chromium chromium-browser google-chrome-stable google-chrome; do
        if command -v "$name" >/dev/null 2>&1; then
            command -v "$name"
            return 0
        fi
    done
    return 1
}

as_root() {
    if [ "$(id -u)" -eq 0 ]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1; then
        sudo -n "$@"
    else
        echo "ensure_browser_deps: need root (or sudo) to run: $*" >&2
        return 1
    fi
}

apt_install() {
    # Debian packages; refresh the lists first when a package is unknown, and once more when
    # an install fails on stale lists (404s).
    export DEBIAN_FRONTEND=noninteractive
    if ! command -v apt-get >/dev/null 2>&1; then
        echo "ensure_browser_deps: not a Debian system; install by hand: $*" >&2
        return 1
    fi
    local pkg
    for pkg in "$@"; do
        if ! apt-cache show "$pkg" >/dev/null 2>&1; then
            as_root apt-get update -q >&2
            break
        fi
    done
    if ! as_root apt-get install -y -q --no-install-recommends "$@" >&2; then
        as_root apt-get update -q >&2
        as_root apt-get install -y -q --no-install-recommends "$@" >&2
    fi
}

if ! CHROMIUM="$(find_chromium)"; then
    apt_install chromium
    CHROMIUM="$(find_chromium)"
fi
if ! command -v npm >/dev/null 2>&1; then
    apt_install nodejs npm
fi

DIST="$CACHE_DIR/node_modules/@knight-lab/timelinejs/dist"
INSTALLED=""
if [ -f "$CACHE_DIR/node_modules/@knight-lab/timelinejs/package.json" ]; then
    INSTALLED="$(node -p "require('$CACHE_DIR/node_modules/@knight-lab/timelinejs/package.json').version" 2>/dev/null || true)"
fi
if [ "$INSTALLED" != "$TIMELINEJS_VERSION" ] || [ ! -f "$DIST/js/timeline.js" ]; then
    mkdir -p "$CACHE_DIR"
    npm install --prefix "$CACHE_DIR" --save-exact --no-audit --no-fund --ignore-scripts \
        "@knight-lab/timelinejs@$TIMELINEJS_VERSION" >&2
fi

echo "CHROMIUM=$CHROMIUM"
echo "TIMELINEJS_DIR=$DIST"
