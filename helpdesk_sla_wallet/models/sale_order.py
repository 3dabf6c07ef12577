from odoo import api, fields, models

from ..tools import discount_applies


class SaleOrder(models.Model):
    """Packs credited on confirmation (a company setting), taken back when
    the order is cancelled, and the wallet holders' pricelist on new
    quotations."""

    _inherit = "sale.order"

    wallet_move_ids = fields.One2many(
        comodel_name="helpdesk.wallet.move",
        inverse_name="sale_order_id",
        string="Wallet Moves",
    )
    wallet_move_count = fields.Integer(compute="_compute_wallet_move_count")

    @api.depends("wallet_move_ids")
    def _compute_wallet_move_count(self):
        for order in self:
            order.wallet_move_count = len(order.sudo().wallet_move_ids)

    def _compute_pricelist_id(self):
        result = super()._compute_pricelist_id()
        for order in self.filtered(lambda o: o.state == "draft" and o.partner_id):
            pricelist = order.company_id.wallet_discount_pricelist_id
            if pricelist and order._wallet_discount_applies():
                order.pricelist_id = pricelist
        return result

    def _wallet_discount_applies(self):
        """The partner holds a wallet with tickets, or bought a pack within
        the company's discount period."""
        self.ensure_one()
        wallet = self.env["helpdesk.wallet"]._for_partner(
            self.partner_id, self.company_id
        )
        if not wallet:
            return False
        last_purchase = wallet.last_purchase_date
        return discount_applies(
            wallet.balance,
            last_purchase.date() if last_purchase else None,
            fields.Date.context_today(self),
            self.company_id.wallet_discount_days,
        )

    def action_confirm(self):
        result = super().action_confirm()
        self.filtered(
            lambda o: o.company_id.wallet_credit_on == "confirm"
        ).order_line._wallet_credit()
        return result

    def _action_cancel(self):
        """A cancelled order (also one set back to quotation, which passes
        through cancel) takes back what its confirmation credited."""
        result = super()._action_cancel()
        self.order_line._wallet_take_back_ordered()
        return result

    def action_view_wallet_moves(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "helpdesk_sla_wallet.helpdesk_wallet_move_action"
        )
        action["domain"] = [("sale_order_id", "=", self.id)]
        action["context"] = {"create": False}
        return action
