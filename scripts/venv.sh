#!/usr/bin/env bash
# Create .venv and install the pinned requirements; quick when nothing changed.
set -euo pipefail
source "$(dirname "$0")/env.sh"

command -v "$PYTHON" >/dev/null || { say "No $PYTHON found: install Python 3.11 or set PYTHON."; exit 1; }
version() { "$1" -c 'import sys; print(sys.version.split()[0])'; }
# A .venv of another Python version is made anew.
if [ -x "$VENV/bin/python" ] && [ "$(version "$VENV/bin/python")" != "$(version "$PYTHON")" ]; then
    rm -rf "$VENV"
fi
wanted=$(cat "$SUITE_ROOT"/requirements*.txt | sha256sum | cut -c1-16)-$($PYTHON -V 2>&1 | tr -cd '0-9.')
stamp=$STAMPS/venv
if [ -x "$VENV/bin/python" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$wanted" ]; then
    exit 0
fi
say "Installing the Python requirements into $VENV ..."
[ -x "$VENV/bin/python" ] || $PYTHON -m venv "$VENV"
pip() {
    local log
    log=$(mktemp)
    if ! "$VENV/bin/python" -m pip --disable-pip-version-check -q "$@" >"$log" 2>&1; then
        grep -v "WARNING: Location" "$log" >&2
        rm -f "$log"
        return 1
    fi
    rm -f "$log"
}
pip install --prefer-binary -r "$SUITE_ROOT/requirements.txt" -r "$SUITE_ROOT/requirements-dev.txt"
pip install --no-deps -r "$SUITE_ROOT/requirements-oca.txt"
mkdir -p "$STAMPS" && echo "$wanted" > "$stamp"
