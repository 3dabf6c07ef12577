#!/usr/bin/env bash
# Cluster test (tests/loadtest/cluster.py): two Odoo prefork nodes on one
# database and one data dir, HAProxy in front, Dovecot IMAP and an SMTP sink,
# under load and faults (a node killed, PostgreSQL restarted, IMAP down).
# Not part of `make test`. Settings: CLUSTER_PORT (node 1; node 2 is +2, each
# websocket port +1), CLUSTER_PROXY_PORT, CLUSTER_IMAP_PORT, CLUSTER_SMTP_PORT,
# WORKERS, CLIENTS, CLUSTER_DURATION (seconds of load), CLUSTER_TIME_LIMIT,
# CLUSTER_DB (an installed database to reuse: kept afterwards).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

port=${CLUSTER_PORT:-8310} proxy_port=${CLUSTER_PROXY_PORT:-8330}
imap_port=${CLUSTER_IMAP_PORT:-1143} smtp_port=${CLUSTER_SMTP_PORT:-2525}
workers=${WORKERS:-2} clients=${CLIENTS:-8} duration=${CLUSTER_DURATION:-90}
time_limit=${CLUSTER_TIME_LIMIT:-1500}
has_odoo || { say "The cluster test needs Odoo 18.0 at ODOO_HOME=$ODOO_HOME."; exit 1; }

# HAProxy and Dovecot from Debian's packages; Dovecot runs as root from a
# configuration of the run's own.
missing=()
command -v haproxy >/dev/null || missing+=(haproxy)
[ -x /usr/lib/dovecot/dovecot-lda ] || missing+=(dovecot-imapd)
if [ ${#missing[@]} -gt 0 ]; then
    if [ "$(id -u)" != 0 ]; then
        say "The cluster test needs Debian's ${missing[*]}: run it as root (it installs"
        say "them with apt-get), or install them first: apt-get install ${missing[*]}"
        exit 1
    fi
    say "Installing ${missing[*]} ..."
    # Debian starts a service on installation; the test runs its own.
    DEBIAN_FRONTEND=noninteractive RUNLEVEL=1 apt-get install -y -q "${missing[@]}" >/dev/null ||
        { apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive RUNLEVEL=1 \
            apt-get install -y -q "${missing[@]}" >/dev/null; }
fi
if [ "$(id -u)" != 0 ]; then
    say "The cluster test runs Dovecot from its own configuration, which needs root."
    exit 1
fi
for busy in "$port" $((port + 1)) $((port + 2)) $((port + 3)) "$proxy_port" "$imap_port" "$smtp_port"; do
    if (echo >"/dev/tcp/127.0.0.1/$busy") 2>/dev/null; then
        say "Port 127.0.0.1:$busy is in use; set CLUSTER_PORT, CLUSTER_PROXY_PORT, CLUSTER_IMAP_PORT or CLUSTER_SMTP_PORT."
        exit 1
    fi
done

scripts/venv.sh
scripts/db.sh
# The PostgreSQL restart fault only on the checkout's own cluster.
pg_restart=""
if [ "$OWN_CLUSTER" = 1 ] && [ -f "$PGDATA_DIR/data/postmaster.pid" ]; then
    owner=""
    [ "$(id -u)" = 0 ] && owner="runuser -u postgres --"
    pg_restart="cd / && $owner $PG_BIN/pg_ctl -D $PGDATA_DIR/data -w -t 60 restart -m fast -l $PGDATA_DIR/postgres.log"
else
    say "PostgreSQL at $PGHOST:$PGPORT is not this checkout's own cluster: the restart fault is skipped."
fi

log_dir=$STAMPS/cluster && mkdir -p "$log_dir"
root=$(mktemp -d /tmp/hsla-cluster.XXXXXX)
chmod 755 "$root"   # Dovecot's unprivileged processes reach their files in it
db=${CLUSTER_DB:-hsla_cluster_$(date +%s)_$$}
cleanup() {
    # What the driver could not stop itself (it was killed): every process
    # group it started, by the ids it recorded.
    if [ -f "$root/pids" ]; then
        while read -r pid; do kill -KILL -- "-$pid" 2>/dev/null || true; done <"$root/pids"
    fi
    if [ -z "${CLUSTER_DB:-}" ]; then
        pg dropdb -h "$PGHOST" --if-exists --force "$db" >/dev/null 2>&1 || true
        rm -rf "$SUITE_ROOT/.odoo-data/filestore/$db"
    fi
    rm -rf "$root"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

conf=$(runtime_conf "$port")
if [ -z "${CLUSTER_DB:-}" ]; then
    suite=$(suite_modules)
    # As a production database: without demo data, with Spanish for the
    # clients who read it.
    say "Installing helpdesk_mgmt${suite:+,$suite} in $db (no demo data, Spanish loaded) ..."
    if ! ODOO_RUNTIME_CONF=$conf odoo_bin -d "$db" -i "helpdesk_mgmt${suite:+,$suite}" \
        --without-demo=all --load-language=es_419 --stop-after-init >"$log_dir/install.log" 2>&1; then
        tail -25 "$log_dir/install.log"
        say "Installing the suite failed; full log: $log_dir/install.log"
        exit 1
    fi
fi
PYTHONPATH="$SUITE_ROOT/tests/loadtest" "$VENV/bin/python" tests/loadtest/cluster.py \
    --python "$VENV/bin/python" --odoo-home "$ODOO_HOME" --conf "$conf" --db "$db" \
    --root "$root" --log-dir "$log_dir" --port "$port" --proxy-port "$proxy_port" \
    --imap-port "$imap_port" --smtp-port "$smtp_port" --workers "$workers" \
    --clients "$clients" --duration "$duration" --time-limit "$time_limit" \
    --pg-restart "$pg_restart"
