from datetime import timedelta

from odoo import fields, models


class SaleOrderLine(models.Model):
    """A line selling a ticket pack credits the buyer's wallet once."""

    _inherit = "sale.order.line"

    wallet_move_ids = fields.One2many(
        comodel_name="helpdesk.wallet.move",
        inverse_name="sale_line_id",
        string="Wallet Moves",
    )

    def _wallet_pack_lines(self):
        return self.filtered(
            lambda line: (
                line.product_id.is_ticket_pack
                and line.product_uom_qty > 0
                and not line.display_type
            )
        )

    def _wallet_credit(self, invoice=None):
        """Credit the wallet of each pack line not credited yet; the wallet's
        row lock makes a concurrent second crediting wait and then see the
        first one (the unique index refuses it in any case)."""
        for line in self._wallet_pack_lines():
            order = line.order_id
            wallet = self.env["helpdesk.wallet"]._for_partner(
                order.partner_id, order.company_id, create=True
            )
            wallet._lock()
            if line.sudo().wallet_move_ids.filtered(lambda m: m.kind == "purchase"):
                continue
            line._wallet_post_credit(wallet, invoice)

    def _wallet_post_credit(self, wallet, invoice):
        self.ensure_one()
        product = self.product_id
        quantity = int(round(self.product_uom_qty * product.ticket_pack_quantity))
        validity = product.ticket_pack_validity_days
        move = wallet._credit_tickets(
            quantity,
            product.ticket_pack_sla_policy_id,
            kind="purchase",
            sale_line_id=self.id,
            invoice_id=invoice.id if invoice else False,
            product_id=product.id,
            hour_cap=product.ticket_pack_hour_cap,
            expiry_date=fields.Date.context_today(self) + timedelta(days=validity)
            if validity
            else False,
        )
        wallet._notify_credit()
        return move
