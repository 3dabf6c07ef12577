#!/usr/bin/env bash
# Drop the demo database; the next `make run` creates it again.
set -euo pipefail
source "$(dirname "$0")/env.sh"
scripts_dir=$(dirname "$0")
"$scripts_dir/db.sh"
pg dropdb -h "$PGHOST" --if-exists --force "$DEMO_DB"
rm -f "$STAMPS/demo-$DEMO_DB"
rm -rf "$SUITE_ROOT/.odoo-data/filestore/$DEMO_DB"
say "Dropped the demo database $DEMO_DB."
