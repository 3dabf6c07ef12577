from odoo import models


class HelpdeskTicketMerge(models.TransientModel):
    _inherit = "helpdesk.ticket.merge"

    def merge_tickets(self):
        """The merged-away tickets stop waiting and give their coverage back:
        a case is counted once."""
        tickets = self.ticket_ids
        action = super().merge_tickets()
        merged = tickets - self.dst_ticket_id
        merged.sudo().write(
            {"autoclose_waiting_since": False, "probable_duplicate_id": False}
        )
        self.dst_ticket_id.filtered(
            lambda t: t.probable_duplicate_id in merged
        ).sudo().probable_duplicate_id = False
        merged._entitlement_release()
        return action
