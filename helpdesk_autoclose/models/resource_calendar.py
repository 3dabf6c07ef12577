from odoo import models


class ResourceCalendar(models.Model):
    _inherit = "resource.calendar"

    def _sla_replan(self):
        """A public holiday, new working hours or a time zone also move the
        reminder and close dates of the tickets waiting on the client."""
        result = super()._sla_replan()
        self.env["helpdesk.ticket"].search(
            [("autoclose_waiting_since", "!=", False)]
        )._recompute_autoclose_due()
        return result
