#!/usr/bin/env bash
# Lint, the evented start-up check, pure-Python tests, then the Odoo suite,
# its browser tours and the OCA peer suites in a throwaway database, then
# (full runs) the suite installed and tested from its wheels
# (scripts/wheel_test.sh), the upgrade from an older version and the
# uninstalls (scripts/upgrade_test.sh).
# Ends with one line per stage and, last, "N passed, N failed, N skipped"
# over all stages. Exit 0 only when nothing failed; without an Odoo the Odoo
# stages are skipped (and said so), not failed.
# MODULES=a,b installs and tests only those suite modules (no scenarios, no
# peer suites).
set -uo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
reports=$STAMPS/reports
rm -rf "$reports" && mkdir -p "$reports"
lines=() passed=0 failed=0 skipped=0 test_db=""

drop_test_db() {
    [ -n "$test_db" ] || return 0
    pg dropdb -h "$PGHOST" --if-exists --force "$test_db" >/dev/null 2>&1
    rm -rf "$SUITE_ROOT/.odoo-data/filestore/$test_db"
}
trap drop_test_db EXIT
trap 'exit 130' INT TERM

# stage NAME PASSED FAILED SKIPPED [NOTE]: add a stage to the summary.
stage() {
    lines+=("$1: $2 passed, $3 failed, $4 skipped${5:+ ($5)}")
    passed=$((passed + $2)) failed=$((failed + $3)) skipped=$((skipped + $4))
}

# pytest_stage NAME REPORT EXIT_CODE [NOTE]: count a pytest run from its
# JUnit report. Exit 5 means no test was collected; 2 and above (but 5) are
# errors.
pytest_stage() {
    local name=$1 report=$2 rc=$3 p=0 f=0 s=0 note=${4:-}
    [ -f "$report" ] && read -r p f s < <("$py" scripts/junit_count.py "$report")
    case $rc in
        0) ;;
        1) [ "$f" -gt 0 ] || f=1 ;;
        5) note="no tests found" ;;
        *) [ "$f" -gt 0 ] || f=1; note="pytest exited with code $rc" ;;
    esac
    stage "$name" "$p" "$f" "$s" "$note"
}

scripts/venv.sh || { say "Could not install the Python requirements."; exit 1; }
py=$VENV/bin/python

echo "== lint"
scripts/lint.sh | tee "$reports/lint.txt"
read -r _ lint_passed _ lint_failed _ < <(grep '^lint: [0-9]' "$reports/lint.txt" || echo "lint: 0 passed, 1 failed")
stage "lint" "$lint_passed" "$lint_failed" 0

if has_odoo; then
    echo "== evented start-up (Odoo's websocket process, from $VENV)"
    if PYTHONPATH="$ODOO_HOME" "$py" scripts/check_evented.py; then
        stage "evented start-up" 1 0 0
    else
        stage "evented start-up" 0 1 0 "the websocket process of a multi-worker server cannot start"
    fi
fi

echo "== pure-Python tests"
if [ -d tests/unit ]; then
    # Without the pytest-odoo plugin, which needs Odoo to load.
    "$py" -m pytest -q -p no:odoo -p no:cacheprovider tests/unit --junitxml="$reports/unit.xml"
    pytest_stage "pure-Python tests" "$reports/unit.xml" $?
else
    stage "pure-Python tests" 0 0 0 "no tests/unit folder"
fi

# The installed OCA addons' folder in .venv.
oca_addons_dir() {
    local dir
    for dir in "$VENV"/lib/python3*/site-packages/odoo/addons; do
        [ -d "$dir" ] && echo "$dir" && return
    done
}

run_odoo_suite() {
    local modules=${MODULES:-$(suite_modules)} log=$reports/install.log conf rc install
    scripts/db.sh || { stage "Odoo suite install" 0 1 0 "no database server"; return; }
    test_db=hsla_test_$(date +%s)_$$
    conf=$(runtime_conf "${TEST_HTTP_PORT:-8169}")
    install=helpdesk_mgmt${modules:+,$modules}
    # Full runs also install every OCA addon of requirements-oca.txt, whose
    # own tests then run in the same database, with the suite installed.
    [ -z "${MODULES:-}" ] && install=$(tr , '\n' <<<"$install,$(oca_addons)" | awk 'NF && !seen[$0]++' | paste -sd, -)
    echo "== Odoo suite: installing $install with demo data in $test_db"
    ODOO_RUNTIME_CONF=$conf odoo_bin -d "$test_db" -i "$install" --stop-after-init >"$log" 2>&1
    rc=$?
    # Odoo may log an error and still exit 0: any ERROR or CRITICAL line fails.
    local errors="^[0-9-]+ [0-9:,]+ [0-9]+ (ERROR|CRITICAL) "
    if [ $rc != 0 ] || grep -qE "$errors" "$log"; then
        grep -E "$errors" "$log" | cut -c1-300 | head -20
        echo "..."
        grep -v " INFO " "$log" | tail -25
        echo "Installing the suite failed (odoo-bin exit code $rc); full log: $log"
        stage "Odoo suite install" 0 1 0 "$modules"
        return
    fi
    local installed="$modules and the OCA addons"
    [ -n "${MODULES:-}" ] && installed="$modules only"
    stage "Odoo suite install" 1 0 0 "$installed"
    # Templates are exported with every suite module installed, as committed.
    if [ -z "${MODULES:-}" ]; then check_templates "$modules" "$conf"; fi
    find_browser
    run_suite_tests "$modules" "$conf"
    run_tours "$modules" "$conf"
    if [ -z "${MODULES:-}" ]; then run_peer_suites "$conf"; fi
    drop_test_db
    [ -z "${MODULES:-}" ] || return 0
    # Full runs: the suite installed from its wheels in a fresh virtual
    # environment and tested from there (WHEEL_TESTS=none: the install
    # only); the upgrade from an older version and the uninstalls from that
    # database (UPGRADE=0 leaves both out, UNINSTALL=0 the uninstalls).
    run_script_stages wheel_test "wheel install"
    [ "${UPGRADE:-1}" = 0 ] || run_script_stages upgrade_test "upgrade"
}

# run_script_stages SCRIPT FIRST_STAGE: run scripts/SCRIPT.sh and add the
# stages its "stage: NAME|PASSED|FAILED|SKIPPED|NOTE" lines report.
run_script_stages() {
    local script=$1 first=$2 name p f s note
    "scripts/$script.sh" | tee "$reports/$script.txt"
    while IFS='|' read -r name p f s note; do
        stage "${name#stage: }" "$p" "$f" "$s" "$note"
    done < <(grep '^stage: ' "$reports/$script.txt")
    grep -q '^stage: ' "$reports/$script.txt" ||
        stage "$first" 0 1 0 "scripts/$script.sh ended early"
}

# check_templates MODULES CONF: the committed .pot of each suite module
# holds the terms Odoo exports from the database where the whole suite is
# installed (a module's terms depend a little on what else is installed).
check_templates() {
    local modules=$1 conf=$2 dir=$reports/pot module
    [ -n "$modules" ] || return 0
    mkdir -p "$dir"
    ODOO_RUNTIME_CONF=$conf odoo_bin -d "$test_db" --i18n-export="$dir/suite.tgz" \
        --modules="$modules" --stop-after-init >"$reports/i18n-export.log" 2>&1
    tar -xzf "$dir/suite.tgz" -C "$dir" 2>/dev/null
    for module in ${modules//,/ }; do
        cp "$dir/$module/i18n/$module.pot" "$dir/$module.pot" 2>/dev/null
    done
    if "$py" scripts/check_translations.py --exported "$dir" ${modules//,/ }; then
        stage "translation templates" 1 0 0
    else
        echo "A template is stale: regenerate it with odoo-bin --i18n-export (see README)."
        stage "translation templates" 0 1 0
    fi
}

# run_suite_tests MODULES CONF: each suite module's tests, and the scenarios.
run_suite_tests() {
    local modules=$1 conf=$2 paths=() module
    for module in ${modules//,/ }; do
        [ -d "$module/tests" ] && paths+=("$module/tests")
    done
    # The cross-module scenarios need every suite module: full runs only.
    [ -z "${MODULES:-}" ] && [ -d tests/scenarios ] && paths+=(tests/scenarios)
    if [ ${#paths[@]} = 0 ]; then stage "Odoo suite tests" 0 0 0 "no tests found"; return; fi
    echo "== Odoo suite: tests of ${paths[*]}"
    # at_install and post_install tests both run: pytest-odoo loads the
    # installed registry and skips neither; --odoo-http serves HttpCase tests.
    # The tours (tests/test_tour_*.py) are the browser stage's.
    PYTHONPATH="$ODOO_HOME" "$py" -m pytest -q -p no:cacheprovider --odoo-http \
        --odoo-config "$conf" --odoo-database "$test_db" "${paths[@]}" \
        --ignore-glob='*/tests/test_tour_*.py' --junitxml="$reports/odoo.xml"
    pytest_stage "Odoo suite tests" "$reports/odoo.xml" $?
}

# run_tours MODULES CONF: each suite module's browser tours
# (tests/test_tour_*.py: web_tour tours that HttpCase.start_tour runs in
# headless Chromium, on the real pages and assets). A JavaScript error or a
# console error fails its tour. Without a browser the stage says it was
# skipped and why; with one, a tour that skips (the browser did not start)
# fails.
run_tours() {
    local modules=$1 conf=$2 files=() module file p=0 f=0 s=0 rc started
    for module in ${modules//,/ }; do
        for file in "$module"/tests/test_tour_*.py; do
            [ -f "$file" ] && files+=("$file")
        done
    done
    [ ${#files[@]} -gt 0 ] || { stage "browser tours" 0 0 0 "no tours found"; return; }
    if [ -z "$browser" ]; then
        stage "browser tours" 0 0 "$(cat "${files[@]}" | grep -c '^    def test_')" \
            "skipped: $browser_missing"
        return
    fi
    echo "== browser tours in $browser: ${files[*]}"
    started=$(date +%s)
    # The bundles the pages load, built once instead of once per tour.
    PYTHONPATH="$ODOO_HOME" "$py" scripts/warm_assets.py -c "$conf" -d "$test_db" \
        2>"$reports/warm_assets.log" | tail -1
    PYTHONPATH="$ODOO_HOME" "$py" -m pytest -q -p no:cacheprovider --odoo-http \
        --odoo-config "$conf" --odoo-database "$test_db" "${files[@]}" \
        --junitxml="$reports/tours.xml"
    rc=$?
    [ -f "$reports/tours.xml" ] && read -r p f s < <("$py" scripts/junit_count.py "$reports/tours.xml")
    if [ "$s" -gt 0 ]; then
        echo "$s tour(s) skipped although $browser is installed: see the reasons above."
        f=$((f + s)) s=0
    fi
    [ "$rc" = 0 ] || [ "$f" -gt 0 ] || f=1
    stage "browser tours" "$p" "$f" "$s" "$(($(date +%s) - started)) s"
}

# find_browser: the browser of the tours and of the peer suites' browser
# tests, installed when missing and possible (scripts/browser.sh); else
# browser_missing says why.
browser="" browser_missing=""
find_browser() {
    local why
    if browser=$(scripts/browser.sh 2>"$reports/browser.txt"); then
        return
    fi
    why=$(tr '\n' ' ' <"$reports/browser.txt")
    browser_missing=${why% }
    echo "Browser tests skipped: $browser_missing"
}

# run_peer_suites CONF: the Python tests of every OCA addon of
# requirements-oca.txt, on the database where the suite is installed: the
# suite must not break what it builds on. Their browser tests (OCA tours)
# run in the browser of scripts/browser.sh, and skip without one;
# tests/peer/pytest_peer_suites.py lists the few known failures, with why.
run_peer_suites() {
    local conf=$1 dir addon paths=() addons
    addons=$(oca_addons)
    dir=$(oca_addons_dir)
    for addon in ${addons//,/ }; do
        [ -n "$dir" ] && [ -d "$dir/$addon/tests" ] && paths+=("$dir/$addon/tests")
    done
    if [ ${#paths[@]} = 0 ]; then stage "OCA peer suites" 0 0 0 "no tests found"; return; fi
    echo "== OCA peer suites: tests of $addons, with the suite installed"
    SUITE_BROWSER=$browser PYTHONPATH="$ODOO_HOME:$SUITE_ROOT/tests/peer" \
        "$py" -m pytest -q -p no:cacheprovider \
        -p pytest_peer_suites --odoo-http --odoo-config "$conf" --odoo-database "$test_db" \
        "${paths[@]}" --junitxml="$reports/peer.xml"
    pytest_stage "OCA peer suites" "$reports/peer.xml" $? "${#paths[@]} addons"
}

odoo_note=""
if has_odoo; then
    run_odoo_suite
else
    odoo_note="Odoo suite, peer suites and evented start-up skipped: no Odoo 18.0 found at ODOO_HOME=$ODOO_HOME (set ODOO_HOME to an Odoo 18.0 Community source to run it)."
fi

echo
echo "== summary"
printf '%s\n' "${lines[@]}"
[ -z "$odoo_note" ] || echo "$odoo_note"
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" = 0 ]
