from odoo import http
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestWalletPortal(HttpCase):
    """Two portal users of two client companies: each reads only their own
    wallet and ledger."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        policy = cls.env.ref("helpdesk_priority_matrix.sla_policy_standard")
        cls.policy = policy
        cls.users = {}
        cls.wallets = {}
        for key, name, tickets in (
            ("coclé", "Farmacias Coclé S.A.", 5),
            ("veraguas", "Ferretería Veraguas S.A.", 2),
        ):
            client = cls.env["res.partner"].create({"name": name, "is_company": True})
            user = new_test_user(
                cls.env,
                login=f"portal_{key}",
                groups="base.group_portal",
                password=f"portal_{key}",
            )
            user.partner_id.parent_id = client
            user.partner_id.helpdesk_authorized = True
            wallet = cls.env["helpdesk.wallet"].create({"partner_id": client.id})
            wallet._credit_tickets(
                tickets, policy, kind="adjustment", reason="Saldo inicial"
            )
            cls.users[key] = user
            cls.wallets[key] = wallet
        cls.category = cls.env["helpdesk.ticket.category"].create(
            {"name": "Facturación electrónica", "show_in_portal": True}
        )
        cls.pack = cls.env["product.product"].create(
            {
                "name": "VTM WalletTicket 10 – Expansión",
                "type": "service",
                "list_price": 620.0,
                "is_ticket_pack": True,
                "ticket_pack_quantity": 10,
                "ticket_pack_sla_policy_id": policy.id,
            }
        )

    def test_portal_user_reads_only_their_wallet(self):
        mine, theirs = self.wallets["coclé"], self.wallets["veraguas"]
        env = self.env(user=self.users["coclé"])
        self.assertEqual(env["helpdesk.wallet"].search([]), mine)
        self.assertEqual(env["helpdesk.wallet.move"].search([]).wallet_id, mine)
        with self.assertRaises(AccessError):
            theirs.with_env(env).read(["balance"])
        with self.assertRaises(AccessError):
            theirs.move_ids.with_env(env).read(["amount"])
        with self.assertRaises(AccessError):
            mine.with_env(env).write({"low_balance_notified": True})

    def test_my_wallet_page_over_http(self):
        self.authenticate("portal_coclé", "portal_coclé")
        response = self.url_open("/my/wallet")
        self.assertEqual(response.status_code, 200)
        page = response.text
        self.assertIn("Tickets left", page)
        self.assertIn("Saldo inicial", page)
        self.assertIn(self.policy.name, page)
        self.assertIn(self.pack.name, page)
        self.assertNotIn("Ferretería Veraguas", page)
        self.authenticate("portal_veraguas", "portal_veraguas")
        page = self.url_open("/my/wallet").text
        self.assertIn('<div class="display-5">2</div>', page)
        self.assertNotIn('<div class="display-5">5</div>', page)

    def test_tickets_page_and_new_ticket_form_show_the_balance(self):
        self.authenticate("portal_coclé", "portal_coclé")
        for url in ("/my/tickets", "/new/ticket"):
            page = self.url_open(url).text
            self.assertIn("Tickets left:", page, url)
            self.assertIn(self.policy.name, page, url)

    def test_ticket_submitted_from_the_portal_uses_the_wallet(self):
        self.authenticate("portal_coclé", "portal_coclé")
        response = self.url_open(
            "/submitted/ticket",
            data={
                "subject": "Factura no enviada a la DGI",
                "description": "La factura 342 no llegó a la DGI.",
                "category": str(self.category.id),
                "csrf_token": http.Request.csrf_token(self),
            },
        )
        self.assertEqual(response.status_code, 200)
        ticket = self.env["helpdesk.ticket"].search(
            [("partner_id", "=", self.users["coclé"].partner_id.id)]
        )
        self.assertEqual(ticket.entitlement_source, "wallet")
        self.assertEqual(ticket.wallet_consumption_id.ticket_id, ticket)
        self.assertEqual(self.wallets["coclé"].balance, 4)
        self.assertEqual(self.wallets["veraguas"].balance, 2)
        self.assertIn("Tickets left", self.url_open(f"/my/ticket/{ticket.id}").text)

    def test_quotation_request_for_a_pack(self):
        self.authenticate("portal_coclé", "portal_coclé")
        response = self.url_open(
            "/my/wallet/request",
            data={
                "product_id": self.pack.id,
                "csrf_token": http.Request.csrf_token(self),
            },
        )
        self.assertEqual(response.status_code, 200)
        order = self.env["sale.order"].search(
            [("partner_id", "=", self.users["coclé"].partner_id.id)]
        )
        self.assertEqual(order.order_line.product_id, self.pack)
        self.assertEqual(order.state, "draft")

    def test_service_level_targets_read_as_durations(self):
        self.authenticate("portal_coclé", "portal_coclé")
        page = self.url_open("/my/wallet").text
        start = page.index('name="wallet_targets"')
        targets = page[start : page.index("</table>", start)]
        p1 = self.policy.line_ids.filtered(lambda line: line.level_id.code == "P1")
        self.assertEqual(p1.response_target, 0.5)
        self.assertIn("30 minutes", targets)
        self.assertIn("3 business days", targets)
        self.assertNotIn("0.5", targets)
        self.assertNotIn(".0 ", targets)

    def test_ledger_keeps_the_amount_in_view_on_a_phone(self):
        ticket = self.env["helpdesk.ticket"].create(
            {
                "name": "Factura no enviada a la DGI",
                "description": "<p>La factura 342 no llegó a la DGI.</p>",
                "partner_id": self.users["coclé"].partner_id.id,
            }
        )
        self.assertEqual(ticket.entitlement_source, "wallet")
        self.env.flush_all()
        self.authenticate("portal_coclé", "portal_coclé")
        page = self.url_open("/my/wallet").text
        self.assertIn('<th class="d-none d-md-table-cell">Service level</th>', page)
        self.assertIn('<th class="d-none d-sm-table-cell">Ticket</th>', page)
        self.assertIn('<th class="text-end">Tickets</th>', page)
        self.assertRegex(
            page,
            r'<a class="d-block d-sm-none small" name="wallet_move_ticket_phone"'
            rf' href="/my/ticket/{ticket.id}">{ticket.number}</a>',
        )
