#!/usr/bin/env bash
# Take the screenshots of static/description/ from the demo server that
# `make run` serves on HTTP_PORT (start it first), with headless Chromium
# (apt-get install chromium). websocket-client, which drives Chromium, lives
# in a throwaway environment: in .venv it would turn on Odoo's browser tests.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
command -v chromium >/dev/null || {
    [ "$(id -u)" = 0 ] && apt-get install -y -q chromium >/dev/null
} || { say "No chromium: apt-get install chromium"; exit 1; }
tools=$STAMPS/screenshots-venv
[ -x "$tools/bin/python" ] || "$PYTHON" -m venv "$tools"
"$tools/bin/python" -m pip install -q --disable-pip-version-check websocket-client==1.9.2 2>&1 |
    grep -v "WARNING: Location" || true
"$tools/bin/python" scripts/screenshots.py "http://127.0.0.1:$HTTP_PORT" "$DEMO_DB"
