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
                # Read the wallet first, so that every transaction's snapshot
                # predates the others' debits; only the first attempt waits
                # for the others.
                env["helpdesk.wallet"].browse(self.fixture["wallet"]).balance  # noqa: B018
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
