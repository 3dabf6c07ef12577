from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError


class HelpdeskPlanConsumption(models.Model):
    """One ticket taken from a plan's period quota or from an add-on bag.

    The tickets used in a period are counted from these records; a released
    claim (duplicate, rejected before work) keeps its record, flagged.
    """

    _name = "helpdesk.plan.consumption"
    _description = "Helpdesk Plan Ticket Consumption"
    _order = "date desc, id desc"
    _rec_name = "ticket_id"

    ticket_id = fields.Many2one(
        comodel_name="helpdesk.ticket",
        required=True,
        index=True,
        ondelete="cascade",
    )
    subscription_id = fields.Many2one(
        comodel_name="helpdesk.plan.subscription",
        index=True,
        ondelete="restrict",
    )
    bag_id = fields.Many2one(
        comodel_name="helpdesk.plan.bag",
        string="Add-on Bag",
        index=True,
        ondelete="restrict",
    )
    source = fields.Selection(
        selection=[("quota", "Plan quota"), ("bag", "Add-on bag")],
        compute="_compute_source",
        store=True,
        precompute=True,
    )
    plan_id = fields.Many2one(
        comodel_name="helpdesk.plan",
        compute="_compute_plan_partner",
        store=True,
        precompute=True,
        index=True,
    )
    partner_id = fields.Many2one(
        comodel_name="res.partner",
        string="Client",
        compute="_compute_plan_partner",
        store=True,
        precompute=True,
        index=True,
    )
    company_id = fields.Many2one(
        comodel_name="res.company",
        compute="_compute_plan_partner",
        store=True,
        precompute=True,
        index=True,
    )
    period_start = fields.Date(required=True, index=True)
    period_end = fields.Date(required=True)
    date = fields.Date(required=True, help="Day the ticket was opened.")
    released = fields.Boolean(
        readonly=True,
        help="The claim was given back (duplicate, rejected before work): the "
        "ticket no longer counts.",
    )
    release_date = fields.Datetime(readonly=True)
    ticket_count = fields.Integer(
        compute="_compute_ticket_count",
        store=True,
        precompute=True,
        string="Tickets",
        help="1 for a ticket that counts, 0 once released (for the reports).",
    )

    _sql_constraints = [
        (
            "one_source",
            "CHECK((subscription_id IS NULL) <> (bag_id IS NULL))",
            "A ticket is taken from a plan's quota or from a bag, not both.",
        ),
    ]

    def init(self):
        # A ticket holds at most one claim that counts.
        self.env.cr.execute(
            "CREATE UNIQUE INDEX IF NOT EXISTS helpdesk_plan_consumption_ticket_uniq "
            "ON helpdesk_plan_consumption (ticket_id) WHERE NOT released"
        )

    @api.depends("subscription_id", "bag_id")
    def _compute_source(self):
        for consumption in self:
            consumption.source = "bag" if consumption.bag_id else "quota"

    @api.depends("subscription_id", "bag_id")
    def _compute_plan_partner(self):
        for consumption in self:
            origin = consumption.subscription_id or consumption.bag_id
            consumption.plan_id = origin.plan_id
            consumption.partner_id = origin.partner_id
            consumption.company_id = origin.company_id

    @api.depends("released")
    def _compute_ticket_count(self):
        for consumption in self:
            consumption.ticket_count = 0 if consumption.released else 1

    @api.constrains("period_start", "period_end")
    def _check_period(self):
        for consumption in self:
            if consumption.period_start > consumption.period_end:
                raise ValidationError(
                    self.env._("A period cannot end before it starts.")
                )

    def _takes_from(self, origin, day):
        """Whether this consumption is the ticket of ``origin`` (a
        subscription or a bag) that a ticket opened on ``day`` takes."""
        self.ensure_one()
        if origin._name == "helpdesk.plan.bag":
            return self.bag_id == origin
        return self.subscription_id == origin and (
            self.period_start <= day <= self.period_end
        )

    def _release(self):
        """Give the claims back; the records stay, flagged."""
        self.filtered(lambda c: not c.released).write(
            {"released": True, "release_date": fields.Datetime.now()}
        )

    @api.model
    def _check_terms_kept(self, origins, vals, terms):
        """Refuse to change the ``terms`` (field names) of ``origins``
        (subscriptions or bags) that tickets were already taken from: the
        tickets were counted for that client, quota and period, and would
        silently count for another one."""
        changed = [name for name in terms if name in vals]
        for origin in origins.filtered("consumption_ids"):
            for name in changed:
                field = origin._fields[name]
                before = field.convert_to_cache(origin[name], origin)
                if field.convert_to_cache(vals[name], origin) != before:
                    raise UserError(
                        self.env._(
                            "Tickets were already taken from %(origin)s: its "
                            "%(field)s cannot change any more. End it and "
                            "sell a new one instead.",
                            origin=origin.display_name,
                            field=field._description_string(self.env),
                        )
                    )
