from odoo import fields, models


class HelpdeskTicketTeam(models.Model):
    _inherit = "helpdesk.ticket.team"

    autoclose_rule_ids = fields.One2many(
        comodel_name="helpdesk.autoclose.rule",
        inverse_name="team_id",
        string="Inactivity Rule",
        help="How long this team's tickets wait on the client before a reminder "
        "and an automatic close. Empty: the company's default rule.",
    )
