from odoo import fields, models


class HelpdeskTicketTeam(models.Model):
    _inherit = "helpdesk.ticket.team"

    autoclose_rule_id = fields.Many2one(
        comodel_name="helpdesk.autoclose.rule",
        string="Inactivity Rule",
        compute="_compute_autoclose_rule_id",
        help="How long this team's tickets wait on the client before a reminder "
        "and an automatic close: the team's own rule, else the company's "
        "default rule.",
    )

    def _compute_autoclose_rule_id(self):
        rules = self.env["helpdesk.autoclose.rule"]
        for team in self:
            team.autoclose_rule_id = rules._for_team(
                team, team.company_id or self.env.company
            )
