from odoo import fields, models


class HelpdeskPlanSubscription(models.Model):
    """The form's smart buttons: the tickets taken, the invoices and the
    contract of the subscription."""

    _inherit = "helpdesk.plan.subscription"

    ticket_count = fields.Integer(compute="_compute_ticket_count")
    invoice_count = fields.Integer(compute="_compute_invoice_count")

    def _compute_ticket_count(self):
        for subscription in self:
            subscription.ticket_count = len(subscription.consumption_ids.ticket_id)

    def _compute_invoice_count(self):
        for subscription in self:
            subscription.invoice_count = len(subscription._invoices())

    def action_view_tickets(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "helpdesk_mgmt.helpdesk_ticket_action"
        )
        action["domain"] = [("id", "in", self.consumption_ids.ticket_id.ids)]
        action["context"] = {}
        return action

    def action_view_invoices(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "account.action_move_out_invoice_type"
        )
        action["domain"] = [("id", "in", self._invoices().ids)]
        action["context"] = {"create": False}
        return action

    def action_view_contract(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "contract.contract",
            "res_id": self.contract_id.id,
            "view_mode": "form",
        }
