from odoo import api, models


class HelpdeskTicket(models.Model):
    """A new ticket has no rating yet: its rating figures are given with it
    instead of being computed from an empty table, ticket by ticket."""

    _inherit = "helpdesk.ticket"

    @api.model
    def _creation_known_values(self, vals):
        known = super()._creation_known_values(vals)
        if "rating_ids" not in vals:
            # rating.mixin's and helpdesk_mgmt_rating's values without a rating.
            known.update(rating_last_value=0.0, positive_rate_percentage=-1)
        return known
