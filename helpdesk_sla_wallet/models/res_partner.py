from odoo import api, fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    wallet_balance = fields.Integer(
        string="Wallet Tickets",
        compute="_compute_wallet_balance",
        help="Tickets left in the wallet of the commercial partner in the "
        "current company.",
    )
    wallet_id = fields.Many2one(
        comodel_name="helpdesk.wallet",
        string="Ticket Wallet",
        compute="_compute_wallet_balance",
    )

    @api.depends("commercial_partner_id")
    @api.depends_context("company")
    def _compute_wallet_balance(self):
        wallets = self.env["helpdesk.wallet"]
        for partner in self:
            wallet = wallets._for_partner(partner, self.env.company)
            partner.wallet_id = wallet
            partner.wallet_balance = wallet.balance

    def action_open_wallet(self):
        self.ensure_one()
        return self.wallet_id._action_open()
