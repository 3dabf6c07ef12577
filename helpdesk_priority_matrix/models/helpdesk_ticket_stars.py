from odoo import fields, models


class HelpdeskTicket(models.Model):
    """The stars are the priority level seen from helpdesk_mgmt's views.

    A click on the stars of a kanban card or a list row changes the level:
    the level given is the most urgent one (lowest sequence) with those
    stars among the levels the ticket can have, so that the stars always
    show the level and the SLA targets follow what the agent meant.
    """

    _inherit = "helpdesk.ticket"

    priority = fields.Selection(inverse="_inverse_priority")

    def _inverse_priority(self):
        for ticket in self:
            if ticket.priority_level_id.ticket_priority == ticket.priority:
                continue
            level = ticket._level_for_stars(ticket.priority)
            if level:
                ticket.priority_level_id = level

    def _level_for_stars(self, stars):
        """The level shown by ``stars``: among the levels of the ticket's SLA
        policy, else of its priority matrix, else all levels."""
        self.ensure_one()
        levels = self.env["helpdesk.priority.level"].search(
            [("ticket_priority", "=", stars)]
        )
        for scale in (
            self.sla_policy_id.line_ids.level_id,
            self._priority_matrix().cell_ids.level_id,
        ):
            if levels & scale:
                return (levels & scale).sorted()[:1]
        return levels[:1]
