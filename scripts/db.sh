#!/usr/bin/env bash
# Start the project's own PostgreSQL 15 cluster (or reuse a running one),
# with a non-superuser role for Odoo. `db.sh stop` stops it.
set -euo pipefail
source "$(dirname "$0")/env.sh"

if [ "$OWN_CLUSTER" = 0 ]; then
    say "Using the PostgreSQL server at $PGHOST:$PGPORT (PGHOST is set)."
    exit 0
fi

# PostgreSQL refuses to run as root: then the cluster belongs to `postgres`.
as_owner() {
    if [ "$(id -u)" = 0 ]; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi
}
pg_ctl() { as_owner "$PG_BIN/pg_ctl" -D "$PGDATA_DIR/data" "$@"; }

if [ "${1:-start}" = stop ]; then
    if [ -f "$PGDATA_DIR/data/postmaster.pid" ]; then pg_ctl stop -m fast; fi
    exit 0
fi

if pg_ctl status >/dev/null 2>&1; then
    :  # already running
elif pg pg_isready -q -h "$PGHOST" -p "$PGPORT"; then
    # Another checkout's cluster, for instance: reuse it.
    say "A PostgreSQL server already answers on $PGHOST:$PGPORT: using it."
else
    if [ ! -f "$PGDATA_DIR/data/PG_VERSION" ]; then
        say "Creating the PostgreSQL cluster in $PGDATA_DIR ..."
        mkdir -p "$PGDATA_DIR"
        [ "$(id -u)" = 0 ] && chown postgres "$PGDATA_DIR"
        as_owner "$PG_BIN/initdb" -D "$PGDATA_DIR/data" -U postgres \
            --auth-local=trust --auth-host=trust -E UTF8 --locale=C.UTF-8 >/dev/null
    fi
    pg_ctl -w -l "$PGDATA_DIR/postgres.log" \
        -o "-p $PGPORT -c listen_addresses=127.0.0.1 -k $PGDATA_DIR" start >/dev/null
fi
if ! pg psql -h "$PGHOST" -U postgres -d postgres -tAc \
    "SELECT 1 FROM pg_roles WHERE rolname = '$PGUSER'" | grep -q 1; then
    pg psql -q -h "$PGHOST" -U postgres -d postgres \
        -c "CREATE ROLE \"$PGUSER\" LOGIN CREATEDB NOSUPERUSER"
fi
