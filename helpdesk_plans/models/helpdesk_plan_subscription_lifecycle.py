from odoo import Command, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import format_date

from ..tools import cancellation_deadline, period_containing


class HelpdeskPlanSubscription(models.Model):
    """Lifecycle: activation on a contract line of its own (or the one a
    sales order created), cancellation at the end of the period with notice
    (003), and the end of a cancelled subscription after its last day."""

    _inherit = "helpdesk.plan.subscription"

    def action_activate(self):
        """Start the subscription: its contract line is created unless a
        sales order already created it."""
        for subscription in self:
            if subscription.state != "draft":
                raise UserError(
                    self.env._(
                        "Only a draft subscription can be activated: %(name)s is "
                        "already %(state)s.",
                        name=subscription.name,
                        state=subscription._state_label(),
                    )
                )
            if not subscription.contract_line_id:
                subscription.contract_line_id = subscription._create_contract_line()
            subscription.state = "active"
            subscription._notify_client(
                "helpdesk_plans.mail_template_subscription_activated"
            )
        return True

    def _create_contract_line(self):
        """A contract of one line for this subscription."""
        self.ensure_one()
        contract = (
            self.env["contract.contract"]
            .sudo()
            .create(
                {
                    "name": self.name,
                    "partner_id": self.partner_id.id,
                    "company_id": self.company_id.id,
                    "contract_type": "sale",
                    "line_recurrence": True,
                    "contract_line_ids": [
                        Command.create(self._prepare_contract_line_values())
                    ],
                }
            )
        )
        return contract.contract_line_ids[:1]

    def _prepare_contract_line_values(self):
        self.ensure_one()
        plan = self.plan_id
        product = plan.product_id
        first_end = period_containing(
            self.date_start, plan.billing_period, self.date_start
        )[1]
        values = {
            "name": plan.name,
            "quantity": 1.0,
            "price_unit": 0.0 if self.included_in_license else plan.price,
            "date_start": self.date_start,
            "date_end": first_end,
            "recurring_rule_type": plan.billing_period,
            "recurring_interval": 1,
            "recurring_invoicing_type": "pre-paid",
            "is_auto_renew": True,
            "auto_renew_rule_type": plan.billing_period,
            "auto_renew_interval": 1,
            "termination_notice_rule_type": "daily",
            "termination_notice_interval": self.company_id.helpdesk_plan_notice_days,
        }
        if product:
            values.update(product_id=product.id, uom_id=product.uom_id.id)
        return values

    def action_cancel(self):
        """Cancel at the end of the current period, if the notice allows."""
        today = fields.Date.context_today(self)
        for subscription in self:
            subscription._check_cancellation_allowed(today)
            period_end = subscription._period_on(today)[1]
            subscription._stop_contract_line(period_end)
            subscription.write({"state": "cancelled", "cancel_requested_on": today})
            subscription._notify_client(
                "helpdesk_plans.mail_template_subscription_cancelled"
            )
        return True

    def _check_cancellation_allowed(self, today):
        """Raise a clear error when ``today`` is past the notice deadline."""
        self.ensure_one()
        if self.state not in ("active", "suspended"):
            raise UserError(
                self.env._(
                    "The subscription %(name)s cannot be cancelled: it is %(state)s.",
                    name=self.name,
                    state=self._state_label(),
                )
            )
        period = self._period_on(today)
        renewal = period and self._renewal_after(period[1])
        if not renewal:
            raise UserError(
                self.env._(
                    "The subscription %(name)s does not renew: there is nothing "
                    "to cancel.",
                    name=self.name,
                )
            )
        notice = self.company_id.helpdesk_plan_notice_days
        deadline = cancellation_deadline(renewal, notice)
        if today > deadline:
            raise UserError(
                self.env._(
                    "Your plan renews on %(renewal)s. A plan can be cancelled up "
                    "to %(notice)s days before it renews, so the last day to "
                    "cancel this period was %(deadline)s. You can cancel from "
                    "the next period on; your plan stays active meanwhile.",
                    renewal=format_date(self.env, renewal),
                    notice=notice,
                    deadline=format_date(self.env, deadline),
                )
            )

    def _stop_contract_line(self, last_day):
        """The contract line ends on ``last_day`` and no longer renews."""
        self.ensure_one()
        line = self.contract_line_id.sudo()
        if not line:
            return
        if line.date_end and line.date_end <= last_day:
            line.write({"is_auto_renew": False})
        else:
            line.stop(last_day)

    @api.model
    def _finished_domain(self, today):
        return [
            ("state", "in", ("cancelled", "suspended")),
            ("contract_line_id.date_end", "<", today),
            ("contract_line_id.is_auto_renew", "=", False),
        ]

    @api.model
    def _finished(self, today):
        """Cancelled subscriptions past their last day."""
        return self.search(self._finished_domain(today))

    def _end(self, today):
        """End the subscription if it is still finished once locked."""
        self.ensure_one()
        if self.filtered_domain(self._finished_domain(today)):
            self.state = "ended"
