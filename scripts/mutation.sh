#!/usr/bin/env bash
# Mutation testing of the suite's pure tools/ against tests/unit.
# mutmut plants one small bug at a time (a comparison turned around, a
# constant changed, an argument dropped) and runs the tests on it: a mutant
# that no test notices survives. Prints the survivors, their diffs and the
# share of mutants killed, in all and per addon; fails below GOAL percent.
# It works on a copy, so an interrupted run leaves no mutated code behind.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
GOAL=${GOAL:-90}
scripts/venv.sh
mutmut=$VENV/bin/mutmut

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# The addons whose tools/ are mutated, each with its pure tests in
# tests/unit: "addon: test files". Only these tools are in the copy.
SUITES=(
    "helpdesk_priority_matrix: test_business_time.py test_sla_planner.py test_sla_status.py test_entitlement.py"
    "helpdesk_plans: test_plans_periods.py"
)
mkdir -p "$work/tests/unit"
cp tests/unit/conftest.py "$work/tests/unit/"
source_paths=""
for suite in "${SUITES[@]}"; do
    addon=${suite%%:*}
    mkdir -p "$work/$addon"
    cp -r "$addon/tools" "$work/$addon/"
    for test in ${suite#*:}; do cp "tests/unit/$test" "$work/tests/unit/"; done
    source_paths+=$'\n'"    $addon/tools/"
done
cat >"$work/setup.cfg" <<CFG
[mutmut]
source_paths =$source_paths
pytest_add_cli_args =
    -p
    no:odoo
    -p
    no:cacheprovider
pytest_add_cli_args_test_selection =
    tests/unit/
CFG
cd "$work"

echo "== mutation testing of the tools/ of ${SUITES[*]%%:*} (takes minutes)"
HYPOTHESIS_PROFILE=mutation "$mutmut" run --max-children "$(nproc)" >run.log 2>&1 || true
if ! "$mutmut" export-cicd-stats >/dev/null 2>&1; then
    tail -c 2000 run.log
    say "mutmut did not run to the end."
    exit 1
fi
"$mutmut" results --all true >results.txt 2>/dev/null
survivors=$(awk '/: survived$/ {sub(":", "", $1); print $1}' results.txt)
for mutant in $survivors; do
    echo "-- survived: $mutant"
    "$mutmut" show "$mutant" 2>/dev/null | grep -E '^[-+][^-+]' || true
done
"$VENV/bin/python" - "$GOAL" <<'PY'
import json
import sys
from collections import Counter, defaultdict

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
# Each addon's tools reach the goal on their own.
by_addon = defaultdict(Counter)
for line in open("results.txt"):
    name, _, status = line.strip().rpartition(": ")
    by_addon[name.split(".")[0]][status] += 1
shares = [share]
for addon, counts in sorted(by_addon.items()):
    noticed, mutants = counts["killed"] + counts["timeout"], sum(counts.values())
    shares.append(100 * noticed / mutants)
    print(f"  {addon}/tools: {noticed} of {mutants} killed ({shares[-1]:.1f} %)")
sys.exit(0 if min(shares) >= float(sys.argv[1]) else 1)
PY
