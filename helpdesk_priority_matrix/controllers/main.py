from odoo.addons.helpdesk_mgmt.controllers.main import HelpdeskTicketController

IMPACT_URGENCY_KEYS = ("high", "medium", "low")


class HelpdeskTicketPriorityController(HelpdeskTicketController):
    def _prepare_submit_ticket_vals(self, **kw):
        """Keep the impact and urgency the client chose; anything else is
        ignored so that the category's defaults apply."""
        vals = super()._prepare_submit_ticket_vals(**kw)
        for field_name in ("impact", "urgency"):
            if kw.get(field_name) in IMPACT_URGENCY_KEYS:
                vals[field_name] = kw[field_name]
        return vals
