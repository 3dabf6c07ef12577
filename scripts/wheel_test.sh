#!/usr/bin/env bash
# Install the suite as a partner does: build the four wheels (make dist),
# pip-install them into a fresh virtual environment with the OCA wheels of
# requirements-oca.txt, install every suite module into a new database whose
# addons path is Odoo's and that environment's odoo/addons only (never this
# repository), then run the modules' tests from the installed copies.
# WHEEL_TESTS=all (default) runs every module's tests, WHEEL_TESTS=none the
# install only. Ends with one "stage: NAME|PASSED|FAILED|SKIPPED|NOTE" line
# per stage (read by scripts/test.sh) and exits 1 when one failed.
set -uo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
work=$STAMPS/wheels
venv=$work/venv
dist=$work/dist
log=$work/install.log
db=hsla_wheels_$(date +%s)_$$
source "$SUITE_ROOT/scripts/stage_lib.sh"

pip() {
    "$venv/bin/python" -m pip --disable-pip-version-check -q "$@" 2>&1 | grep -v "WARNING: Location"
    return "${PIPESTATUS[0]}"
}

rm -rf "$work" && mkdir -p "$work"
echo "== wheels: building into $dist"
if ! DIST_DIR=$dist scripts/dist.sh; then
    result "wheel install" 0 1 0 "make dist failed"
    finish
fi
modules=$(suite_modules)
echo "== wheels: fresh virtual environment $venv"
"$PYTHON" -m venv "$venv"
# Odoo's runtime requirements and the test runner; then, without
# dependencies, the OCA wheels and the suite's (all of them require the
# `odoo` distribution, which is not on PyPI: Odoo comes from ODOO_HOME).
grep -E '^(pytest|pytest-odoo)==' requirements-dev.txt >"$work/test-requirements.txt"
if ! pip install --prefer-binary -r requirements.txt -r "$work/test-requirements.txt" ||
    ! pip install --no-deps -r requirements-oca.txt "$dist"/*.whl; then
    result "wheel install" 0 1 0 "pip install failed"
    finish
fi
# Every requirement the wheels declare is met by the OCA wheels and each
# other, but `odoo` itself.
unmet=$("$venv/bin/python" -m pip check 2>&1 | grep -v "requires odoo, which is not installed" |
    grep -v "^No broken requirements")
if [ -n "$unmet" ]; then
    echo "$unmet"
    result "wheel install" 0 1 0 "unmet requirements of the wheels"
    finish
fi
site=$("$venv/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
addons=$site/odoo/addons
conf=$work/odoo.conf
# Odoo's own folders that exist (its HTTP layer fails on a missing one) and
# the environment's; never this repository.
paths=$(for dir in "$ODOO_HOME/odoo/addons" "$ODOO_HOME/addons" "$addons"; do
    [ -d "$dir" ] && echo "$dir"
done | paste -sd, -)
sed -e "s|^addons_path = .*|addons_path = $paths|" \
    "$(runtime_conf "${TEST_HTTP_PORT:-8169}")" >"$conf"

scripts/db.sh || { result "wheel install" 0 1 0 "no database server"; finish; }
echo "== wheels: installing helpdesk_mgmt,$modules from $addons in $db"
start=$SECONDS
# Run from another folder: nothing of this repository is on sys.path.
(cd "$work" && PYTHONPATH="$ODOO_HOME" "$venv/bin/python" "$ODOO_HOME/odoo-bin" -c "$conf" \
    -d "$db" -i "helpdesk_mgmt,$modules" --stop-after-init >"$log" 2>&1)
rc=$?
errors="^[0-9-]+ [0-9:,]+ [0-9]+ (ERROR|CRITICAL) "
if [ $rc != 0 ] || grep -qE "$errors" "$log"; then
    grep -E "$errors" "$log" | cut -c1-300 | head -20
    echo "Installing from the wheels failed (exit code $rc); full log: $log"
    result "wheel install" 0 1 0 "odoo-bin exit code $rc"
    finish
fi
# Each suite module was loaded from the virtual environment.
misplaced=$(cd "$work" && PYTHONPATH="$ODOO_HOME" "$venv/bin/python" - "$conf" "$addons" "$modules" <<'PY'
import sys
import odoo
from odoo.modules.module import get_module_path
odoo.tools.config.parse_config(["-c", sys.argv[1]])
for name in sys.argv[3].split(","):
    if not (get_module_path(name) or "").startswith(sys.argv[2]):
        print(f"{name} found at {get_module_path(name)}, not in {sys.argv[2]}")
PY
)
if [ -n "$misplaced" ]; then
    echo "$misplaced"
    result "wheel install" 0 1 0 "a module was not loaded from the wheels"
    finish
fi
result "wheel install" 1 0 0 "$modules from their wheels, in $((SECONDS - start)) s"

if [ "${WHEEL_TESTS:-all}" = none ]; then finish; fi
paths=()
for module in ${modules//,/ }; do
    [ -d "$addons/$module/tests" ] && paths+=("$addons/$module/tests")
done
echo "== wheels: tests of the installed copies ${paths[*]}"
start=$SECONDS
(cd "$work" && PYTHONPATH="$ODOO_HOME" "$venv/bin/python" -m pytest -q -p no:cacheprovider \
    --odoo-http --odoo-config "$conf" --odoo-database "$db" "${paths[@]}" \
    --junitxml="$work/tests.xml")
rc=$?
read -r p f s < <("$VENV/bin/python" scripts/junit_count.py "$work/tests.xml")
[ "$rc" = 0 ] || [ "$f" -gt 0 ] || f=1
result "tests from the wheels" "$p" "$f" "$s" "$((SECONDS - start)) s"
finish
