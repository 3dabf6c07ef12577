#!/usr/bin/env bash
# Static checks: ruff, pylint-odoo (OCA configuration) on the suite modules,
# XML well-formedness, manifests and generated READMEs. Prints one line per
# check and, last, "lint: N passed, N failed"; exit 1 on any failure.
set -uo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
bin=$VENV/bin
passed=0 failed=0
check() {
    local name=$1; shift
    if output=$("$@" 2>&1); then
        passed=$((passed + 1)); echo "lint: $name ok"
    else
        failed=$((failed + 1)); echo "lint: $name FAILED"; echo "$output" | tail -40
    fi
}
mapfile -t modules < <(suite_modules | tr , '\n')
check "ruff check" "$bin/ruff" check .
check "ruff format" "$bin/ruff" format --check .
if [ ${#modules[@]} -gt 0 ]; then
    check "pylint-odoo" "$bin/pylint" --rcfile=.pylintrc "${modules[@]}"
fi
check "xml and manifests" "$bin/python" scripts/check_addons.py "${modules[@]}"
check "addon readmes" "$bin/python" scripts/addon_readme.py --check
if [ ${#modules[@]} -gt 0 ]; then
    check "translations" "$bin/python" scripts/check_translations.py "${modules[@]}"
fi
echo "lint: $passed passed, $failed failed"
[ "$failed" = 0 ]
