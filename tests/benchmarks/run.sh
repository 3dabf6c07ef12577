#!/usr/bin/env bash
# make bench: measure the suite against bare helpdesk_mgmt (issue 17's goals).
#
# Three databases without demo data: one with helpdesk_mgmt only, one with
# the modules the suite depends on (none of its own: what the suite costs
# before its code runs, measured for creation, email and the portal form),
# and one with the four suite modules, named after a fingerprint of what
# is installed in them: they are reused while nothing changed and created
# again (the previous ones dropped) when a file of a suite module or a
# pinned requirement changed. Arguments are passed to bench.py (--quick,
# --repeats 3 ...).
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/env.sh
SUITE_MODULES=helpdesk_priority_matrix,helpdesk_sla_wallet,helpdesk_plans,helpdesk_autoclose
registry_file=$STAMPS/bench-databases

fingerprint() {
    find "$@" -type f -not -name '*.pyc' -not -path '*/__pycache__/*' -print0 \
        | sort -z | xargs -0 sha256sum | sha256sum | cut -c1-12
}

installed_count() {
    pg psql -h "$PGHOST" -d "$1" -tAc "SELECT count(*) FROM ir_module_module
        WHERE state = 'installed' AND name = ANY(string_to_array('$2', ','))" 2>/dev/null || echo 0
}

drop_database() {
    PGOPTIONS="-c client_min_messages=warning" pg dropdb -h "$PGHOST" --if-exists --force "$1"
    rm -rf "$SUITE_ROOT/.odoo-data/filestore/$1"
}

# ensure_database NAME MODULES: reuse NAME when every module is installed in
# it, else (re)create it; an interrupted installation is started over.
ensure_database() {
    local name=$1 modules=$2 expected
    expected=$(tr , '\n' <<<"$modules" | wc -l)
    if [ "$(installed_count "$name" "$modules")" = "$expected" ]; then
        say "Reusing $name ($modules)."
        return
    fi
    drop_database "$name"
    say "Creating $name with $modules, without demo data ..."
    odoo_bin -d "$name" -i "$modules" --without-demo=all --stop-after-init --log-level=warn
    if [ "$(installed_count "$name" "$modules")" != "$expected" ]; then
        say "Installing $modules in $name failed."
        exit 1
    fi
}

# Only the databases this checkout created are dropped when they go stale.
forget_stale_databases() {
    local name
    [ -f "$registry_file" ] || return 0
    while read -r name; do
        if [ -n "$name" ] && [ "$name" != "$bare" ] && [ "$name" != "$deps" ] \
            && [ "$name" != "$suite" ]; then
            say "Dropping the stale benchmark database $name."
            drop_database "$name"
        fi
    done <"$registry_file"
}

# The modules the four depend on, without the four.
dependencies() {
    "$VENV/bin/python" - "$SUITE_MODULES" <<'EOF'
import ast
import sys

suite = sys.argv[1].split(",")
depends = set()
for module in suite:
    with open(f"{module}/__manifest__.py") as manifest:
        depends.update(ast.literal_eval(manifest.read())["depends"])
print(",".join(sorted(depends - set(suite))))
EOF
}

scripts/db.sh
bare=bench_bare_$(fingerprint requirements.txt requirements-oca.txt)
# shellcheck disable=SC2046 # one manifest per module
deps=bench_deps_$(fingerprint requirements.txt requirements-oca.txt $(tr , '\n' <<<"$SUITE_MODULES" | sed 's|$|/__manifest__.py|'))
# shellcheck disable=SC2046 # one folder per module
suite=bench_suite_$(fingerprint requirements.txt requirements-oca.txt $(tr , ' ' <<<"$SUITE_MODULES"))
forget_stale_databases
mkdir -p "$STAMPS" && printf '%s\n' "$bare" "$deps" "$suite" >"$registry_file"
ensure_database "$bare" helpdesk_mgmt
ensure_database "$deps" "$(dependencies)"
ensure_database "$suite" "helpdesk_mgmt,$SUITE_MODULES"

PYTHONPATH=$ODOO_HOME "$VENV/bin/python" tests/benchmarks/bench.py \
    -c "$(runtime_conf "$HTTP_PORT")" --bare "$bare" --deps "$deps" --suite "$suite" "$@"
