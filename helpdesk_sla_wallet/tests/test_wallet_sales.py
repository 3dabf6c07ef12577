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
        """The crediting called twice (a cron and a user at the same time):
        one credit."""
        self.company.wallet_credit_on = "confirm"
        order = self.sell(self.pack_expansion_5)
        order.order_line._wallet_credit()
        order.order_line._wallet_credit()
        self.assertEqual(self.wallet.balance, 5)
        self.assertEqual(len(self.wallet.move_ids), 1)

    def test_cancelled_order_takes_back_what_it_credited(self):
        """Credited on confirmation, cancelled before any invoice: the
        tickets are taken back and the client is told."""
        self.company.wallet_credit_on = "confirm"
        order = self.sell(self.pack_expansion_5)
        self.assertEqual(self.wallet.balance, 5)
        order._action_cancel()
        self.assertEqual(self.wallet.balance, 0)
        cancellation = self.wallet.move_ids.filtered(lambda m: m.kind == "cancellation")
        self.assertEqual(cancellation.amount, -5)
        self.assertEqual(cancellation.sale_order_id, order)
        told = self.wallet.message_ids.filtered(
            lambda m: self.client in m.partner_ids and order.name in m.body
        )
        self.assertTrue(told, "the client is told the tickets were taken back")
        self.assertIn("5 tickets", told.body)
        self.assertLedgerSumsToBalance(self.wallet)

    def test_cancelled_order_keeps_the_tickets_already_used(self):
        self.company.wallet_credit_on = "confirm"
        order = self.sell(self.pack_expansion_5)
        self.open_ticket()
        order._action_cancel()
        self.assertEqual(self.wallet.balance, 0)
        cancellation = self.wallet.move_ids.filtered(lambda m: m.kind == "cancellation")
        self.assertEqual(cancellation.amount, -4)
        self.assertIn(
            "1 of its tickets were already used", self.wallet.message_ids[:1].body
        )

    def test_order_set_back_to_quotation_then_confirmed_credits_once(self):
        self.company.wallet_credit_on = "confirm"
        order = self.sell(self.pack_expansion_5)
        order._action_cancel()
        order.action_draft()
        self.assertEqual(order.state, "draft")
        self.assertEqual(self.wallet.balance, 0)
        order.action_confirm()
        order.order_line._wallet_credit()
        self.assertEqual(self.wallet.balance, 5)
        self.assertEqual(
            self.wallet.move_ids.mapped("kind").count("purchase"),
            2,
            "credited, taken back, credited again",
        )
        self.assertLedgerSumsToBalance(self.wallet)

    def test_invoiced_order_cancelled_keeps_its_credit(self):
        """Once an invoice is posted, its credit note undoes the sale."""
        self.company.wallet_credit_on = "confirm"
        order = self.sell(self.pack_expansion_5)
        self.invoice(order)
        order.with_context(disable_cancel_warning=True)._action_cancel()
        self.assertEqual(self.wallet.balance, 5)

    def invoice_packs(self, order, packs):
        """Invoice ``packs`` of the order's pack line, posted."""
        invoice = order._create_invoices()
        invoice.invoice_line_ids.quantity = packs
        invoice.action_post()
        return invoice

    def test_each_paid_invoice_credits_what_it_sells(self):
        """An order for 2 packs invoiced one pack at a time: each paid
        invoice credits its pack."""
        order = self.sell(self.pack_expansion_5, quantity=2)
        first = self.invoice_packs(order, 1)
        self.pay(first)
        self.assertEqual(self.wallet.balance, 5)
        second = self.invoice_packs(order, 1)
        self.assertEqual(self.wallet.balance, 5, "not paid yet")
        self.pay(second)
        self.assertEqual(self.wallet.balance, 10)
        purchases = self.wallet.move_ids.filtered(lambda m: m.kind == "purchase")
        self.assertEqual(sorted(purchases.mapped("amount")), [5, 5])
        self.assertEqual(purchases.invoice_id, first | second)

    def test_invoice_paid_twice_credits_once(self):
        __, invoice = self.buy(self.pack_expansion_5)
        invoice._invoice_paid_hook()
        self.assertEqual(self.wallet.balance, 5)
        self.assertEqual(len(self.wallet.move_ids), 1)

    def test_credit_note_of_one_of_two_paid_invoices_takes_back_its_pack(self):
        order = self.sell(self.pack_expansion_5, quantity=2)
        first = self.invoice_packs(order, 1)
        self.pay(first)
        second = self.invoice_packs(order, 1)
        self.pay(second)
        self.refund(second)
        self.assertEqual(self.wallet.balance, 5)
        refund = self.wallet.move_ids.filtered(lambda m: m.kind == "refund")
        self.assertEqual(refund.credit_id.invoice_id, second)

    def test_reverse_and_create_invoice_keeps_the_tickets(self):
        """Credit on confirmation: the credit note that replaces an invoice
        takes the tickets back, and the replacement gives them again."""
        self.company.wallet_credit_on = "confirm"
        order = self.sell(self.pack_expansion_5)
        invoice = self.invoice(order)
        self.assertEqual(self.wallet.balance, 5, "the invoice credits nothing more")
        reversal = (
            self.env["account.move.reversal"]
            .with_context(active_model="account.move", active_ids=invoice.ids)
            .create({"journal_id": invoice.journal_id.id, "reason": "Dirección fiscal"})
        )
        action = reversal.modify_moves()
        replacement = self.env["account.move"].browse(action["res_id"])
        self.assertEqual(self.wallet.balance, 0, "the credit note took them back")
        replacement.action_post()
        self.assertEqual(self.wallet.balance, 5)
        self.assertEqual(
            self.wallet.move_ids.filtered(
                lambda m: m.kind == "purchase" and m.invoice_id == replacement
            ).amount,
            5,
        )
        self.assertLedgerSumsToBalance(self.wallet)

    def test_credit_note_without_replacement_takes_back_in_confirm_mode(self):
        self.company.wallet_credit_on = "confirm"
        order = self.sell(self.pack_expansion_5)
        self.refund(self.invoice(order))
        self.assertEqual(self.wallet.balance, 0)

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
