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

    def action_view_plan_subscription(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "helpdesk.plan.subscription",
            "res_id": self.plan_subscription_id.id,
            "view_mode": "form",
        }
