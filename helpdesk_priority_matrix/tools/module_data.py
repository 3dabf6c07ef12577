"""What a suite module's uninstall deletes, and what it leaves in place.

Odoo uninstalls a module in one order: it deletes the records of the
module's data files one by one, then drops its constraints, columns and
tables, then looks again at the records it could not delete. A deletion
PostgreSQL refuses is kept back, but ``odoo.sql_db`` logs it as an ``ERROR``
first, and the second look reads the tables it has just dropped (more
``ERROR`` lines). On a database with data, three kinds of records are
refused:

- records of the module's own models (a priority level, a plan) that the
  module's own restrictions keep (levels used by tickets, plans sold by
  products): their tables are dropped a moment later, rows included;
- records of other models that only the module's tables or columns use
  (the shipped calendars of the SLA policies, the demo tickets a wallet's
  ledger paid for): the module's foreign keys go a moment later too;
- records of other models still used by data that stays (a stage holding
  tickets, a product on invoices, an activity type of open activities):
  Odoo keeps them, as it should.

:func:`release_module_data`, called by each suite module's uninstall hook,
does for each kind what the uninstall would end up doing, before the
refused deletions: it forgets the external ids of the first kind (the
dropped tables take the rows), drops the foreign keys of the modules being
removed (Odoo drops them after the records), and sets the external ids of
the third kind aside, so that Odoo leaves the records in place instead of
trying. :func:`restore_module_data`, called by the module's pre-init hook
when it is installed again, gives those external ids back: the module
finds its stages, calendars and activity types where it left them, as it
would after an uninstall that kept them, and ships no second copy.
"""

import logging

from psycopg2 import sql

_logger = logging.getLogger(__name__)

# Models whose records are the module's schema: Odoo deletes them last, and
# their deletion drops the tables, columns and constraints.
SCHEMA_MODELS = (
    "ir.model",
    "ir.model.fields",
    "ir.model.fields.selection",
    "ir.model.constraint",
    "ir.model.relation",
)


def release_module_data(env, module):
    """Prepare the data of ``module`` for Odoo's uninstall (see the module
    docstring): call it from the module's ``uninstall_hook``."""
    removed = env["ir.module.module"].search([("state", "=", "to remove")])
    names = tuple(set(removed.mapped("name")) | {module})
    _drop_foreign_keys(env, names)
    data = env["ir.model.data"].search(
        [("module", "=", module), ("model", "not in", SCHEMA_MODELS)]
    )
    dropped = _dropped_models(env, names)
    own = data.filtered(lambda item: item.model in dropped or item.model not in env)
    used = _records_in_use(env, names, dropped)
    in_use = (data - own).filtered(
        lambda item: item.res_id in used.get(env[item.model]._table, ())
    )
    _logger.info(
        "Uninstalling %s: %s records go with its tables, %s in use stay",
        module,
        len(own),
        len(in_use),
    )
    own.unlink()
    in_use.write({"module": _set_aside(module)})


def _records_in_use(env, modules, dropped):
    """{table: ids} of the records of the modules' data files, but their
    own models', that data staying after the uninstall still uses. The
    records Odoo deletes with them do not count (a cron of the module
    refers to its action), unless they are in use themselves."""
    deleted = {}
    for item in env["ir.model.data"].search(
        [("module", "in", modules), ("model", "not in", SCHEMA_MODELS)]
    ):
        if item.model in env and item.model not in dropped:
            deleted.setdefault(env[item.model]._table, set()).add(item.res_id)
    used = {}
    while True:
        found = {
            table: _used_rows(env.cr, table, ids, deleted, set())
            for table, ids in deleted.items()
        }
        if not any(found.values()):
            return used
        for table, ids in found.items():
            used.setdefault(table, set()).update(ids)
            deleted[table] -= ids


def restore_module_data(env, module):
    """Give ``module`` back the external ids of the records its uninstall
    left in place (see the module docstring); those whose record was
    deleted since are dropped. Call it from the module's ``pre_init_hook``."""
    aside = env["ir.model.data"].search([("module", "=", _set_aside(module))])
    gone = aside.filtered(
        lambda data: (
            data.model not in env or not env[data.model].browse(data.res_id).exists()
        )
    )
    gone.unlink()
    (aside - gone).write({"module": module})


def _set_aside(module):
    return f"__{module}_uninstalled__"


def _drop_foreign_keys(env, modules):
    """The foreign keys the modules created, on their tables and on the
    columns they add to others: dropped as Odoo's uninstall drops them
    (``ir.model.constraint`` keeps the ones another module shares)."""
    env["ir.model.constraint"].search(
        [("module.name", "in", modules), ("type", "=", "f")]
    ).unlink()


def _dropped_models(env, modules):
    """The models only these modules define: their tables are dropped."""
    env.cr.execute(
        """
        SELECT model.model
          FROM ir_model model
         WHERE EXISTS (
                   SELECT 1 FROM ir_model_data data
                    WHERE data.model = 'ir.model' AND data.res_id = model.id
                      AND data.module IN %(modules)s)
           AND NOT EXISTS (
                   SELECT 1 FROM ir_model_data data
                    WHERE data.model = 'ir.model' AND data.res_id = model.id
                      AND data.module NOT IN %(modules)s)
        """,
        {"modules": modules},
    )
    return {model for (model,) in env.cr.fetchall()}


def _used_rows(cr, table, ids, deleted, seen):
    """The ids among ``ids`` of ``table`` that a row elsewhere refers to
    with a foreign key refusing their deletion, directly or through a row
    their deletion would cascade to; rows in ``deleted`` ({table: ids}),
    deleted by the uninstall too, do not count."""
    if not ids or table in seen:
        return set()
    seen = seen | {table}
    cr.execute(
        """
        SELECT source.relname, attribute.attname, constraint_.confdeltype
          FROM pg_constraint constraint_
          JOIN pg_class source ON source.oid = constraint_.conrelid
          JOIN pg_class target ON target.oid = constraint_.confrelid
          JOIN pg_attribute attribute
            ON attribute.attrelid = constraint_.conrelid
           AND attribute.attnum = constraint_.conkey[1]
         WHERE constraint_.contype = 'f'
           AND target.relname = %s
           AND cardinality(constraint_.conkey) = 1
           AND constraint_.confdeltype IN ('a', 'r', 'c')
        """,
        [table],
    )
    used = set()
    for source, column, action in cr.fetchall():
        if not _has_id(cr, source):
            # A many2many relation table: its rows go with the records,
            # and nothing refers to them.
            continue
        query = "SELECT {column}, id FROM {source} WHERE {column} IN %s"
        params = [tuple(ids)]
        going = deleted.get(source, set()) | (ids if source == table else set())
        if going:
            query += " AND id NOT IN %s"
            params.append(tuple(going))
        cr.execute(
            sql.SQL(query).format(
                column=sql.Identifier(column), source=sql.Identifier(source)
            ),
            params,
        )
        referring = cr.fetchall()
        if action != "c":
            used |= {target_id for target_id, _row in referring}
            continue
        kept = _used_rows(
            cr, source, {row for _target_id, row in referring}, deleted, seen
        )
        used |= {target_id for target_id, row in referring if row in kept}
    return used


def _has_id(cr, table):
    cr.execute(
        """
        SELECT 1 FROM information_schema.columns
         WHERE table_name = %s AND column_name = 'id'
        """,
        [table],
    )
    return bool(cr.fetchone())
