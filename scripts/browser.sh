#!/usr/bin/env bash
# The browser of the tours: a Chrome or Chromium that Odoo's test runner
# finds, and the websocket-client module it drives it with.
# Odoo (odoo/tests/common.py, _find_executable) looks in PATH for
# google-chrome, chromium, chromium-browser and google-chrome-stable, in
# that order. Without any, and as root, Debian's `chromium` package is
# installed with apt-get (a fresh CI machine); otherwise nothing is changed.
# Prints the browser's path and version and exits 0; prints why there is
# none on stderr and exits 1.
set -uo pipefail
source "$(dirname "$0")/env.sh"

BROWSERS=(google-chrome chromium chromium-browser google-chrome-stable)

find_browser() {
    local name
    for name in "${BROWSERS[@]}"; do
        command -v "$name" && return 0
    done
    return 1
}

install_chromium() {
    say "No Chrome or Chromium found: installing Debian's chromium package ..."
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null &&
        apt-get install -y -qq --no-install-recommends chromium >/dev/null
}

if ! "$VENV/bin/python" -c "import websocket" 2>/dev/null; then
    say "websocket-client is not installed in $VENV (make venv installs it)."
    exit 1
fi
if ! browser=$(find_browser); then
    if [ "$(id -u)" != 0 ]; then
        say "No Chrome or Chromium in PATH (${BROWSERS[*]}); run as root to have" \
            "Debian's chromium installed, or install it: apt-get install chromium."
        exit 1
    fi
    if ! command -v apt-get >/dev/null; then
        say "No Chrome or Chromium in PATH and no apt-get to install Debian's chromium."
        exit 1
    fi
    if ! install_chromium || ! browser=$(find_browser); then
        say "Installing Debian's chromium with apt-get failed."
        exit 1
    fi
fi
# Debian's launcher script may print shell noise on stderr: keep the version.
version=$("$browser" --version 2>/dev/null | head -1)
echo "$browser ($version)"
