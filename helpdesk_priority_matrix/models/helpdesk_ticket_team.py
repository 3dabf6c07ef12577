from odoo import fields, models

from .helpdesk_priority_matrix_cell import IMPACT_URGENCY_LEVELS

DEFAULT_IMPACT_URGENCY = "medium"

PRIORITY_DECIDERS = [
    ("matrix", "Client Proposes Impact and Urgency"),
    ("client_level", "Client Picks the Priority Level"),
    ("agent", "Agent Alone"),
]
HIGH_PRIORITY_STARS = "3"


class HelpdeskTicketTeam(models.Model):
    _name = "helpdesk.ticket.team"
    # A team's company and stages give its tickets' first stage, cached.
    _inherit = ["helpdesk.ticket.team", "helpdesk.config.cache.mixin"]

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
    priority_decided_by = fields.Selection(
        selection=PRIORITY_DECIDERS,
        string="Priority Chosen By",
        required=True,
        default="matrix",
        help="On the portal form: the client proposes impact and urgency and "
        "the matrix gives the level; or the client picks a level directly, "
        "reading what each level means; or the client chooses nothing and "
        "the agent sets the priority.",
    )
    client_priority_cap_id = fields.Many2one(
        comodel_name="helpdesk.priority.level",
        string="Most Urgent Level for Non-critical Cases",
        help="A client cannot open a case that is not listed as critical in "
        "the catalog with a more urgent level than this one; the portal says "
        "so, and an agent can raise it. Empty: no limit.",
    )

    default_impact = fields.Selection(
        selection=IMPACT_URGENCY_LEVELS,
        default=DEFAULT_IMPACT_URGENCY,
        help="Impact of this team's tickets whose category proposes none.",
    )
    default_urgency = fields.Selection(
        selection=IMPACT_URGENCY_LEVELS,
        default=DEFAULT_IMPACT_URGENCY,
        help="Urgency of this team's tickets whose category proposes none.",
    )

    def _default_impact_urgency(self):
        """(impact, urgency) of a ticket of this team whose category
        proposes none; without a team, medium for both."""
        return (
            self[:1].default_impact or DEFAULT_IMPACT_URGENCY,
            self[:1].default_urgency or DEFAULT_IMPACT_URGENCY,
        )

    def _compute_todo_tickets(self):
        """The dashboard's high priority count is the open tickets whose
        level gives the most stars, whatever stars a ticket still shows."""
        result = super()._compute_todo_tickets()
        counts = dict(
            self.env["helpdesk.ticket"]._read_group(
                [
                    ("team_id", "in", self.ids),
                    ("closed", "=", False),
                    ("priority_level_id.ticket_priority", "=", HIGH_PRIORITY_STARS),
                ],
                ["team_id"],
                ["__count"],
            )
        )
        for team in self:
            team.todo_ticket_count_high_priority = counts.get(team, 0)
        return result
