#!/usr/bin/env bash
# Lint, pure-Python tests, then the Odoo suite in a throwaway database.
# The last line reads "N passed, N failed[, N skipped]". Exit 0 only when
# nothing failed (the Odoo suite may be skipped when there is no Odoo).
# MODULES=a,b limits the Odoo suite to those suite modules.
set -uo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
reports=$STAMPS/reports
rm -rf "$reports" && mkdir -p "$reports"
lint_failed=0 odoo_note="" test_db=""

drop_test_db() {
    [ -n "$test_db" ] || return 0
    pg dropdb -h "$PGHOST" --if-exists --force "$test_db" >/dev/null 2>&1
    rm -rf "$SUITE_ROOT/.odoo-data/filestore/$test_db"
}
trap drop_test_db EXIT

scripts/venv.sh || { say "Could not install the Python requirements."; exit 1; }
py=$VENV/bin/python

echo "== lint"
scripts/lint.sh || lint_failed=1

echo "== pure-Python tests"
# Without the pytest-odoo plugin, which needs Odoo to load.
PYTEST_DISABLE_PLUGIN_AUTOLOAD=1 "$py" -m pytest -q -p no:cacheprovider tests/unit \
    --junitxml="$reports/unit.xml"
[ $? -le 1 ] || echo "pytest could not run the pure-Python tests"

run_odoo_suite() {
    local modules=${MODULES:-$(suite_modules)} db log conf rc
    scripts/db.sh || { install_failed=1; return 1; }
    db=hsla_test_$(date +%s)_$$
    test_db=$db
    log=$reports/install.log
    conf=$(runtime_conf "${TEST_HTTP_PORT:-8169}")
    export ODOO_RUNTIME_CONF=$conf
    echo "== Odoo suite: installing helpdesk_mgmt,$modules in $db"
    odoo_bin -d "$db" -i "helpdesk_mgmt,$modules" --stop-after-init >"$log" 2>&1
    rc=$?
    if [ $rc != 0 ] || grep -E " (ERROR|CRITICAL) " "$log" >"$reports/install-errors.txt"; then
        cat "$reports/install-errors.txt" 2>/dev/null | head -20
        tail -30 "$log"
        echo "Installing the suite failed (exit $rc); see the lines above."
        install_failed=1
        return 1
    fi
    local paths=() module
    for module in ${modules//,/ }; do
        [ -d "$module/tests" ] && paths+=("$module/tests")
    done
    [ -d tests/scenarios ] && paths+=(tests/scenarios)
    echo "== Odoo suite: tests of ${paths[*]}"
    PYTHONPATH="$ODOO_HOME" "$py" -m pytest -q -p no:cacheprovider --odoo-http \
        --odoo-config "$conf" --odoo-database "$db" "${paths[@]}" \
        --junitxml="$reports/odoo.xml"
}

install_failed=0
if has_odoo; then
    run_odoo_suite
else
    odoo_note="Odoo suite skipped: no Odoo 18.0 found at ODOO_HOME=$ODOO_HOME (set ODOO_HOME to an Odoo 18.0 Community source to run it)."
fi

read -r passed failed skipped < <("$py" scripts/junit_count.py "$reports"/*.xml)
failed=$((failed + lint_failed + install_failed))
echo
echo "== summary"
[ $lint_failed = 0 ] && echo "lint: ok" || echo "lint: FAILED"
[ $install_failed = 0 ] || echo "Odoo suite: the modules did not install"
[ -n "$odoo_note" ] && echo "$odoo_note"
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" = 0 ]
