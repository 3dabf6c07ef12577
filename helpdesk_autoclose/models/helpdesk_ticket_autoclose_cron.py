from odoo import api, fields, models
from odoo.tools import SQL

from odoo.addons.helpdesk_priority_matrix.tools.row_lock import (
    lock_available,
    race_savepoint,
)

from .helpdesk_ticket_autoclose import AUTOMATIC
from .helpdesk_ticket_waiting_clock import AUTOCLOSE_DUE_FIELDS

CLOSE_REASONS = [
    ("inactivity", "No answer from the client"),
    ("solved", "Solution confirmed by the client"),
    ("accepted", "Solution accepted without answer"),
]


class HelpdeskTicket(models.Model):
    """The cron: it locks the tickets that are due, reminds the client,
    lowers the priority (``helpdesk_ticket_priority_drop.py``) and closes
    the tickets left without an answer, saying why each one closed."""

    _inherit = "helpdesk.ticket"

    autoclose_close_reason = fields.Selection(
        selection=CLOSE_REASONS,
        string="Closed Because",
        readonly=True,
        copy=False,
        tracking=True,
    )

    def _autoclose_due_ids(self, field_name, now, limit):
        """Ids of up to ``limit`` active tickets due by ``now`` on
        ``field_name``, in due order.

        One statement, in due order, through the partial index of the due
        date: the cost does not grow with the number of open tickets.
        """
        if limit <= 0:
            return []
        self.flush_model([field_name, "active"])
        column = SQL.identifier(field_name)
        self.env.cr.execute(
            SQL(
                "SELECT id FROM helpdesk_ticket WHERE %s <= %s AND active "
                "ORDER BY %s, id LIMIT %s",
                column,
                now,
                column,
                limit,
            )
        )
        return [row[0] for row in self.env.cr.fetchall()]

    def _autoclose_lock(self, due_ids):
        """The tickets of ``due_ids`` locked for this transaction, as a
        shared cron batch (:func:`lock_available`): rows another worker
        holds or changed since this transaction's snapshot are skipped."""
        locked = set(lock_available(self.env.cr, self._table, due_ids))
        return self.browse([ticket_id for ticket_id in due_ids if ticket_id in locked])

    def _autoclose_lock_due(self, field_name, now, limit):
        """Up to ``limit`` active tickets due by ``now`` on ``field_name``,
        in due order, locked for this transaction."""
        return self._autoclose_lock(self._autoclose_due_ids(field_name, now, limit))

    @api.model
    def _cron_autoclose(self, batch_size=100):
        """Remind, lower the priority of, and close the tickets that are due.

        One batch per call: ``ir.cron`` commits and calls again while
        progress remains. The markers (reminded period, lowered period,
        closing stage) are written in the same transaction as the messages,
        so a rerun, a crash in the middle of a batch or a second worker
        never reminds or closes twice. A run with nothing due reads the
        three due dates and nothing else.
        """
        now = fields.Datetime.now()
        done = 0
        found = False
        for field_name, step in (
            ("autoclose_reminder_due", "_autoclose_remind"),
            ("autoclose_priority_drop_due", "_autoclose_lower_priority"),
            ("autoclose_close_due", "_autoclose_close_due_tickets"),
        ):
            due_ids = self._autoclose_due_ids(field_name, now, batch_size - done)
            if not due_ids:
                continue
            found = True
            # A step that loses a race with another worker on a row it
            # writes is undone and left to the next call, on a new snapshot.
            with race_savepoint(self.env) as race:
                tickets = self._autoclose_lock(due_ids)
                getattr(tickets, step)()
            if race.lost:
                break
            done += len(tickets)
        remaining = (
            sum(self.search_count([(name, "<=", now)]) for name in AUTOCLOSE_DUE_FIELDS)
            if found
            else 0
        )
        self.env["ir.cron"]._notify_progress(done=done, remaining=remaining)

    def _autoclose_post(self, template_xmlid):
        """Post a client-facing template on the tickets as an automatic
        message (it neither answers nor asks anything), rendered for all of
        them at once."""
        template = self.env.ref(template_xmlid, raise_if_not_found=False)
        if template:
            self.with_context(**{AUTOMATIC: True})._helpdesk_post_template(template)

    def _autoclose_remind(self):
        self._autoclose_post("helpdesk_autoclose.mail_template_autoclose_reminder")
        for ticket in self:
            ticket.autoclose_reminded_since = ticket.autoclose_waiting_since

    def _autoclose_close_due_tickets(self):
        """Close the due tickets: a solution without verdict as accepted, a
        question without answer for inactivity."""
        rules = {}
        validation = self.filtered(
            lambda t: t._autoclose_stage_kind(rules) == "validation"
        )
        validation._autoclose_close_solved("accepted")
        inactive = (self - validation).with_context(**{AUTOMATIC: True})
        for ticket in inactive:
            rule = ticket._autoclose_rule()
            ticket.write(
                {
                    "stage_id": rule.close_stage_id.id,
                    "autoclose_close_reason": "inactivity",
                }
            )
        inactive._autoclose_post("helpdesk_autoclose.mail_template_autoclose_closed")
