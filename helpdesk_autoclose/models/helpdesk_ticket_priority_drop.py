from odoo import fields, models

from ..tools import lower_level
from .helpdesk_ticket_autoclose import AUTOMATIC


class HelpdeskTicket(models.Model):
    """003: a high or medium priority drops one level when the client does
    not answer a request for information in time. Off by default; the level
    does not climb back by itself."""

    _inherit = "helpdesk.ticket"

    autoclose_priority_dropped_from_id = fields.Many2one(
        comodel_name="helpdesk.priority.level",
        string="Priority Lowered From",
        readonly=True,
        copy=False,
        help="Level the ticket had before the client's silence lowered it.",
    )

    def _autoclose_priority_may_drop(self, rule):
        return bool(
            rule.priority_drop
            and self.priority_level_id
            and self.priority_level_id in rule.priority_drop_level_ids
            and self.autoclose_dropped_since != self.autoclose_waiting_since
        )

    def _autoclose_lower_level(self):
        """The next level down among the levels the ticket's service level
        has targets for (all levels when it has none)."""
        self.ensure_one()
        levels = self.sla_policy_id.line_ids.level_id
        if not levels:
            levels = self.env["helpdesk.priority.level"].search([])
        levels = levels.sorted(lambda level: (level.sequence, level.id))
        return lower_level(list(levels), self.priority_level_id)

    def _autoclose_lower_priority(self):
        """Lower each ticket one level, once per waiting period; the SLA
        deadlines are planned again from the new level by the foundation."""
        lowered = self.browse()
        for ticket in self.with_context(**{AUTOMATIC: True}):
            lower = ticket._autoclose_lower_level()
            values = {"autoclose_dropped_since": ticket.autoclose_waiting_since}
            if lower:
                values["autoclose_priority_dropped_from_id"] = (
                    ticket.priority_level_id.id
                )
                values["priority_level_id"] = lower.id
                lowered |= ticket
            ticket.write(values)
        lowered._autoclose_post("helpdesk_autoclose.mail_template_autoclose_priority")
