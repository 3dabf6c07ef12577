from .common import WalletCommon


class TestWalletReclaim(WalletCommon):
    """A covered ticket whose stage or category changes after it was
    debited: the wallet follows through the entitlement chain, one ledger
    move each way."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.billing = cls.env["helpdesk.ticket.category"].create(
            {"name": "Facturación del servicio", "administrative": True}
        )
        cls.pos = cls.env["helpdesk.ticket.category"].create({"name": "POS"})

    def kinds(self, ticket):
        return ticket.wallet_move_ids.sorted("id").mapped("kind")

    def test_cancelled_by_mistake_then_reopened_is_debited_again_once(self):
        self.buy(self.pack_expansion_5)
        ticket = self.open_ticket()
        ticket.stage_id = self.stage_cancelled
        self.assertEqual(self.wallet.balance, 5)
        ticket.stage_id = self.stage_progress
        self.assertEqual(self.wallet.balance, 4)
        self.assertEqual(ticket.entitlement_state, "claimed")
        self.assertEqual(ticket.entitlement_source, "wallet")
        ticket.stage_id = self.stage_new
        ticket.stage_id = self.stage_progress
        self.assertEqual(self.wallet.balance, 4, "claimed once")
        self.assertEqual(self.kinds(ticket), ["consumption", "reversal", "consumption"])
        self.assertTrue(
            ticket.message_ids.filtered(lambda m: "reopened" in (m.body or ""))
        )
        self.assertLedgerSumsToBalance(self.wallet)

    def test_reopened_with_an_empty_wallet_is_saved_uncovered(self):
        self.buy(self.pack_expansion_5)
        ticket = self.open_ticket()
        ticket.stage_id = self.stage_cancelled
        self.wallet.with_user(self.manager)._adjust(-5, "Cierre del wallet")
        ticket.stage_id = self.stage_progress
        self.assertFalse(ticket.is_covered)
        self.assertIn("/my/wallet", ticket.entitlement_message)
        self.assertEqual(self.wallet.balance, 0)

    def test_refiled_as_administrative_gives_the_ticket_back(self):
        self.buy(self.pack_expansion_5)
        ticket = self.open_ticket(category_id=self.pos.id)
        self.assertEqual(self.wallet.balance, 4)
        ticket.category_id = self.billing
        self.assertEqual(self.wallet.balance, 5)
        self.assertTrue(ticket.is_covered)
        self.assertEqual(ticket.entitlement_source, "policy")
        self.assertEqual(ticket.sla_policy_id, self.standard)
        self.assertEqual(self.kinds(ticket), ["consumption", "reversal"])
        note = ticket.message_ids.filtered(
            lambda m: "category changed" in (m.body or "")
        )
        self.assertTrue(note, "the agents read why the wallet moved")
        self.assertLedgerSumsToBalance(self.wallet)

    def test_refiled_from_administrative_is_debited(self):
        self.buy(self.pack_expansion_5)
        ticket = self.open_ticket(category_id=self.billing.id)
        self.assertEqual(self.wallet.balance, 5)
        ticket.category_id = self.pos
        self.assertEqual(self.wallet.balance, 4)
        self.assertEqual(ticket.entitlement_source, "wallet")
        self.assertEqual(self.kinds(ticket), ["consumption"])

    def test_refiled_between_two_paid_categories_moves_once_each_way(self):
        other = self.env["helpdesk.ticket.category"].create({"name": "Inventario"})
        self.buy(self.pack_expansion_5)
        ticket = self.open_ticket(category_id=self.pos.id)
        ticket.category_id = other
        ticket.category_id = other
        self.assertEqual(self.wallet.balance, 4)
        self.assertEqual(self.kinds(ticket), ["consumption", "reversal", "consumption"])
        self.assertEqual(ticket.entitlement_state, "claimed")
