from odoo import fields, models


class HelpdeskTicketStage(models.Model):
    _name = "helpdesk.ticket.stage"
    _inherit = ["helpdesk.ticket.stage", "helpdesk.config.cache.mixin"]

    sla_pause = fields.Boolean(
        string="Pauses the SLA Clock",
        help="Tickets in this stage wait on the customer: the SLA clock stops "
        "and the deadlines move by the business time spent here.",
    )
    entitlement_release = fields.Boolean(
        string="Gives the Coverage Back",
        help="Tickets moved here (cancelled as duplicate, rejected before any "
        "work) give back what their coverage consumed: a wallet ticket, a "
        "plan quota. Once per ticket.",
    )
