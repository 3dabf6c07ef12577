from odoo import fields, models


class HelpdeskTicketStage(models.Model):
    _inherit = "helpdesk.ticket.stage"

    sla_pause = fields.Boolean(
        string="Pauses the SLA Clock",
        help="Tickets in this stage wait on the customer: the SLA clock stops "
        "and the deadlines move by the business time spent here.",
    )
