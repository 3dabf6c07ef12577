from odoo import Command

from .common import WalletCommon


class TestWalletSales(WalletCommon):
    def test_confirmed_order_is_not_credited_until_paid(self):
        order = self.sell(self.pack_expansion_5)
        self.assertFalse(self.wallet.move_ids)
        invoice = self.invoice(order)
        self.assertFalse(self.wallet.move_ids)
        self.pay(invoice)
        self.assertEqual(self.wallet.balance, 5)
        purchase = self.wallet.move_ids
        self.assertEqual(purchase.kind, "purchase")
        self.assertEqual(purchase.sale_order_id, order)
        self.assertEqual(purchase.invoice_id, invoice)
        self.assertEqual(purchase.sla_policy_id, self.expansion)
        self.assertEqual(order.wallet_move_count, 1)

    def test_two_packs_on_one_line_credit_their_tickets(self):
        self.buy(self.pack_expansion_5, quantity=2)
        self.assertEqual(self.wallet.balance, 10)

    def test_duplicated_confirmation_credits_once(self):
        """Confirm, cancel, confirm again, and the crediting called twice
        (a cron and a user at the same time): one credit."""
        self.company.wallet_credit_on = "confirm"
        order = self.sell(self.pack_expansion_5)
        self.assertEqual(self.wallet.balance, 5)
        order._action_cancel()
        order.action_draft()
        order.action_confirm()
        order.order_line._wallet_credit()
        order.order_line._wallet_credit()
        self.assertEqual(self.wallet.balance, 5)
        self.assertEqual(len(self.wallet.move_ids), 1)

    def test_two_invoices_of_one_order_credit_once(self):
        order = self.sell(self.pack_expansion_5)
        first = self.invoice(order)
        self.pay(first)
        second = self.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": self.client.id,
                "invoice_line_ids": [
                    Command.create(
                        {
                            "product_id": self.pack_expansion_5.id,
                            "quantity": 1,
                            "price_unit": 300.0,
                            "sale_line_ids": [Command.set(order.order_line.ids)],
                        }
                    )
                ],
            }
        )
        second.action_post()
        self.pay(second)
        self.assertEqual(self.wallet.balance, 5)

    def test_credit_note_on_untouched_pack_takes_all_back(self):
        __, invoice = self.buy(self.pack_expansion_5)
        self.assertEqual(self.wallet.balance, 5)
        credit_note = self.refund(invoice)
        self.assertEqual(self.wallet.balance, 0)
        refund = self.wallet.move_ids.filtered(lambda m: m.kind == "refund")
        self.assertEqual(refund.amount, -5)
        self.assertEqual(refund.invoice_id, credit_note)
        self.assertLedgerSumsToBalance(self.wallet)

    def test_credit_note_after_use_takes_back_the_unused_part(self):
        __, invoice = self.buy(self.pack_expansion_5)
        self.open_ticket()
        self.open_ticket()
        credit_note = self.refund(invoice)
        self.assertEqual(self.wallet.balance, 0)
        refund = self.wallet.move_ids.filtered(lambda m: m.kind == "refund")
        self.assertEqual(refund.amount, -3)
        self.assertIn(
            "2 of the 5 tickets this credit note refunds were already used",
            credit_note.message_ids[:1].body,
        )

    def test_credit_note_of_an_unpaid_invoice_changes_nothing(self):
        order = self.sell(self.pack_expansion_5)
        invoice = self.invoice(order)
        self.refund(invoice)
        self.assertFalse(self.wallet.move_ids)

    def test_quotation_of_development_gets_the_holders_discount(self):
        development = self.env["product.category"].create({"name": "Desarrollos"})
        service = self.env["product.product"].create(
            {
                "name": "Desarrollo a medida (hora)",
                "type": "service",
                "list_price": 60.0,
                "categ_id": development.id,
            }
        )
        self.company.write(
            {
                "wallet_discount_categ_ids": [Command.set(development.ids)],
                "wallet_discount_percent": 5.0,
                "wallet_discount_days": 365,
            }
        )
        self.buy(self.pack_expansion_5)
        quotation = self.env["sale.order"].create(
            {
                "partner_id": self.contact.id,
                "order_line": [
                    Command.create({"product_id": service.id, "product_uom_qty": 12}),
                    Command.create(
                        {"product_id": self.pack_expansion_5.id, "product_uom_qty": 1}
                    ),
                ],
            }
        )
        self.assertEqual(
            quotation.pricelist_id, self.company.wallet_discount_pricelist_id
        )
        development_line, pack_line = quotation.order_line
        self.assertEqual(development_line.discount, 5.0)
        self.assertEqual(development_line.price_subtotal, 684.0)
        self.assertEqual(pack_line.discount, 0.0)

    def test_discount_ends_with_the_condition(self):
        self.company.wallet_discount_days = 0
        self.buy(self.pack_expansion_5)
        self.wallet.with_user(self.manager)._adjust(-5, "Cierre del wallet")
        quotation = self.env["sale.order"].create({"partner_id": self.client.id})
        self.assertNotEqual(
            quotation.pricelist_id, self.company.wallet_discount_pricelist_id
        )
