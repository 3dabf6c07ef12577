from odoo import fields, models
from odoo.tools import format_date

from odoo.addons.helpdesk_priority_matrix.tools.entitlement import (
    SEQUENCE_PLAN,
    Candidate,
)

# Bags answer after the plan's own quota, before any other source; the
# explanation of a refusal comes after both.
SEQUENCE_PLAN_BAG = SEQUENCE_PLAN + 1
SEQUENCE_PLAN_REFUSAL = SEQUENCE_PLAN + 2


class HelpdeskTicket(models.Model):
    """Support plans in the entitlement chain: a ticket takes one ticket of
    its client's plan period, else of a valid add-on bag."""

    _inherit = "helpdesk.ticket"

    entitlement_source = fields.Selection(
        selection_add=[("plan", "Support plan")],
        ondelete={"plan": "set default"},
    )
    plan_consumption_ids = fields.One2many(
        comodel_name="helpdesk.plan.consumption",
        inverse_name="ticket_id",
        readonly=True,
    )
    plan_subscription_id = fields.Many2one(
        comodel_name="helpdesk.plan.subscription",
        compute="_compute_plan_claim",
    )
    plan_bag_id = fields.Many2one(
        comodel_name="helpdesk.plan.bag",
        compute="_compute_plan_claim",
        string="Add-on Bag",
    )

    def _compute_plan_claim(self):
        for ticket in self:
            claim = ticket.sudo().plan_consumption_ids.filtered(
                lambda c: not c.released
            )[:1]
            ticket.plan_subscription_id = claim.subscription_id
            ticket.plan_bag_id = claim.bag_id

    def _plan_day(self):
        """The day the ticket was opened, in the user's time zone: the
        period and the bags of that day answer for it."""
        self.ensure_one()
        moment = self.sla_start_date or self.create_date or fields.Datetime.now()
        return fields.Date.context_today(self, moment)

    def _plan_required(self, day):
        company = self.company_id or self.env.company
        required_from = company.helpdesk_plan_required_from
        return bool(required_from and day >= required_from)

    def _entitlement_candidates(self):
        """Add the client's plan and bags; from the "plan required from"
        date, a plan replaces the service policy (administrative cases
        excepted) and its absence is explained to the client."""
        candidates = super()._entitlement_candidates()
        day = self._plan_day()
        offers, reasons = self._plan_offers(day)
        required = self._plan_required(day)
        # The category is looked at last: most clients hold no plan and need
        # none, and their ticket is entitled without reading it.
        if not (offers or reasons or required) or self.category_id.administrative:
            return candidates
        if not required:
            return candidates + offers
        kept = [c for c in candidates if c.source != "policy"]
        refusal = Candidate(
            source="plan",
            sequence=SEQUENCE_PLAN_REFUSAL,
            message=self._plan_refusal_message(reasons, offers),
            covers=False,
        )
        return kept + offers + [refusal]

    def _plan_offers(self, day):
        """(candidates, reasons): what the client's plans and bags offer on
        ``day``, and why those that do not cover refuse."""
        self.ensure_one()
        partner = self.partner_id.commercial_partner_id
        if not partner:
            return [], []
        offers, reasons = [], []
        company = self.company_id or self.env.company
        subscriptions = self.env["helpdesk.plan.subscription"]._serving(
            partner, day, company
        )
        for subscription in subscriptions:
            reason = self._plan_subscription_refusal(subscription, day)
            if reason:
                reasons.append(reason)
                continue
            offers.append(
                Candidate(
                    source="plan",
                    sequence=SEQUENCE_PLAN,
                    sla_policy=subscription.plan_id.sla_policy_id,
                    message=self.env._(
                        "Covered by your %(plan)s plan.",
                        plan=subscription.plan_id.name,
                    ),
                    consumes=True,
                    reference=subscription,
                    refusal=self.env._(
                        "The tickets of your %(plan)s plan for this period are "
                        "used up.",
                        plan=subscription.plan_id.name,
                    ),
                )
            )
        main_plan = subscriptions.filtered(
            lambda s: not s._is_suspended_on(day)
        ).plan_id[:1]
        for bag in self.env["helpdesk.plan.bag"]._valid(partner, day, company):
            plan = main_plan or bag.plan_id
            if not plan._includes_category(self.category_id):
                reasons.append(self._plan_category_refusal(plan))
                continue
            offers.append(
                Candidate(
                    source="plan",
                    sequence=SEQUENCE_PLAN_BAG,
                    sla_policy=plan.sla_policy_id,
                    message=self.env._(
                        "Covered by your add-on bag valid until %(expiry)s.",
                        expiry=format_date(self.env, bag.expiry_date),
                    ),
                    consumes=True,
                    reference=bag,
                    refusal=self.env._("The tickets of your add-on bag are used up."),
                )
            )
        return offers, reasons

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

    def _entitlement_claim(self, candidate):
        """Take one ticket of the candidate's plan period or bag. A ticket
        that already holds that very ticket keeps it (the chain may run
        again on a claimed ticket); one held elsewhere is given back first,
        so that a ticket never counts twice."""
        if candidate.source != "plan":
            return super()._entitlement_claim(candidate)
        held = self._plan_held_consumption()
        if held and held._takes_from(candidate.reference, self._plan_day()):
            return True
        held._release()
        return candidate.reference._claim_ticket(self)

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

    def _entitlement_release_claim(self):
        """Give back the ticket the claim took, whatever the source the
        chain has recorded meanwhile; a second call finds nothing held."""
        self._plan_held_consumption()._release()
        return super()._entitlement_release_claim()

    def _plan_held_consumption(self):
        """The consumption of this ticket that counts, read from the
        database: another transaction may have released it."""
        self.ensure_one()
        return (
            self.env["helpdesk.plan.consumption"]
            .sudo()
            .search([("ticket_id", "=", self.id), ("released", "=", False)])
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

    def action_view_plan_subscription(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "helpdesk.plan.subscription",
            "res_id": self.plan_subscription_id.id,
            "view_mode": "form",
        }
