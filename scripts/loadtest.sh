#!/usr/bin/env bash
# Load and fault test (tests/loadtest): a throwaway database with the suite
# installed, Odoo in prefork mode on the loopback interface, N portal
# clients and M emails at once, one HTTP worker killed. Not part of
# `make test`. Settings: LOADTEST_PORT (HTTP; the websocket port is the next
# one), WORKERS, CLIENTS, EMAILS, LOADTEST_TIME_LIMIT (seconds).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

port=${LOADTEST_PORT:-8240}
workers=${WORKERS:-3} clients=${CLIENTS:-20} emails=${EMAILS:-30}
time_limit=${LOADTEST_TIME_LIMIT:-600}
has_odoo || { say "The load test needs Odoo 18.0 at ODOO_HOME=$ODOO_HOME."; exit 1; }
scripts/venv.sh
scripts/db.sh
db=hsla_load_$(date +%s)_$$
log_dir=$STAMPS/loadtest && mkdir -p "$log_dir"
drop_db() {
    pg dropdb -h "$PGHOST" --if-exists --force "$db" >/dev/null 2>&1 || true
    rm -rf "$SUITE_ROOT/.odoo-data/filestore/$db"
}
trap drop_db EXIT
trap 'exit 130' INT TERM

suite=$(suite_modules)
conf=$(runtime_conf "$port")
# As a production database: without demo data.
say "Installing helpdesk_mgmt${suite:+,$suite} in $db (no demo data) ..."
if ! ODOO_RUNTIME_CONF=$conf odoo_bin -d "$db" -i "helpdesk_mgmt${suite:+,$suite}" \
    --without-demo=all --stop-after-init >"$log_dir/install.log" 2>&1; then
    tail -25 "$log_dir/install.log"
    say "Installing the suite failed; full log: $log_dir/install.log"
    exit 1
fi
# The driver's own modules sit next to it; PYTHONPATH stays Odoo-free.
PYTHONPATH="$SUITE_ROOT/tests/loadtest" "$VENV/bin/python" tests/loadtest/loadtest.py \
    --python "$VENV/bin/python" --odoo-home "$ODOO_HOME" --conf "$conf" --db "$db" \
    --port "$port" --gevent-port $((port + 1)) --workers "$workers" \
    --clients "$clients" --emails "$emails" --time-limit "$time_limit" \
    --log "$log_dir/server.log"
