from odoo import fields, models


class HelpdeskTicketTeam(models.Model):
    _inherit = "helpdesk.ticket.team"

    sla_policy_id = fields.Many2one(
        comodel_name="helpdesk.sla.policy",
        string="SLA Policy",
        domain="[('company_id', 'in', [company_id, False])]",
        help="Service tier of this team's tickets. Empty: the company default.",
    )
    priority_matrix_ids = fields.One2many(
        comodel_name="helpdesk.priority.matrix",
        inverse_name="team_id",
        string="Priority Matrix Override",
    )
