#!/usr/bin/env bash
# Upgrade a live database from an older version of the suite to this one,
# then uninstall and reinstall each module.
#
# 1. The suite at UPGRADE_FROM (default below: c80e336 of 2026-11-22, where
#    the four modules installed together and make test passed, per its
#    README; cdbd798, where they first met, does not install: autoclose
#    called the foundation's planner with an argument it no longer took) is
#    unpacked with git archive and installed with demo data in a database
#    of its own; tests/upgrade/fill.py adds data through the real flows
#    (a pack sold, invoiced and paid, tickets that consume it and plan
#    quotas, tickets waiting on their client, two days of the suite's
#    crons: deadlines pass, escalations and reminders are sent).
# 2. tests/upgrade/snapshot.py records balances and ledgers, moves,
#    subscriptions, tickets and crons; every suite module is updated (-u)
#    with this checkout's code; the snapshot is taken again and
#    tests/upgrade/compare.py checks that nothing changed.
# 3. tests/upgrade/uninstall.py uninstalls each module, checks that the
#    helpdesk_mgmt tickets stay open and usable, and installs it again
#    (UNINSTALL=0 leaves this stage out).
# Any ERROR or CRITICAL line in a log fails its stage. Ends with one
# "stage: NAME|PASSED|FAILED|SKIPPED|NOTE" line per stage (read by
# scripts/test.sh) and exits 1 when one failed.
set -uo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
from=${UPGRADE_FROM:-c80e3367f8890e7711e1e370f841b43073adab8d}
work=$STAMPS/upgrade
# UPGRADE_DB names its database (dropped at the end); a new name by default.
db=${UPGRADE_DB:-hsla_upgrade_$(date +%s)_$$}
errors="^[0-9-]+ [0-9:,]+ [0-9]+ (ERROR|CRITICAL) "
source "$SUITE_ROOT/scripts/stage_lib.sh"
# clean LOG: no ERROR or CRITICAL line; shows them otherwise.
clean() {
    grep -qE "$errors" "$1" || return 0
    grep -E "$errors" "$1" | cut -c1-300 | head -20
    echo "full log: $1"
    return 1
}
# script NAME CONF ARGS...: a script of tests/upgrade on the database.
script() {
    local name=$1 conf=$2
    shift 2
    (cd "$work" && PYTHONPATH="$ODOO_HOME:$SUITE_ROOT/tests/upgrade" "$VENV/bin/python" \
        "$SUITE_ROOT/tests/upgrade/$name.py" -c "$conf" -d "$db" "$@")
}

scripts/venv.sh || { result "upgrade" 0 1 0 "could not install the requirements"; finish; }
scripts/db.sh || { result "upgrade" 0 1 0 "no database server"; finish; }
rm -rf "$work" && mkdir -p "$work/base"
git archive "$from" | tar -x -C "$work/base" ||
    { result "upgrade" 0 1 0 "no commit $from"; finish; }
modules=$(suite_modules)
head_conf=$(runtime_conf "${TEST_HTTP_PORT:-8169}")
base_conf=$work/base.conf
base_paths=$(for dir in "$ODOO_HOME/odoo/addons" "$ODOO_HOME/addons" "$work/base"; do
    [ -d "$dir" ] && echo "$dir"
done | paste -sd, -)
sed -e "s|^addons_path = .*|addons_path = $base_paths|" "$head_conf" >"$base_conf"
start=$SECONDS

echo "== upgrade: installing the suite at ${from:0:10} with demo data in $db"
ODOO_RUNTIME_CONF=$base_conf odoo_bin -d "$db" -i "helpdesk_mgmt,$modules" \
    --stop-after-init >"$work/base-install.log" 2>&1
if [ $? != 0 ] || ! clean "$work/base-install.log"; then
    result "upgrade" 0 1 0 "installing the suite at ${from:0:10} failed"
    finish
fi
echo "== upgrade: data through the flows of ${from:0:10}"
if ! script fill "$base_conf" --logfile="$work/fill.log" || ! clean "$work/fill.log"; then
    result "upgrade" 0 1 0 "filling the database at ${from:0:10} failed"
    finish
fi
script snapshot "$base_conf" --logfile="$work/snapshot.log" "$work/before.json" || {
    result "upgrade" 0 1 0 "snapshot before the upgrade failed"
    finish
}
echo "== upgrade: -u $modules at $(git rev-parse --short HEAD)"
odoo_bin_head() { ODOO_RUNTIME_CONF=$head_conf odoo_bin "$@"; }
odoo_bin_head -d "$db" -u "$modules" --stop-after-init >"$work/upgrade.log" 2>&1
if [ $? != 0 ] || ! clean "$work/upgrade.log"; then
    result "upgrade" 0 1 0 "odoo-bin -u failed"
    finish
fi
script snapshot "$head_conf" --logfile="$work/snapshot.log" "$work/after.json" || {
    result "upgrade" 0 1 0 "snapshot after the upgrade failed"
    finish
}
if "$VENV/bin/python" tests/upgrade/compare.py "$work/before.json" "$work/after.json"; then
    result "upgrade" 1 0 0 "from ${from:0:10}, $((SECONDS - start)) s"
else
    result "upgrade" 0 1 0 "data changed by the upgrade from ${from:0:10}"
fi

[ "${UNINSTALL:-1}" = 0 ] && finish
echo "== uninstall: each module, then installed again"
start=$SECONDS
script uninstall "$head_conf" --logfile="$work/uninstall.log" | tee "$work/uninstall.txt"
rc=${PIPESTATUS[0]}
steps=$(grep -c ': ok$' "$work/uninstall.txt")
bad=$(grep -c ': FAILED$' "$work/uninstall.txt")
if [ "$rc" != 0 ] && [ "$bad" = 0 ]; then bad=1; fi
clean "$work/uninstall.log" || bad=$((bad + 1))
result "uninstall and reinstall" "$steps" "$bad" 0 "$((SECONDS - start)) s"
finish
