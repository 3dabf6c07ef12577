from odoo import api, fields, models
from odoo.exceptions import ValidationError

SUBSCRIPTION_STATES = [
    ("draft", "Draft"),
    ("active", "Active"),
    ("cancelled", "Cancelled at Period End"),
    ("suspended", "Suspended"),
    ("ended", "Ended"),
]
# States in which the subscription may still serve tickets (on its dates).
SERVING_STATES = ("active", "cancelled")
LIVE_STATES = ("active", "cancelled", "suspended")
# What the tickets taken were counted for: the client, the quota and the
# periods (which start on the subscription's first day).
TAKEN_TERMS = ("partner_id", "company_id", "plan_id", "date_start")
# Transactions that charged, or may still charge, a renewal invoice.
LIVE_TRANSACTION_STATES = ("pending", "authorized", "done")


class HelpdeskPlanSubscription(models.Model):
    """A client's subscription to a support plan, billed by a contract line.

    The contract line (OCA ``contract``) carries the recurrence, the
    invoicing and the renewal; the subscription adds the periods and their
    ticket quota, computed from the consumption records, and the rules of
    cancellation with notice, card renewal and grace period.

    This file holds the record itself (its stored fields, constraints,
    ``create`` and ``write``); each concern is a file named after it:
    ``_period`` (periods and quota), ``_claim`` (a ticket taking its quota),
    ``_lifecycle`` (activation, cancellation, end), ``_billing`` (the renewal
    cron, renewal and invoicing), ``_payment`` (card charges and grace),
    ``_notice`` (notices to the client) and ``_action`` (smart buttons).
    """

    _name = "helpdesk.plan.subscription"
    _description = "Helpdesk Plan Subscription"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "helpdesk.batch.lock.mixin",
        "helpdesk.coverage.holder.mixin",
    ]
    _order = "date_start desc, id desc"

    name = fields.Char(compute="_compute_name", store=True)
    partner_id = fields.Many2one(
        comodel_name="res.partner",
        string="Client",
        required=True,
        index=True,
        tracking=True,
        domain="[('is_company', '=', True)]",
        help="The company served: every contact of this client uses the plan.",
    )
    company_id = fields.Many2one(
        comodel_name="res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    plan_id = fields.Many2one(
        comodel_name="helpdesk.plan",
        required=True,
        tracking=True,
        ondelete="restrict",
        domain="[('company_id', 'in', [company_id, False])]",
    )
    state = fields.Selection(
        selection=SUBSCRIPTION_STATES,
        default="draft",
        required=True,
        readonly=True,
        tracking=True,
        index=True,
        copy=False,
    )
    date_start = fields.Date(
        required=True,
        default=fields.Date.context_today,
        tracking=True,
        help="First day of the first period; every period starts on this day "
        "of the month.",
    )
    date_end = fields.Date(
        related="contract_line_id.date_end",
        string="Current Term End",
        help="Last day of the current term of the contract line; after a "
        "cancellation, the last day of service.",
    )
    contract_line_id = fields.Many2one(
        comodel_name="contract.line",
        readonly=True,
        copy=False,
        index=True,
        ondelete="restrict",
        help="Contract line that invoices and renews this subscription.",
    )
    contract_id = fields.Many2one(
        related="contract_line_id.contract_id", store=True, index=True
    )
    sale_line_id = fields.Many2one(
        comodel_name="sale.order.line",
        readonly=True,
        copy=False,
        help="Sales order line that sold this subscription.",
    )
    included_in_license = fields.Boolean(
        readonly=True,
        help="The plan comes with a license (for example INVEX WEB with the "
        "basic plan) and is not invoiced by itself.",
    )
    payment_token_id = fields.Many2one(
        comodel_name="payment.token",
        string="Saved Card",
        domain="[('partner_id', 'child_of', partner_id)]",
        tracking=True,
        help="When set, each renewal invoice is charged to this card; "
        "otherwise it is sent to the client for payment.",
    )
    cancel_requested_on = fields.Date(readonly=True, copy=False, tracking=True)
    payment_failed_on = fields.Date(
        readonly=True,
        copy=False,
        tracking=True,
        help="Day a renewal charge failed; the plan keeps serving during the "
        "grace period after it.",
    )
    last_claim_date = fields.Datetime(
        readonly=True,
        copy=False,
        help="When a ticket last took a ticket of this subscription.",
    )
    last_cron_date = fields.Datetime(
        readonly=True,
        copy=False,
        help="When the renewal cron last renewed, charged, suspended or ended "
        "this subscription.",
    )
    consumption_ids = fields.One2many(
        comodel_name="helpdesk.plan.consumption",
        inverse_name="subscription_id",
        string="Tickets Taken",
    )

    @api.depends("plan_id.name", "partner_id.name")
    def _compute_name(self):
        for subscription in self:
            subscription.name = (
                f"{subscription.plan_id.name or ''} - "
                f"{subscription.partner_id.name or ''}"
            )

    @api.constrains("partner_id", "plan_id", "company_id")
    def _check_company(self):
        for subscription in self:
            plan_company = subscription.plan_id.company_id
            if plan_company and plan_company != subscription.company_id:
                raise ValidationError(
                    self.env._(
                        "The plan %(plan)s belongs to another company than the "
                        "subscription of %(client)s.",
                        plan=subscription.plan_id.name,
                        client=subscription.partner_id.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("partner_id"):
                partner = self.env["res.partner"].browse(vals["partner_id"])
                vals["partner_id"] = partner.commercial_partner_id.id
        return super().create(vals_list)

    def write(self, vals):
        if vals.get("partner_id"):
            partner = self.env["res.partner"].browse(vals["partner_id"])
            vals = dict(vals, partner_id=partner.commercial_partner_id.id)
        self.env["helpdesk.plan.consumption"]._check_terms_kept(self, vals, TAKEN_TERMS)
        return super().write(vals)

    def _state_label(self):
        self.ensure_one()
        return dict(self._fields["state"]._description_selection(self.env))[self.state]
