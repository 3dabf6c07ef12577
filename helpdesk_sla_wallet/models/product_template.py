from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ProductTemplate(models.Model):
    """A support ticket pack: a product whose sale credits the buyer's
    wallet with a number of tickets at a service level."""

    _inherit = "product.template"

    is_ticket_pack = fields.Boolean(
        string="Support Ticket Pack",
        help="Selling this product credits the client's ticket wallet.",
    )
    ticket_pack_quantity = fields.Integer(
        string="Tickets in the Pack",
        help="Tickets credited for each unit sold.",
    )
    ticket_pack_sla_policy_id = fields.Many2one(
        comodel_name="helpdesk.sla.policy",
        string="Service Level",
        ondelete="restrict",
        help="SLA policy of the tickets of this pack.",
    )
    ticket_pack_hour_cap = fields.Float(
        string="Time Cap per Ticket (hours)",
        help="Work time a ticket of this pack includes; empty: the service "
        "level's time cap.",
    )
    ticket_pack_validity_days = fields.Integer(
        string="Validity (days)",
        help="Unused tickets expire this many days after the credit; empty: "
        "they never expire.",
    )

    @api.constrains(
        "is_ticket_pack",
        "ticket_pack_quantity",
        "ticket_pack_sla_policy_id",
        "ticket_pack_hour_cap",
        "ticket_pack_validity_days",
    )
    def _check_ticket_pack(self):
        for product in self.filtered("is_ticket_pack"):
            if product.ticket_pack_quantity <= 0:
                raise ValidationError(
                    self.env._(
                        "The support ticket pack %(product)s needs a number of "
                        "tickets greater than zero.",
                        product=product.display_name,
                    )
                )
            if not product.ticket_pack_sla_policy_id:
                raise ValidationError(
                    self.env._(
                        "The support ticket pack %(product)s needs the service "
                        "level (SLA policy) it grants.",
                        product=product.display_name,
                    )
                )
            if (
                product.ticket_pack_hour_cap < 0
                or product.ticket_pack_validity_days < 0
            ):
                raise ValidationError(
                    self.env._(
                        "The time cap and the validity of the pack %(product)s "
                        "cannot be negative.",
                        product=product.display_name,
                    )
                )
