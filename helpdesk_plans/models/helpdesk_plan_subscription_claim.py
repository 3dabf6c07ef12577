from odoo import models

from odoo.addons.helpdesk_priority_matrix.tools.row_lock import touch_rows


class HelpdeskPlanSubscription(models.Model):
    """Claims: a ticket takes one ticket of the period it was opened in,
    one claim at a time on a subscription, so that concurrent tickets never
    take more than the quota."""

    _inherit = "helpdesk.plan.subscription"

    def _lock_for_claim(self):
        """Serialise the claims on this subscription: the row is written
        (which locks it), so that a concurrent claim waits, then fails to
        serialise and is retried on a snapshot that sees this claim."""
        self.ensure_one()
        touch_rows(self.env.cr, self._table, self.ids, "last_claim_date")
        self.invalidate_recordset(["last_claim_date"])

    def _claim_ticket(self, ticket):
        """Take one ticket of the period of ``ticket`` for it; False when the
        quota of that period is used up."""
        self.ensure_one()
        subscription = self.sudo()
        subscription._lock_for_claim()
        day = ticket._plan_day()
        period = subscription._period_on(day)
        if not period or subscription._remaining_on(day) <= 0:
            return False
        self.env["helpdesk.plan.consumption"].sudo().create(
            {
                "ticket_id": ticket.id,
                "subscription_id": subscription.id,
                "period_start": period[0],
                "period_end": period[1],
                "date": day,
            }
        )
        return True
