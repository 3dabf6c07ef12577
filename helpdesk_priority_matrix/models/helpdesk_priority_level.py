from collections import namedtuple

from odoo import api, fields, models
from odoo.tools import ormcache

TICKET_PRIORITY_STARS = [
    ("0", "Low"),
    ("1", "Medium"),
    ("2", "High"),
    ("3", "Very High"),
]


# What a ticket takes from its level; a ticket without a level takes
# NO_TERMS. The rank is the level's sequence: lower is more urgent.
LevelTerms = namedtuple("LevelTerms", ["stars", "alert", "rank"])
NO_TERMS = LevelTerms(None, False, 0)


class HelpdeskPriorityLevel(models.Model):
    """A named priority (P1..P5, Alto/Medio/Bajo...) that drives SLA targets.

    Levels are shared by every company so that the same policy lines can be
    reused; ``ticket_priority`` maps a level onto helpdesk_mgmt's stars, which
    is what the kanban view and the default ordering use.
    """

    _name = "helpdesk.priority.level"
    _inherit = ["helpdesk.config.cache.mixin"]
    _description = "Helpdesk Priority Level"
    _order = "sequence, id"
    _rec_names_search = ["code", "name"]

    name = fields.Char(required=True, translate=True)
    code = fields.Char(
        required=True,
        help="Short code shown on badges and in reports, for example P1.",
    )
    sequence = fields.Integer(
        default=10, help="Lower sequence means a more urgent level."
    )
    description = fields.Text(
        translate=True, help="When this level applies, in the client's words."
    )
    ticket_priority = fields.Selection(
        selection=TICKET_PRIORITY_STARS,
        string="Ticket Stars",
        required=True,
        default="1",
        help="Priority stars given to tickets of this level.",
    )
    alert_team_leader = fields.Boolean(
        string="Alert the Team Leader",
        help="A ticket opened with this level gives the team leader an "
        "activity at once, without waiting for the SLA to be at risk.",
    )
    color = fields.Integer(string="Color Index")
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("code_unique", "unique(code)", "The code of a priority level must be unique.")
    ]

    @api.model
    @ormcache()
    def _ticket_terms(self):
        """{level id: LevelTerms} of every level (its stars, whether it
        alerts the team leader, its rank), kept across transactions until a
        level changes: every new ticket needs them."""
        levels = self.sudo().with_context(active_test=False).search([])
        return {
            level.id: LevelTerms(
                level.ticket_priority, level.alert_team_leader, level.sequence
            )
            for level in levels
        }

    def _compute_display_name(self):
        for level in self:
            level.display_name = (
                f"{level.code} - {level.name}"
                if level.code and level.code.lower() != (level.name or "").lower()
                else level.name
            )
