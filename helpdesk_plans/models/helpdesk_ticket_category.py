from odoo import fields, models


class HelpdeskTicketCategory(models.Model):
    _inherit = "helpdesk.ticket.category"

    plan_restricted = fields.Boolean(
        string="Only in Some Plans",
        help="Served only to clients whose plan includes this category "
        "(for example trainings or inductions, from the Avanzado plan up).",
    )
    helpdesk_plan_ids = fields.Many2many(
        comodel_name="helpdesk.plan",
        relation="helpdesk_plan_helpdesk_ticket_category_rel",
        column1="helpdesk_ticket_category_id",
        column2="helpdesk_plan_id",
        string="Plans Including It",
    )
