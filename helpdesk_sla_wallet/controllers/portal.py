from odoo import Command, http
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal


class WalletPortal(CustomerPortal):
    """``/my/wallet``: balance, service level, ledger and packs to buy."""

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "wallet_count" in counters:
            values["wallet_count"] = self._wallet().balance
        return values

    def _wallet(self):
        """The wallet of the user's commercial partner, read with the user's
        rights: a portal user reaches only their own company's wallet."""
        partner = request.env.user.partner_id.commercial_partner_id
        return request.env["helpdesk.wallet"].search(
            [("partner_id", "=", partner.id)], limit=1
        )

    def _wallet_packs(self):
        return (
            request.env["product.product"]
            .sudo()
            .search(
                [("is_ticket_pack", "=", True), ("sale_ok", "=", True)],
                order="ticket_pack_sla_policy_id, ticket_pack_quantity",
            )
        )

    @staticmethod
    def _wallet_pack_url(product):
        """The shop page of a published pack when the shop is installed."""
        if "website_url" in product._fields and product.sudo().is_published:
            return product.website_url
        return False

    @http.route(["/my/wallet"], type="http", auth="user", website=True)
    def portal_my_wallet(self, requested=None, **kw):
        wallet = self._wallet()
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "wallet",
                "wallet": wallet,
                "moves": wallet.move_ids
                if wallet
                else request.env["helpdesk.wallet.move"],
                "packs": self._wallet_packs(),
                "pack_url": self._wallet_pack_url,
                "requested": requested,
            }
        )
        return request.render("helpdesk_sla_wallet.portal_my_wallet", values)

    @http.route(
        ["/my/wallet/request"],
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_wallet_request_pack(self, product_id=None, **kw):
        """A quotation request for a pack, when there is no shop."""
        packs = self._wallet_packs()
        product = packs.filtered(lambda p: str(p.id) == str(product_id))
        if not product:
            return request.redirect("/my/wallet")
        order = self._wallet_request_quotation(product)
        return request.redirect(order.get_portal_url())

    def _wallet_request_quotation(self, product):
        partner = request.env.user.partner_id
        salesperson = (
            partner.commercial_partner_id.user_id
            or partner.user_id
            or request.env.company.wallet_user_id
        )
        order = (
            request.env["sale.order"]
            .sudo()
            .create(
                {
                    "partner_id": partner.id,
                    "user_id": salesperson.id,
                    "order_line": [
                        Command.create({"product_id": product.id, "product_uom_qty": 1})
                    ],
                }
            )
        )
        order.message_post(
            body=request.env._(
                "Quotation requested by %(contact)s from the portal.",
                contact=partner.name,
            )
        )
        return order
