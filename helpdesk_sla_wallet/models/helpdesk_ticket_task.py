from odoo import api, models


class HelpdeskTicket(models.Model):
    """A new ticket is linked to no task unless it is given one: its task
    and milestone (helpdesk_mgmt_project) are given with it instead of being
    read back and computed, ticket by ticket."""

    _inherit = "helpdesk.ticket"

    @api.model
    def _creation_known_values(self, vals):
        known = super()._creation_known_values(vals)
        if "task_id" not in vals:
            known["task_id"] = False
            if "milestone_id" not in vals:
                known["milestone_id"] = False
        return known
