from odoo import fields, models

from .helpdesk_priority_matrix_cell import IMPACT_URGENCY_LEVELS


class HelpdeskTicketCategory(models.Model):
    _inherit = "helpdesk.ticket.category"

    criticality = fields.Selection(
        selection=[("critical", "Critical"), ("non_critical", "Non-critical")],
        help="Critical cases stop the client's operation; they are proposed "
        "with a high impact and urgency.",
    )
    functional_area_id = fields.Many2one(
        comodel_name="helpdesk.functional.area",
        index=True,
    )
    default_impact = fields.Selection(
        selection=IMPACT_URGENCY_LEVELS,
        help="Impact proposed on a ticket when this category is chosen.",
    )
    default_urgency = fields.Selection(
        selection=IMPACT_URGENCY_LEVELS,
        help="Urgency proposed on a ticket when this category is chosen.",
    )
    administrative = fields.Boolean(
        string="Administrative Case",
        help="Billing, payments, account statements, subscription management: "
        "served for every client with the service policy, without consuming a "
        "wallet ticket or a plan quota.",
    )
