from odoo import models

from ..tools.row_lock import lock_available


class HelpdeskBatchLockMixin(models.AbstractModel):
    """Rows that a cron batch locks for itself, skipping those another worker
    holds or has changed: the confirmation, SLA, entitlement retry,
    autoclose and plan renewal crons all lock their batches through it."""

    _name = "helpdesk.batch.lock.mixin"
    _description = "Helpdesk Batch Lock"

    def _lock_for_batch(self):
        """The records of ``self`` that this transaction may process (see
        :func:`~..tools.row_lock.lock_available`)."""
        return self.browse(lock_available(self.env.cr, self._table, self.ids))
