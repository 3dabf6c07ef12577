#!/usr/bin/env bash
# Set everything up and serve the suite on a demo database.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

ODOO_HOME=$(scripts/odoo_source.sh)
export ODOO_HOME
scripts/venv.sh
scripts/db.sh
suite=$(suite_modules)
modules=helpdesk_mgmt${suite:+,$suite}
# The demo is shown in Spanish as well as English: the seeds are Spanish
# support policies. DEMO_LANGS=es_ES,fr_FR loads others.
langs=${DEMO_LANGS:-es_ES}

# Install or update only when a module is missing from the database or a
# file of the suite changed since the last time.
fingerprint=$(cd "$SUITE_ROOT" && find ${suite//,/ } addons requirements*.txt -type f \
    -not -name '*.pyc' -print0 2>/dev/null | sort -z | xargs -0 sha256sum | sha256sum | cut -c1-16)
stamp=$STAMPS/demo-$DEMO_DB
installed() { pg psql -h "$PGHOST" -d "$DEMO_DB" -tAc \
    "SELECT name FROM ir_module_module WHERE state = 'installed'" 2>/dev/null; }
active_langs() { pg psql -h "$PGHOST" -d "$DEMO_DB" -tAc \
    "SELECT code FROM res_lang WHERE active" 2>/dev/null; }
if ! pg psql -h "$PGHOST" -d postgres -tAc \
    "SELECT 1 FROM pg_database WHERE datname = '$DEMO_DB'" | grep -q 1; then
    say "Creating the demo database $DEMO_DB with $modules and demo data ..."
    odoo_bin -d "$DEMO_DB" -i "$modules" --stop-after-init --log-level=warn
else
    missing=$(comm -23 <(tr , '\n' <<<"$modules" | sort) <(installed | sort) | paste -sd, -)
    if [ -n "$missing" ] || [ "$(cat "$stamp" 2>/dev/null)" != "$fingerprint" ]; then
        # -i on an installed module would reload its noupdate data: only the
        # missing ones are installed, the others updated.
        say "Updating the suite in $DEMO_DB ..."
        odoo_bin -d "$DEMO_DB" ${missing:+-i "$missing"} ${suite:+-u "$suite"} \
            --stop-after-init --log-level=warn
    fi
fi
# Loaded after the creation: given at creation, the first language would
# become every partner's default and the demo would no longer be English.
new_langs=$(comm -23 <(tr , '\n' <<<"$langs" | sort) <(active_langs | sort) | paste -sd, -)
if [ -n "$new_langs" ]; then
    say "Loading $new_langs into $DEMO_DB ..."
    odoo_bin -d "$DEMO_DB" --load-language="$new_langs" --stop-after-init --log-level=warn
fi
mkdir -p "$STAMPS" && echo "$fingerprint" > "$stamp"

# WORKERS=N: prefork mode as in production, N HTTP worker processes, cron
# workers (CRON_WORKERS, default 1) and the websocket (gevent) process on
# GEVENT_PORT. WORKERS=0 (default): one threaded process serves it all.
workers=${WORKERS:-0}
mode=()
if [ "$workers" -gt 0 ]; then
    gevent_port=${GEVENT_PORT:-$((HTTP_PORT + 3))}
    mode=(--workers="$workers" --max-cron-threads="${CRON_WORKERS:-1}" --gevent-port="$gevent_port")
    serving="$workers HTTP workers, ${CRON_WORKERS:-1} cron worker(s), websocket on port $gevent_port"
else
    serving="one threaded process"
fi

cat >&2 <<INFO

  Helpdesk SLA suite: http://localhost:$HTTP_PORT  (database $DEMO_DB; $serving)
  Logins: admin / admin (manager), demo / demo (agent), portal / portal (client)
  Languages: English and ${langs//,/, } (a user's Preferences; the portal's footer)
  Stop with Ctrl-C; \`make stop\` stops the database cluster.

INFO
odoo_bin -d "$DEMO_DB" --db-filter "^$DEMO_DB\$" "${mode[@]}"
