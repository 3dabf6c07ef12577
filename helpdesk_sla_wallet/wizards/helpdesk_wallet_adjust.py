from odoo import fields, models


class HelpdeskWalletAdjust(models.TransientModel):
    """A manager's correction of a wallet, always with a reason; or a
    transfer of tickets to another client's wallet."""

    _name = "helpdesk.wallet.adjust"
    _description = "Adjust a Ticket Wallet"

    wallet_id = fields.Many2one(
        comodel_name="helpdesk.wallet", required=True, ondelete="cascade"
    )
    quantity = fields.Integer(
        string="Tickets",
        help="Tickets to add (positive) or to remove (negative).",
    )
    reason = fields.Text(help="Why the balance is corrected.")
    sla_policy_id = fields.Many2one(
        comodel_name="helpdesk.sla.policy",
        string="Service Level",
        help="Service level of the tickets added; by default the wallet's.",
    )
    target_wallet_id = fields.Many2one(
        comodel_name="helpdesk.wallet",
        string="Transfer To",
        domain="[('id', '!=', wallet_id)]",
        help="Move this number of tickets to another client's wallet: it is "
        "removed here and added there, with the same reason.",
    )

    def action_adjust(self):
        self.ensure_one()
        if self.target_wallet_id:
            self.wallet_id._transfer(self.target_wallet_id, self.quantity, self.reason)
        else:
            self.wallet_id._adjust(self.quantity, self.reason, self.sla_policy_id)
        return {"type": "ir.actions.act_window_close"}
