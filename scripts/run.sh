#!/usr/bin/env bash
# Set everything up and serve the suite on a demo database.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

ODOO_HOME=$(scripts/odoo_source.sh)
export ODOO_HOME
scripts/venv.sh
scripts/db.sh
modules=helpdesk_mgmt,$(suite_modules)

# Install again only when a module file changed since the last install.
fingerprint=$( { echo "$modules"; find . -path ./.venv -prune -o -path ./.pgdata -prune \
    -o -path ./.odoo-data -prune -o -path ./.git -prune -o -type f -print0 \
    | sort -z | xargs -0 sha256sum; } | sha256sum | cut -c1-16)
stamp=$STAMPS/demo-$DEMO_DB
db_exists() { pg psql -h "$PGHOST" -d postgres -tAc \
    "SELECT 1 FROM pg_database WHERE datname = '$DEMO_DB'" | grep -q 1; }
if ! db_exists; then
    say "Creating the demo database $DEMO_DB with $modules ..."
    odoo_bin -d "$DEMO_DB" -i "$modules" --stop-after-init --log-level=warn
elif [ "$(cat "$stamp" 2>/dev/null)" != "$fingerprint" ]; then
    say "Updating $modules in $DEMO_DB ..."
    odoo_bin -d "$DEMO_DB" -i "$modules" -u "$(suite_modules)" --stop-after-init --log-level=warn
fi
mkdir -p "$STAMPS" && echo "$fingerprint" > "$stamp"

cat >&2 <<INFO

  Helpdesk SLA suite: http://localhost:$HTTP_PORT  (database $DEMO_DB)
  Logins: admin / admin (manager), demo / demo (agent), portal / portal (client)
  Stop with Ctrl-C; \`make stop\` stops the database cluster.

INFO
odoo_bin -d "$DEMO_DB" --db-filter "^$DEMO_DB\$"
