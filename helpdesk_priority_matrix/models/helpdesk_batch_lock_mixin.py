import psycopg2.errors

from odoo import models
from odoo.tools import SQL


class HelpdeskBatchLockMixin(models.AbstractModel):
    """Rows that a cron batch locks for itself, skipping those another worker
    holds or has changed: the SLA cron, the autoclose cron and the plans'
    renewal cron all lock their batches through it."""

    _name = "helpdesk.batch.lock.mixin"
    _description = "Helpdesk Batch Lock"

    def _lock_for_batch(self):
        """The records of ``self`` that this transaction may process.

        Under REPEATABLE READ, locking a row that another transaction changed
        and committed after this one's snapshot fails with a serialization
        error instead of being skipped: the batch is tried at once, and on
        such an error row by row, each in a savepoint, skipping the changed
        rows.
        """
        if not self:
            return self
        try:
            with self.env.cr.savepoint(flush=False):
                return self.browse(self._lock_rows(self.ids))
        except psycopg2.errors.SerializationFailure:
            locked = []
            for record_id in self.ids:
                try:
                    with self.env.cr.savepoint(flush=False):
                        locked += self._lock_rows([record_id])
                except psycopg2.errors.SerializationFailure:
                    continue
            return self.browse(locked)

    def _lock_rows(self, ids):
        self.env.cr.execute(
            SQL(
                "SELECT id FROM %s WHERE id IN %s ORDER BY id FOR UPDATE SKIP LOCKED",
                SQL.identifier(self._table),
                tuple(ids),
            )
        )
        return [row[0] for row in self.env.cr.fetchall()]
