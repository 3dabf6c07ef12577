from odoo import models
from odoo.tools import format_date


class HelpdeskTicket(models.Model):
    """What the client and the salesperson are told about a plan: why a
    plan or a bag does not cover the ticket, how to buy one (003: a plan is
    needed for support), which plan or bag covered it, and who is asked to
    offer one."""

    _inherit = "helpdesk.ticket"

    def _plan_subscription_refusal(self, subscription, day):
        """Why ``subscription`` does not cover this ticket, or ""."""
        plan = subscription.plan_id
        if subscription._is_suspended_on(day):
            return self.env._(
                "Your %(plan)s plan is suspended because its renewal has not "
                "been paid.",
                plan=plan.name,
            )
        if not plan._includes_category(self.category_id):
            return self._plan_category_refusal(plan)
        if subscription._remaining_on(day) <= 0:
            period_end = subscription._period_on(day)[1]
            return self.env._(
                "The %(quota)s tickets of your %(plan)s plan for the period "
                "ending %(end)s are used up.",
                quota=plan.ticket_quota,
                plan=plan.name,
                end=format_date(self.env, period_end),
            )
        return ""

    def _plan_category_refusal(self, plan):
        including = (
            self.env["helpdesk.plan"]
            .sudo()
            .search([("company_id", "in", [self.company_id.id, False])])
            ._plans_including(self.category_id)
        )
        if including:
            return self.env._(
                "%(category)s is not included in your %(plan)s plan; it is "
                "included in: %(plans)s.",
                category=self.category_id.name,
                plan=plan.name,
                plans=", ".join(including.mapped("name")),
            )
        return self.env._(
            "%(category)s is not included in your %(plan)s plan.",
            category=self.category_id.name,
            plan=plan.name,
        )

    def _plan_refusal_message(self, reasons, offers):
        """The client's explanation when no plan covers the ticket: why,
        and how to buy a plan, a bag or an upgrade."""
        company = self.company_id or self.env.company
        if not reasons and not offers:
            reasons = [
                self.env._(
                    "Since %(date)s our support serves clients with an active "
                    "support plan, and we found none for your company.",
                    date=format_date(self.env, company.helpdesk_plan_required_from),
                )
            ]
        how_to = self.env._(
            "Your request was saved. You can buy a plan, an extra monthly bag "
            "or an upgrade from My Plan in your portal (/my/plan) or through "
            "your salesperson, who has been told."
        )
        return " ".join(reasons + [how_to])

    def _entitlement_covered_message(self):
        """For the ticket confirmation and the portal: the plan, or the
        add-on bag, whose ticket was used."""
        if self.entitlement_source != "plan":
            return super()._entitlement_covered_message()
        if self.plan_bag_id:
            return self.env._(
                "Covered by your add-on bag valid until %(expiry)s.",
                expiry=format_date(self.env, self.plan_bag_id.expiry_date),
            )
        return self.env._(
            "Covered by your %(plan)s plan.",
            plan=self.plan_subscription_id.plan_id.name,
        )

    def _entitlement_notify_uncovered(self):
        """Besides telling the client, ask the client's salesperson to offer
        a plan, a bag or an upgrade."""
        result = super()._entitlement_notify_uncovered()
        for ticket in self.filtered("partner_id"):
            salesperson = ticket._plan_salesperson()
            if not salesperson:
                continue
            ticket._entitlement_ask_salesperson(
                salesperson,
                self.env._("Offer a support plan"),
                ticket.entitlement_message,
            )
        return result

    def _plan_salesperson(self):
        self.ensure_one()
        partner = self.partner_id.commercial_partner_id
        subscription = (
            self.env["helpdesk.plan.subscription"]
            .sudo()
            .search(
                [("partner_id", "=", partner.id), ("contract_id", "!=", False)],
                limit=1,
            )
        )
        return (
            partner.user_id or subscription.contract_id.user_id or self.team_id.user_id
        )
