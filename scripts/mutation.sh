#!/usr/bin/env bash
# Mutation testing of the suite's pure tools/ against tests/unit, one module
# at a time (scripts/mutation.sh MODULE...: those modules only).
# mutmut plants one small bug at a time (a comparison turned around, a
# constant changed, an argument dropped) and runs the tests on it: a mutant
# that no test notices survives. Prints the survivors, their diffs and the
# share of mutants killed per module; fails when a module is below GOAL
# percent.
# It works on copies, so an interrupted run leaves no mutated code behind.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
GOAL=${GOAL:-90}
scripts/venv.sh
mutmut=$VENV/bin/mutmut

# Each mutated module and the pure tests of its tools/ (in tests/unit).
MUTATED=(
    "helpdesk_priority_matrix test_business_time.py test_sla_planner.py test_sla_status.py test_entitlement.py test_helpdesk_priority_matrix_intake.py test_helpdesk_priority_matrix_portal_tools.py"
    "helpdesk_sla_wallet test_wallet_rules.py"
    "helpdesk_plans test_plans_periods.py"
    "helpdesk_autoclose test_autoclose_rules.py"
)
FOUNDATION=helpdesk_priority_matrix
# Tools that work on the database, tested by the Odoo tests instead.
NOT_MUTATED=(
    # Row locks and races lost: real concurrent transactions, in helpdesk_priority_matrix/tests/test_row_lock.py.
    helpdesk_priority_matrix/tools/row_lock.py
    # Uninstall and reinstall hooks: a database with data, in make test's uninstall stage (tests/upgrade/uninstall.py).
    helpdesk_priority_matrix/tools/module_data.py
)

# mutate MODULE TEST...: mutation testing of MODULE/tools against TESTs in
# a copy of their own; fails when fewer than GOAL percent are killed.
mutate() {
    local module=$1 work test also_copy="" excluded="" path
    shift
    work=$(mktemp -d)
    # The foundation's tools are loaded too (the others may build on them),
    # and mutated only in the foundation's run.
    mkdir -p "$work/$FOUNDATION" "$work/$module" "$work/tests/unit"
    cp -r "$FOUNDATION/tools" "$work/$FOUNDATION/"
    cp -r "$module/tools" "$work/$module/"
    [ "$module" = "$FOUNDATION" ] || also_copy="also_copy = $FOUNDATION/tools/"
    for path in "${NOT_MUTATED[@]}"; do
        [[ $path != "$module/"* ]] || excluded+=$'\n    '$path
    done
    [ -z "$excluded" ] || excluded="do_not_mutate =$excluded"
    cp tests/unit/conftest.py "$work/tests/unit/"
    for test in "$@"; do cp "tests/unit/$test" "$work/tests/unit/"; done
    cat >"$work/setup.cfg" <<CFG
[mutmut]
source_paths = $module/tools/
$also_copy
$excluded
pytest_add_cli_args =
    -p
    no:odoo
    -p
    no:cacheprovider
pytest_add_cli_args_test_selection =
    tests/unit/
CFG
    echo "== mutation testing of $module/tools (takes minutes)"
    (cd "$work" && report "$module")
    local rc=$?
    rm -rf "$work"
    return $rc
}

# report MODULE: run mutmut in the current copy and print its survivors and
# score.
report() {
    HYPOTHESIS_PROFILE=mutation "$mutmut" run --max-children "$(nproc)" >run.log 2>&1 || true
    if ! "$mutmut" export-cicd-stats >/dev/null 2>&1; then
        tail -c 2000 run.log
        say "mutmut did not run to the end on $1."
        return 1
    fi
    local survivors mutant
    survivors=$("$mutmut" results 2>/dev/null | awk '/: survived$/ {sub(":", "", $1); print $1}')
    for mutant in $survivors; do
        echo "-- survived: $mutant"
        "$mutmut" show "$mutant" 2>/dev/null | grep -E '^[-+][^-+]' || true
    done
    "$VENV/bin/python" - "$GOAL" "$1" <<'PY'
import json
import sys

stats = json.load(open("mutants/mutmut-cicd-stats.json"))
# A mutant the tests stopped by timing out (an endless loop) was noticed.
killed = stats["killed"] + stats["timeout"]
total = stats["total"]
share = 100 * killed / total if total else 0
print(
    f"mutation of {sys.argv[2]}: {killed} of {total} mutants killed "
    f"({share:.1f} %; {stats['timeout']} by timeout), {stats['survived']} "
    f"survived, {stats['no_tests']} without tests"
)
sys.exit(0 if share >= float(sys.argv[1]) else 1)
PY
}

failed=()
for entry in "${MUTATED[@]}"; do
    read -r module tests <<<"$entry"
    if [ $# -gt 0 ] && [[ " $* " != *" $module "* ]]; then continue; fi
    # shellcheck disable=SC2086 # the test files, one word each
    mutate "$module" $tests || failed+=("$module")
done
if [ ${#failed[@]} -gt 0 ]; then
    say "mutation: below $GOAL % or not run to the end: ${failed[*]}"
    exit 1
fi
