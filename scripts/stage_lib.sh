# What the stage scripts run by scripts/test.sh share; source it after
# env.sh, with `db` set to the script's own database. The database is
# dropped on exit, also when interrupted; each `result` becomes a
# "stage: NAME|PASSED|FAILED|SKIPPED|NOTE" line that test.sh adds to its
# summary, printed by `finish`, which exits non-zero when one failed.
results=()
failed=0

drop_db() {
    pg dropdb -h "$PGHOST" --if-exists --force "$db" >/dev/null 2>&1
    rm -rf "$SUITE_ROOT/.odoo-data/filestore/$db"
}
trap drop_db EXIT
trap 'exit 130' INT TERM

# result NAME PASSED FAILED SKIPPED [NOTE]
result() {
    results+=("stage: $1|$2|$3|$4|${5:-}")
    [ "$3" = 0 ] || failed=1
}

finish() {
    printf '%s\n' "${results[@]}"
    exit "$failed"
}
