from odoo import api, fields, models
from odoo.exceptions import ValidationError

BILLING_PERIODS = [("monthly", "Monthly"), ("yearly", "Annual")]


class HelpdeskPlan(models.Model):
    """A support plan of the catalog: Básico, Avanzado, Corporativo...

    It sets the service tier (an SLA policy and its coverage calendar), the
    tickets included per billing period, and the categories of service that
    only some plans include.
    """

    _name = "helpdesk.plan"
    _description = "Helpdesk Support Plan"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(
        default=10,
        help="Plans are listed from the smallest to the largest; a client "
        "holding several plans is served by the largest.",
    )
    active = fields.Boolean(default=True)
    description = fields.Html(translate=True)
    company_id = fields.Many2one(
        comodel_name="res.company",
        default=lambda self: self.env.company,
        index=True,
        help="Leave empty to offer this plan in every company.",
    )
    sla_policy_id = fields.Many2one(
        comodel_name="helpdesk.sla.policy",
        string="SLA Policy",
        required=True,
        ondelete="restrict",
        domain="[('company_id', 'in', [company_id, False])]",
        help="Response and resolution targets of the tickets this plan covers.",
    )
    calendar_id = fields.Many2one(
        related="sla_policy_id.calendar_id",
        string="Coverage Hours",
        help="Business hours of the service (8x5, 12x5, 24x7...), taken from "
        "the SLA policy.",
    )
    ticket_quota = fields.Integer(
        string="Tickets per Period",
        required=True,
        default=5,
        help="Tickets included in each billing period. Unused tickets are not "
        "carried over to the next period.",
    )
    billing_period = fields.Selection(
        selection=BILLING_PERIODS,
        required=True,
        default="monthly",
        help="Length of a period: the quota resets and the plan is invoiced "
        "at each new period.",
    )
    product_id = fields.Many2one(
        comodel_name="product.product",
        string="Recurring Product",
        ondelete="restrict",
        domain="[('is_contract', '=', True)]",
        help="Product invoiced at each period; selling it on a sales order "
        "subscribes the client to this plan.",
    )
    price = fields.Monetary(
        help="Price of one period; the contract line of a new subscription "
        "starts with it.",
    )
    currency_id = fields.Many2one(
        comodel_name="res.currency",
        default=lambda self: self.env.company.currency_id,
        required=True,
    )
    category_ids = fields.Many2many(
        comodel_name="helpdesk.ticket.category",
        relation="helpdesk_plan_helpdesk_ticket_category_rel",
        column1="helpdesk_plan_id",
        column2="helpdesk_ticket_category_id",
        string="Included Special Categories",
        domain="[('plan_restricted', '=', True)]",
        help="Categories of service offered only in some plans (trainings, "
        "inductions, régime changes...) that this plan includes. Other "
        "categories are included in every plan.",
    )
    subscription_ids = fields.One2many(
        comodel_name="helpdesk.plan.subscription",
        inverse_name="plan_id",
    )
    subscription_count = fields.Integer(compute="_compute_subscription_count")

    @api.depends("subscription_ids.state")
    def _compute_subscription_count(self):
        for plan in self:
            plan.subscription_count = len(
                plan.subscription_ids.filtered(
                    lambda s: s.state in ("active", "cancelled", "suspended")
                )
            )

    @api.constrains("ticket_quota", "price")
    def _check_quota(self):
        for plan in self:
            if plan.ticket_quota <= 0:
                raise ValidationError(
                    self.env._(
                        "The plan %(plan)s must include at least one ticket per "
                        "period.",
                        plan=plan.name,
                    )
                )
            if plan.price < 0:
                raise ValidationError(
                    self.env._(
                        "The price of the plan %(plan)s cannot be negative.",
                        plan=plan.name,
                    )
                )

    def _includes_category(self, category):
        """Whether tickets of ``category`` are served by this plan."""
        self.ensure_one()
        return not category.plan_restricted or category in self.category_ids

    def _plans_including(self, category):
        """The plans of the catalog, among ``self``, that include ``category``."""
        return self.filtered(lambda plan: plan._includes_category(category))

    def action_view_subscriptions(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "helpdesk_plans.action_helpdesk_plan_subscription"
        )
        action["domain"] = [("plan_id", "=", self.id)]
        action["context"] = {"default_plan_id": self.id}
        return action
