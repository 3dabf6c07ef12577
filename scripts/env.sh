# Shared settings of the scripts; source it, do not run it.
# Every value can be overridden from the environment.
SUITE_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export SUITE_ROOT
if [ -z "${ODOO_HOME:-}" ]; then
    ODOO_HOME=/opt/odoo18
    # An Odoo that `make run` fetched into .odoo/ serves when there is none.
    [ -f "$ODOO_HOME/odoo-bin" ] || [ ! -f "$SUITE_ROOT/.odoo/odoo-bin" ] || ODOO_HOME=$SUITE_ROOT/.odoo
fi
export ODOO_HOME
PYTHON=${PYTHON:-python3.11}
VENV=${VENV:-$SUITE_ROOT/.venv}
STAMPS=$SUITE_ROOT/.stamps
ODOO_CONF=${ODOO_CONF:-$SUITE_ROOT/odoo.conf}
# DEMO_DB: see the end of this file.
HTTP_PORT=${HTTP_PORT:-8069}

# Database: the project's own cluster unless PGHOST names another server.
# Decided once, by the first script: the ones it calls inherit the answer.
if [ -z "${SUITE_OWN_CLUSTER:-}" ]; then
    if [ -n "${PGHOST:-}" ]; then SUITE_OWN_CLUSTER=0; else SUITE_OWN_CLUSTER=1; fi
    export SUITE_OWN_CLUSTER
fi
OWN_CLUSTER=$SUITE_OWN_CLUSTER
[ "$OWN_CLUSTER" = 1 ] && export PGHOST=127.0.0.1
export PGPORT=${PGPORT:-5433}
export PGUSER=${PGUSER:-odoo}
PGDATA_DIR=$SUITE_ROOT/.pgdata
# As root the cluster runs as `postgres`, which may not reach a checkout in a
# private home: then the cluster lives in /var/tmp, named after the checkout.
if [ "$(id -u)" = 0 ] && ! runuser -u postgres -- test -x "$SUITE_ROOT" 2>/dev/null; then
    PGDATA_DIR=/var/tmp/helpdesk-sla-pg-$(printf %s "$SUITE_ROOT" | sha256sum | cut -c1-12)
fi
PG_BIN=${PG_BIN:-$(ls -d /usr/lib/postgresql/15/bin 2>/dev/null || dirname "$(command -v pg_ctl 2>/dev/null || echo /usr/bin/pg_ctl)")}

say() { printf '%s\n' "$*" >&2; }

has_odoo() { [ -f "$ODOO_HOME/odoo-bin" ] && [ -f "$ODOO_HOME/odoo/release.py" ]; }

# Suite modules: every folder at the repository root with a manifest.
# Printed comma-separated, nothing when there is none.
suite_modules() {
    local manifest names=()
    for manifest in "$SUITE_ROOT"/*/__manifest__.py; do
        [ -f "$manifest" ] && names+=("$(basename "$(dirname "$manifest")")")
    done
    [ ${#names[@]} = 0 ] || (IFS=,; echo "${names[*]}")
}

# The OCA addons pinned in requirements-oca.txt (wheels odoo-addon-NAME),
# printed comma-separated.
oca_addons() {
    sed -nE 's/^odoo[0-9]*-addon-([A-Za-z0-9_.-]+)[ =<>~!;].*/\1/p' \
        "$SUITE_ROOT/requirements-oca.txt" | tr .- __ | paste -sd, -
}

# Addons folders that exist: Odoo's (git checkout or nightly layout), the
# suite's, addons/. Odoo's HTTP layer fails on a missing one.
addons_path() {
    local dir found=()
    for dir in "$ODOO_HOME/odoo/addons" "$ODOO_HOME/addons" "$SUITE_ROOT" "$SUITE_ROOT/addons"; do
        [ -d "$dir" ] && found+=("$dir")
    done
    (IFS=,; echo "${found[*]}")
}

# odoo.conf with the addons path, the database settings in force and an
# HTTP port.
runtime_conf() {
    local http_port=${1:-$HTTP_PORT} conf=$STAMPS/odoo-${1:-$HTTP_PORT}.conf
    mkdir -p "$STAMPS"
    sed -e "s|^addons_path = .*|addons_path = $(addons_path)|" \
        -e "s|^db_host = .*|db_host = $PGHOST|" -e "s|^db_port = .*|db_port = $PGPORT|" \
        -e "s|^db_user = .*|db_user = $PGUSER|" -e "s|^db_password = .*|db_password = ${PGPASSWORD:-False}|" \
        -e "s|^http_port = .*|http_port = $http_port|" "$ODOO_CONF" > "$conf"
    echo "$conf"
}

# odoo-bin with the suite's configuration; ODOO_RUNTIME_CONF picks another.
odoo_bin() {
    PYTHONPATH="$ODOO_HOME${PYTHONPATH:+:$PYTHONPATH}" "$VENV/bin/python" \
        "$ODOO_HOME/odoo-bin" -c "${ODOO_RUNTIME_CONF:-$(runtime_conf "$HTTP_PORT")}" "$@"
}

# psql-family tools from the PostgreSQL 15 binaries.
pg() { local tool=$1; shift; "$PG_BIN/$tool" "$@"; }

# The demo database belongs to the checkout whose cluster serves it. A
# checkout that finds another checkout's cluster on the port (its own is not
# running) uses a database named after itself, with its own filestore, and
# never reads, resets or serves the other checkout's database.
if [ -z "${DEMO_DB:-}" ]; then
    DEMO_DB=helpdesk_demo
    if [ "$OWN_CLUSTER" = 1 ] && [ ! -f "$PGDATA_DIR/data/postmaster.pid" ] &&
        pg pg_isready -q -h "$PGHOST" -p "$PGPORT" 2>/dev/null; then
        DEMO_DB=helpdesk_demo_$(printf %s "$SUITE_ROOT" | sha256sum | cut -c1-8)
    fi
fi
export DEMO_DB
