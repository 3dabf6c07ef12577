#!/usr/bin/env bash
# Make sure an Odoo 18.0 Community source is available, and print its path.
# Without one at ODOO_HOME, fetch Odoo's official 18.0 branch into .odoo/
# when the machine has internet access; otherwise stop with one message.
set -euo pipefail
source "$(dirname "$0")/env.sh"

if has_odoo; then echo "$ODOO_HOME"; exit 0; fi
fetched=$SUITE_ROOT/.odoo
if [ -f "$fetched/odoo-bin" ]; then echo "$fetched"; exit 0; fi
official=https://github.com/odoo/odoo.git
if GIT_TERMINAL_PROMPT=0 timeout 20 git ls-remote --exit-code --heads "$official" 18.0 >/dev/null 2>&1; then
    say "No Odoo at ODOO_HOME=$ODOO_HOME: fetching Odoo 18.0 into $fetched ..."
    git clone --quiet --depth 1 --branch 18.0 "$official" "$fetched"
    echo "$fetched"
    exit 0
fi
say "No Odoo 18.0 found at ODOO_HOME=$ODOO_HOME and no internet access to fetch it: put an Odoo 18.0 Community source there or set ODOO_HOME to one."
exit 1
