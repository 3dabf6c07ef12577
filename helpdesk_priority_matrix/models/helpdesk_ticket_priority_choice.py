from odoo import api, models

from ..tools.intake import capped_cell, cell_for_rank
from .helpdesk_priority_level import NO_TERMS


class HelpdeskTicket(models.Model):
    """Who decides the priority of a ticket opened by a client: the team
    says whether the client proposes impact and urgency, picks a level, or
    leaves it to the agent; and how urgent a case not listed as critical
    may be made by the client."""

    _inherit = "helpdesk.ticket"

    @api.model
    def _priority_client_choice(self, team, company, category, choice):
        """The impact and urgency to store for what a client chose.

        ``choice`` holds the client's ``impact`` and ``urgency`` or ``level``
        (a ``helpdesk.priority.level``), already validated. Returns a dict
        of ticket values, empty when the category's defaults apply; the
        cap of the team is applied to cases not listed as critical.
        """
        decided_by = team.priority_decided_by or "matrix"
        proposed = (
            decided_by == "matrix" and choice.get("impact") and choice.get("urgency")
        )
        picked = decided_by == "client_level" and choice.get("level")
        if not (proposed or picked):
            return {}
        _matrix_id, levels = self.env["helpdesk.priority.matrix"]._levels_for(
            team.id, company.id
        )
        terms = self.env["helpdesk.priority.level"]._ticket_terms()

        def rank(impact, urgency):
            return terms.get(levels.get((impact, urgency)), NO_TERMS).rank

        if proposed:
            cell = (choice["impact"], choice["urgency"])
        else:
            cell = cell_for_rank(rank, choice["level"].sequence)
        if not cell:
            return {}
        cap = team.client_priority_cap_id
        if cap and category.criticality != "critical":
            cell = capped_cell(rank, *cell, cap.sequence)
        return {"impact": cell[0], "urgency": cell[1]}

    @api.model
    def _priority_portal_levels(self, team, company):
        """The levels a client may pick on the portal for ``team``: those of
        its matrix, the most urgent first."""
        _matrix_id, levels = self.env["helpdesk.priority.matrix"]._levels_for(
            team.id, company.id
        )
        return (
            self.env["helpdesk.priority.level"]
            .browse(list(set(levels.values())))
            .sorted("sequence")
        )
