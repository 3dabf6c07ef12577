from odoo.tests import tagged

from odoo.addons.helpdesk_priority_matrix.tests.tour_common import TourCase


@tagged("post_install", "-at_install")
class TestTourPortalWallet(TourCase):
    """Clients with a ticket wallet follow it on the portal and open tickets
    it pays for, in English on a desktop and in Spanish on a phone; neither
    reaches the other's tickets."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.load_spanish("helpdesk_sla_wallet")
        cls.env.company.wallet_consume_on = "create"
        cls.policy = cls.env.ref("helpdesk_priority_matrix.sla_policy_standard")
        cls.client_en = cls.portal_client("tour_wallet_en", "Farmacias Coclé S.A.")
        cls.client_es = cls.portal_client(
            "tour_wallet_es", "Ferretería Veraguas S.A.", "es_ES", "America/Santiago"
        )
        cls.tickets = {}
        for user in (cls.client_en, cls.client_es):
            company = user.partner_id.parent_id
            wallet = cls.env["helpdesk.wallet"].create({"partner_id": company.id})
            wallet._credit_tickets(
                5, cls.policy, kind="adjustment", reason="Saldo inicial"
            )
            cls.tickets[user] = cls.env["helpdesk.ticket"].create(
                {
                    "name": f"Cierre de caja de {company.name}",
                    "description": "El cierre de caja no cuadra.",
                    "partner_id": user.partner_id.id,
                }
            )

    def assertOtherClientsTicketOutOfReach(self, user, other):
        """The other client's ticket page and its file answer with the
        portal's home or 403/404, never with their content."""
        ticket = self.tickets[other]
        attachment = self.env["ir.attachment"].create(
            {
                "name": "arqueo.txt",
                "raw": b"arqueo",
                "res_model": ticket._name,
                "res_id": ticket.id,
            }
        )
        self.authenticate(user.login, user.login)
        response = self.url_open(f"/my/ticket/{ticket.id}", allow_redirects=False)
        self.assertIn(response.status_code, (303, 403, 404))
        self.assertNotIn(ticket.name, response.text)
        response = self.url_open(f"/web/content/{attachment.id}")
        self.assertIn(response.status_code, (403, 404))

    def test_wallet_in_english_on_a_desktop(self):
        self.start_client_tour(
            "/my", "helpdesk_sla_wallet_portal_wallet_en", "tour_wallet_en"
        )
        self.assertOtherClientsTicketOutOfReach(self.client_en, self.client_es)

    def test_wallet_in_spanish_on_a_phone(self):
        self.start_client_tour(
            "/my", "helpdesk_sla_wallet_portal_wallet_es", "tour_wallet_es", phone=True
        )
        self.assertOtherClientsTicketOutOfReach(self.client_es, self.client_en)

    def assertServedByTheWallet(self, user):
        company = user.partner_id.parent_id
        ticket = self.env["helpdesk.ticket"].search(
            [("partner_id", "=", user.partner_id.id)], order="id desc", limit=1
        )
        self.assertEqual(ticket.entitlement_source, "wallet")
        self.assertEqual(company.wallet_id.balance, 3)

    def test_new_ticket_served_by_the_wallet_in_english_on_a_phone(self):
        self.start_client_tour(
            "/new/ticket",
            "helpdesk_sla_wallet_portal_new_ticket_en",
            "tour_wallet_en",
            phone=True,
        )
        self.assertServedByTheWallet(self.client_en)

    def test_new_ticket_served_by_the_wallet_in_spanish_on_a_desktop(self):
        self.start_client_tour(
            "/new/ticket", "helpdesk_sla_wallet_portal_new_ticket_es", "tour_wallet_es"
        )
        self.assertServedByTheWallet(self.client_es)
