#!/usr/bin/env bash
# Mutation testing of the foundation's pure tools/ against tests/unit.
# mutmut plants one small bug at a time (a comparison turned around, a
# constant changed, an argument dropped) and runs the tests on it: a mutant
# that no test notices survives. Prints the survivors, their diffs and the
# share of mutants killed; fails below GOAL percent.
# It works on a copy, so an interrupted run leaves no mutated code behind.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
GOAL=${GOAL:-90}
scripts/venv.sh
mutmut=$VENV/bin/mutmut

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/helpdesk_priority_matrix" "$work/tests/unit"
cp -r helpdesk_priority_matrix/tools "$work/helpdesk_priority_matrix/"
# The foundation's pure tests: the other addons' tools are not in the copy.
cp tests/unit/conftest.py tests/unit/test_business_time.py \
    tests/unit/test_sla_planner.py tests/unit/test_sla_status.py \
    tests/unit/test_entitlement.py "$work/tests/unit/"
cat >"$work/setup.cfg" <<'CFG'
[mutmut]
source_paths = helpdesk_priority_matrix/tools/
pytest_add_cli_args =
    -p
    no:odoo
    -p
    no:cacheprovider
pytest_add_cli_args_test_selection =
    tests/unit/
CFG
cd "$work"

echo "== mutation testing of helpdesk_priority_matrix/tools (takes minutes)"
HYPOTHESIS_PROFILE=mutation "$mutmut" run --max-children "$(nproc)" >run.log 2>&1 || true
if ! "$mutmut" export-cicd-stats >/dev/null 2>&1; then
    tail -c 2000 run.log
    say "mutmut did not run to the end."
    exit 1
fi
survivors=$("$mutmut" results 2>/dev/null | awk '/: survived$/ {sub(":", "", $1); print $1}')
for mutant in $survivors; do
    echo "-- survived: $mutant"
    "$mutmut" show "$mutant" 2>/dev/null | grep -E '^[-+][^-+]' || true
done
"$VENV/bin/python" - "$GOAL" <<'PY'
import json
import sys

stats = json.load(open("mutants/mutmut-cicd-stats.json"))
# A mutant the tests stopped by timing out (an endless loop) was noticed.
killed = stats["killed"] + stats["timeout"]
total = stats["total"]
share = 100 * killed / total if total else 0
print(
    f"mutation: {killed} of {total} mutants killed ({share:.1f} %; "
    f"{stats['timeout']} by timeout), {stats['survived']} survived, "
    f"{stats['no_tests']} without tests"
)
sys.exit(0 if share >= float(sys.argv[1]) else 1)
PY
