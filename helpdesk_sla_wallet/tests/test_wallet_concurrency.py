import threading

from odoo import api
from odoo.service.model import retrying
from odoo.tests import TransactionCase, tagged

TICKETS_AT_ONCE = 5


@tagged("post_install", "-at_install")
class TestWalletConcurrency(TransactionCase):
    """Tickets created at the same time by separate transactions on a
    wallet with one ticket left: one is covered, the others are saved
    uncovered, the balance ends at 0 and the ledger sums to it.

    Each thread runs like an HTTP request: its own cursor, retried by
    Odoo's ``retrying`` when PostgreSQL reports a concurrent update.
    """

    def setUp(self):
        super().setUp()
        self.fixture = {}
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            client = env["res.partner"].create(
                {"name": "Concurrencia Panamá S.A.", "is_company": True}
            )
            contacts = env["res.partner"].create(
                [
                    {"name": f"Contacto {n}", "parent_id": client.id}
                    for n in range(TICKETS_AT_ONCE)
                ]
            )
            policy = env.ref("helpdesk_priority_matrix.sla_policy_standard")
            team = env["helpdesk.ticket.team"].create(
                {"name": "Concurrencia", "sla_policy_id": policy.id}
            )
            wallet = env["helpdesk.wallet"].create({"partner_id": client.id})
            wallet._credit_tickets(1, policy, kind="adjustment", reason="Prueba")
            self.fixture = {
                "client": client.id,
                "contacts": contacts.ids,
                "team": team.id,
                "wallet": wallet.id,
            }
        self.addCleanup(self._remove_fixture)

    def _remove_fixture(self):
        if not self.fixture:
            return
        with self.registry.cursor() as cr:
            # The ledger refuses deletion through the ORM, on purpose: the
            # test data is removed below it.
            cr.execute(
                "DELETE FROM helpdesk_wallet_move WHERE wallet_id = %s",
                [self.fixture["wallet"]],
            )
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            tickets = env["helpdesk.ticket"].search(
                [("team_id", "=", self.fixture["team"])]
            )
            env["mail.activity"].search(
                [("res_model", "=", "helpdesk.ticket"), ("res_id", "in", tickets.ids)]
            ).unlink()
            tickets.unlink()
            env["helpdesk.wallet"].browse(self.fixture["wallet"]).unlink()
            env["helpdesk.ticket.team"].browse(self.fixture["team"]).unlink()
            env["res.partner"].browse(
                [*self.fixture["contacts"], self.fixture["client"]]
            ).unlink()

    def _create_ticket(self, contact_id, barrier, results):
        attempts = []
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})

            def create():
                # The first query takes the transaction's snapshot: every
                # snapshot predates the others' debits. Only the first attempt
                # waits for the others.
                env.cr.execute("SELECT 1")
                self.tries.append(contact_id)
                if not attempts:
                    attempts.append(contact_id)
                    barrier.wait(timeout=30)
                ticket = env["helpdesk.ticket"].create(
                    {
                        "name": "POS inoperativo",
                        "description": "<p>No podemos cobrar.</p>",
                        "partner_id": contact_id,
                        "team_id": self.fixture["team"],
                    }
                )
                return ticket.id

            results.append(retrying(create, env))

    def test_one_ticket_left_many_tickets_at_once(self):
        self.tries = []
        barrier = threading.Barrier(TICKETS_AT_ONCE)
        results = []
        threads = [
            threading.Thread(
                target=self._create_ticket, args=(contact, barrier, results)
            )
            for contact in self.fixture["contacts"]
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
        self.assertFalse(any(thread.is_alive() for thread in threads))
        self.assertEqual(len(results), TICKETS_AT_ONCE, "every ticket is saved")
        self.assertGreater(
            len(self.tries), TICKETS_AT_ONCE, "the transactions met on the wallet row"
        )
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            tickets = env["helpdesk.ticket"].browse(results)
            wallet = env["helpdesk.wallet"].browse(self.fixture["wallet"])
            self.assertEqual(len(tickets.filtered("is_covered")), 1)
            self.assertEqual(
                tickets.filtered("is_covered").entitlement_source, "wallet"
            )
            self.assertEqual(len(tickets.filtered(lambda t: not t.is_covered)), 4)
            self.assertEqual(wallet.balance, 0)
            self.assertEqual(sum(wallet.move_ids.mapped("amount")), 0)
            self.assertEqual(
                len(wallet.move_ids.filtered(lambda m: m.kind == "consumption")), 1
            )


@tagged("post_install", "-at_install")
class TestWalletCreditConcurrency(TransactionCase):
    """A cron and a user credit the same paid pack at the same moment, in
    separate transactions: the pack is credited once."""

    def setUp(self):
        super().setUp()
        self.fixture = {}
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            env.company.wallet_credit_on = "paid"
            client = env["res.partner"].create(
                {"name": "Doble Crédito Panamá S.A.", "is_company": True}
            )
            pack = env["product.product"].create(
                {
                    "name": "Wallet 5 (concurrencia)",
                    "type": "service",
                    "is_ticket_pack": True,
                    "ticket_pack_quantity": 5,
                    "ticket_pack_sla_policy_id": env.ref(
                        "helpdesk_priority_matrix.sla_policy_standard"
                    ).id,
                }
            )
            order = env["sale.order"].create(
                {
                    "partner_id": client.id,
                    "order_line": [(0, 0, {"product_id": pack.id})],
                }
            )
            order.action_confirm()
            wallet = env["helpdesk.wallet"].create({"partner_id": client.id})
            self.fixture = {
                "client": client.id,
                "pack": pack.id,
                "order": order.id,
                "lines": order.order_line.ids,
                "wallet": wallet.id,
            }
        self.addCleanup(self._remove_fixture)

    def _remove_fixture(self):
        if not self.fixture:
            return
        with self.registry.cursor() as cr:
            cr.execute(
                "DELETE FROM helpdesk_wallet_move WHERE wallet_id = %s",
                [self.fixture["wallet"]],
            )
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            order = env["sale.order"].browse(self.fixture["order"])
            order._action_cancel()
            order.unlink()
            env["helpdesk.wallet"].browse(self.fixture["wallet"]).unlink()
            env["product.product"].browse(self.fixture["pack"]).product_tmpl_id.unlink()
            env["res.partner"].browse(self.fixture["client"]).unlink()

    def _credit(self, barrier, results):
        attempts = []
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})

            def credit():
                # The snapshot predates the other transaction's credit.
                env.cr.execute("SELECT 1")
                lines = env["sale.order.line"].browse(self.fixture["lines"])
                self.tries.append(True)
                if not attempts:
                    attempts.append(True)
                    barrier.wait(timeout=30)
                lines._wallet_credit()
                return True

            results.append(retrying(credit, env))

    def test_cron_and_user_credit_once(self):
        self.tries = []
        barrier = threading.Barrier(2)
        results = []
        threads = [
            threading.Thread(target=self._credit, args=(barrier, results))
            for __ in range(2)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
        self.assertFalse(any(thread.is_alive() for thread in threads))
        self.assertEqual(results, [True, True])
        self.assertEqual(len(self.tries), 3, "the second crediting was retried")
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            wallet = env["helpdesk.wallet"].browse(self.fixture["wallet"])
            self.assertEqual(wallet.balance, 5)
            self.assertEqual(len(wallet.move_ids), 1)
