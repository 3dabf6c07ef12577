from odoo import api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.helpdesk_priority_matrix.tools.row_lock import touch_rows

from ..tools import bag_expiry

# What the tickets taken were counted for: the client, the service (plan)
# and the days they were valid. The number of tickets may still grow.
TAKEN_TERMS = ("partner_id", "company_id", "plan_id", "purchase_date", "validity_days")


class HelpdeskPlanBag(models.Model):
    """An add-on bag: extra tickets bought at any time, valid a number of
    days from the purchase whatever the plan's periods do, and used after
    the plan's own quota."""

    _name = "helpdesk.plan.bag"
    _description = "Helpdesk Plan Add-on Bag"
    _inherit = ["mail.thread", "helpdesk.coverage.holder.mixin"]
    _order = "expiry_date, id"

    name = fields.Char(compute="_compute_name", store=True)
    active = fields.Boolean(
        default=True,
        help="Archived when the order that sold it is cancelled: the bag covers "
        "nothing more, the tickets it covered stay counted.",
    )
    partner_id = fields.Many2one(
        comodel_name="res.partner",
        string="Client",
        required=True,
        index=True,
        domain="[('is_company', '=', True)]",
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
        ondelete="restrict",
        help="Plan whose service (categories, SLA policy) the bag's tickets "
        "get when the client has no plan of its own.",
    )
    ticket_count = fields.Integer(
        string="Tickets", required=True, help="Tickets the bag adds."
    )
    purchase_date = fields.Date(required=True, default=fields.Date.context_today)
    validity_days = fields.Integer(
        required=True,
        default=30,
        help="Days the bag's tickets stay usable after the purchase.",
    )
    expiry_date = fields.Date(
        compute="_compute_expiry_date",
        store=True,
        index=True,
        help="Last day the bag covers tickets.",
    )
    sale_line_id = fields.Many2one(
        comodel_name="sale.order.line", readonly=True, copy=False
    )
    last_claim_date = fields.Datetime(readonly=True, copy=False)
    consumption_ids = fields.One2many(
        comodel_name="helpdesk.plan.consumption",
        inverse_name="bag_id",
        string="Tickets Taken",
    )
    tickets_used = fields.Integer(compute="_compute_tickets")
    tickets_remaining = fields.Integer(compute="_compute_tickets")
    is_valid = fields.Boolean(
        compute="_compute_tickets",
        string="Valid Today",
        help="The bag has tickets left and has not expired.",
    )

    @api.depends("plan_id.name", "partner_id.name", "purchase_date")
    def _compute_name(self):
        for bag in self:
            bag.name = self.env._(
                "Bag %(plan)s - %(client)s (%(date)s)",
                plan=bag.plan_id.name or "",
                client=bag.partner_id.name or "",
                date=bag.purchase_date or "",
            )

    @api.depends("purchase_date", "validity_days")
    def _compute_expiry_date(self):
        for bag in self:
            bag.expiry_date = bag.purchase_date and bag_expiry(
                bag.purchase_date, bag.validity_days
            )

    @api.depends("consumption_ids.released", "ticket_count", "expiry_date")
    def _compute_tickets(self):
        today = fields.Date.context_today(self)
        for bag in self:
            bag.tickets_used = bag._tickets_used()
            bag.tickets_remaining = max(bag.ticket_count - bag.tickets_used, 0)
            bag.is_valid = (
                bag.active and bag._covers_on(today) and bag.tickets_remaining > 0
            )

    @api.constrains("ticket_count", "validity_days")
    def _check_counts(self):
        for bag in self:
            if bag.ticket_count <= 0 or bag.validity_days <= 0:
                raise ValidationError(
                    self.env._(
                        "An add-on bag needs at least one ticket and one day of "
                        "validity (%(bag)s).",
                        bag=bag.name,
                    )
                )
            used = bag._tickets_used()
            if bag.ticket_count < used:
                raise ValidationError(
                    self.env._(
                        "%(bag)s already covered %(used)s tickets: it cannot hold "
                        "fewer.",
                        bag=bag.name,
                        used=used,
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

    def _covers_on(self, day):
        self.ensure_one()
        return bool(self.purchase_date <= day <= self.expiry_date)

    def _tickets_used(self):
        self.ensure_one()
        if not self.id:
            return 0
        return (
            self.env["helpdesk.plan.consumption"]
            .sudo()
            .search_count([("bag_id", "=", self.id), ("released", "=", False)])
        )

    @api.model
    def _valid(self, partner, day, company):
        """Bags of ``partner`` in ``company`` valid on ``day`` with tickets
        left, the one expiring first first."""
        if not self._is_holder(partner, company):
            return self.browse()
        bags = self.sudo().search(
            [
                ("partner_id", "=", partner.id),
                ("company_id", "=", company.id),
                ("purchase_date", "<=", day),
                ("expiry_date", ">=", day),
            ]
        )
        return bags.filtered(lambda bag: bag._tickets_used() < bag.ticket_count)

    def _claim_ticket(self, ticket):
        """Take one ticket of the bag for ``ticket``; False when the bag is
        used up or expired on the ticket's day (see the subscription's
        ``_lock_for_claim`` for the locking)."""
        self.ensure_one()
        bag = self.sudo()
        touch_rows(self.env.cr, bag._table, bag.ids, "last_claim_date")
        bag.invalidate_recordset(["active", "last_claim_date"])
        day = ticket._plan_day()
        if not bag.active or not bag._covers_on(day):
            return False
        if bag._tickets_used() >= bag.ticket_count:
            return False
        self.env["helpdesk.plan.consumption"].sudo().create(
            {
                "ticket_id": ticket.id,
                "bag_id": bag.id,
                "period_start": bag.purchase_date,
                "period_end": bag.expiry_date,
                "date": day,
            }
        )
        return True

    def _withdraw(self):
        """The order that sold the bags was cancelled: they cover nothing
        more (the tickets they covered stay counted), and the client is
        told."""
        bags = self.filtered("active")
        bags.active = False
        for bag in bags:
            bag.message_post_with_source(
                "helpdesk_plans.mail_template_bag_withdrawn",
                subtype_xmlid="mail.mt_comment",
                partner_ids=bag.partner_id.ids,
            )
