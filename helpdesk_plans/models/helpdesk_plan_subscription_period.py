from odoo import api, fields, models

from ..tools import (
    cancellation_deadline,
    grace_end,
    grace_over,
    period_in_term,
    renewal_after,
)
from .helpdesk_plan_subscription import LIVE_STATES


class HelpdeskPlanSubscription(models.Model):
    """Periods and quota (003): the period containing a day, counted from
    the subscription's first day, when the plan renews, and the tickets used
    and left in a period, counted from the consumption records: nothing is
    carried over to the next period."""

    _inherit = "helpdesk.plan.subscription"

    ticket_quota = fields.Integer(related="plan_id.ticket_quota")
    period_start = fields.Date(compute="_compute_period")
    period_end = fields.Date(compute="_compute_period")
    renewal_date = fields.Date(
        compute="_compute_period",
        help="First day of the next period, when the plan renews.",
    )
    cancellation_deadline = fields.Date(
        compute="_compute_period",
        help="Last day on which the client may still cancel before the renewal.",
    )
    grace_end_date = fields.Date(
        compute="_compute_period",
        string="Grace Period End",
    )
    tickets_used = fields.Integer(
        compute="_compute_tickets",
        string="Tickets Used in Period",
    )
    tickets_remaining = fields.Integer(
        compute="_compute_tickets",
        string="Tickets Left in Period",
    )

    @api.depends(
        "state",
        "date_start",
        "plan_id.billing_period",
        "contract_line_id.date_end",
        "contract_line_id.is_auto_renew",
        "payment_failed_on",
    )
    def _compute_period(self):
        today = fields.Date.context_today(self)
        for subscription in self:
            period = subscription._period_on(today)
            start, end = period or (False, False)
            renewal = subscription._renewal_after(end) if end else False
            subscription.period_start = start
            subscription.period_end = end
            subscription.renewal_date = renewal
            subscription.cancellation_deadline = renewal and cancellation_deadline(
                renewal, subscription.company_id.helpdesk_plan_notice_days
            )
            subscription.grace_end_date = subscription.payment_failed_on and grace_end(
                subscription.payment_failed_on,
                subscription.company_id.helpdesk_plan_grace_days,
            )

    @api.depends("consumption_ids.released", "consumption_ids.period_start")
    def _compute_tickets(self):
        today = fields.Date.context_today(self)
        for subscription in self:
            period = subscription._period_on(today)
            used = subscription._tickets_used_in(period[0]) if period else 0
            subscription.tickets_used = used
            subscription.tickets_remaining = (
                max(subscription.ticket_quota - used, 0) if period else 0
            )

    def _period_on(self, day):
        """The period (start, end) of this subscription containing ``day``,
        or None when the subscription does not run on that day."""
        self.ensure_one()
        if self.state == "draft" or not self.date_start:
            return None
        return period_in_term(
            self.date_start, self.plan_id.billing_period, day, self._term_end()
        )

    def _term_end(self):
        """The last day of service when the contract line does not renew by
        itself at the end of its term, else None."""
        self.ensure_one()
        if self.date_end and not self._renews():
            return self.date_end
        return None

    def _renews(self):
        """Whether the contract line renews by itself at the end of its term."""
        self.ensure_one()
        return self.state != "cancelled" and self.contract_line_id.is_auto_renew

    def _renewal_after(self, period_end):
        """The day the plan renews after ``period_end``, or False when the
        subscription ends there."""
        self.ensure_one()
        return renewal_after(period_end, self._term_end()) or False

    def _tickets_used_in(self, period_start):
        self.ensure_one()
        return (
            self.env["helpdesk.plan.consumption"]
            .sudo()
            .search_count(
                [
                    ("subscription_id", "=", self.id),
                    ("period_start", "=", period_start),
                    ("released", "=", False),
                ]
            )
        )

    def _remaining_on(self, day):
        """Tickets left in the period containing ``day``."""
        self.ensure_one()
        period = self._period_on(day)
        if not period:
            return 0
        return max(self.ticket_quota - self._tickets_used_in(period[0]), 0)

    def _is_suspended_on(self, day):
        """Whether an unpaid renewal stops the coverage on ``day``."""
        self.ensure_one()
        if self.state == "suspended":
            return True
        return grace_over(
            day, self.payment_failed_on, self.company_id.helpdesk_plan_grace_days
        )

    @api.model
    def _serving(self, partner, day, company):
        """Subscriptions of ``partner`` (a commercial partner) in ``company``
        that run on ``day``, the largest plan first, suspended ones included."""
        if not self._is_holder(partner, company):
            return self.browse()
        subscriptions = (
            self.sudo()
            .search(
                [
                    ("partner_id", "=", partner.id),
                    ("company_id", "=", company.id),
                    ("state", "in", LIVE_STATES),
                    ("date_start", "<=", day),
                ]
            )
            .filtered(lambda s: s._period_on(day))
        )
        return subscriptions.sorted(lambda s: (-s.plan_id.sequence, s.id))
