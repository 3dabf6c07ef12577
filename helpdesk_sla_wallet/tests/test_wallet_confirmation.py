from odoo.tests import tagged

from odoo.addons.helpdesk_priority_matrix.tests.translation_common import (
    load_spanish,
)

from .common import WalletCommon


@tagged("post_install", "-at_install")
class TestWalletConfirmation(WalletCommon):
    """A wallet ticket is confirmed once, with its coverage and the balance
    left, in the client's language; a held ticket is no sale."""

    def _client_mails(self, ticket):
        ticket.env["helpdesk.ticket"]._cron_send_confirmations()
        return ticket.message_ids.filtered(
            lambda m: m.subtype_id == self.env.ref("mail.mt_comment")
        )

    def test_one_confirmation_with_coverage_and_balance(self):
        self.buy(self.pack_expansion_5)
        ticket = self.open_ticket()
        mails = self._client_mails(ticket)
        self.assertEqual(len(mails), 1, "one email per new ticket")
        body = str(mails.body)
        self.assertIn("Covered by your ticket wallet at the Expansión (test)", body)
        self.assertIn("one ticket is used", body)
        self.assertIn("Tickets left in your wallet: 4.", body)

    def test_confirmation_in_the_clients_language(self):
        load_spanish(self.env, "helpdesk_priority_matrix", "helpdesk_sla_wallet")
        self.contact.lang = "es_ES"
        self.buy(self.pack_expansion_5)
        ticket = self.open_ticket().with_context(lang="en_US")
        body = str(self._client_mails(ticket).body)
        self.assertIn("Cubierto por su wallet de tickets", body)
        self.assertIn("Tickets restantes en su wallet: 4.", body)
        self.assertNotIn("Covered by", body)

    def test_held_ticket_is_not_offered_a_pack(self):
        self.buy(self.pack_expansion_5)
        for _i in range(5):
            self.open_ticket()
        self.assertEqual(self.wallet.balance, 0)
        self.company.helpdesk_authorized_requesters_only = True
        self.contact.helpdesk_authorized = False
        web = self.env.ref("helpdesk_mgmt.helpdesk_ticket_channel_web")
        held = self.open_ticket("Pedido bloqueado", channel_id=web.id)
        self.assertFalse(held.requester_authorized)
        self.assertFalse(
            held.activity_ids.filtered(lambda a: a.summary == "Offer a ticket pack"),
            "a held ticket is not a sale to make",
        )
        self.contact.helpdesk_authorized = True
        accepted = self.open_ticket("Pedido rechazado", channel_id=web.id)
        self.assertFalse(accepted.is_covered)
        self.assertTrue(
            accepted.activity_ids.filtered(lambda a: a.summary == "Offer a ticket pack")
        )
