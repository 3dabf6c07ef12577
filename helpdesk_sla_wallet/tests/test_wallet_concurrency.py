import threading

from odoo import api
from odoo.service.model import retrying
from odoo.tests import TransactionCase, tagged

from odoo.addons.helpdesk_priority_matrix.tests.intake_common import EMAIL_TPL

TIMEOUT = 30


class WalletRaceCase(TransactionCase):
    """Tickets of one client created at the same moment by separate
    transactions outside any web request (the incoming-mail cron, a
    script, a queued job): nothing retries them, so a claim that loses the
    race on the wallet must not lose the ticket.

    Every transaction takes its snapshot, waits for the others, then
    creates its ticket: all snapshots predate every debit.
    """

    tickets_at_once = 10
    tickets_in_wallet = 20

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
                    {
                        "name": f"Contacto {n}",
                        "email": f"contacto{n}@concurrencia.example.com",
                        "parent_id": client.id,
                    }
                    for n in range(self.tickets_at_once)
                ]
            )
            # Every contact may open tickets, whatever the demo company says.
            requesters_only = env.company.helpdesk_authorized_requesters_only
            env.company.helpdesk_authorized_requesters_only = False
            policy = env.ref("helpdesk_priority_matrix.sla_policy_standard")
            team = env["helpdesk.ticket.team"].create(
                {"name": "Concurrencia", "sla_policy_id": policy.id}
            )
            wallet = env["helpdesk.wallet"].create({"partner_id": client.id})
            wallet._credit_tickets(
                self.tickets_in_wallet, policy, kind="adjustment", reason="Prueba"
            )
            self.fixture = {
                "client": client.id,
                "contacts": contacts.ids,
                "team": team.id,
                "wallet": wallet.id,
                "cron": env.ref(
                    "helpdesk_priority_matrix.ir_cron_helpdesk_entitlement_retry"
                ).id,
                "requesters_only": requesters_only,
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
            cr.execute(
                "DELETE FROM ir_cron_trigger WHERE cron_id = %s", [self.fixture["cron"]]
            )
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            env.company.helpdesk_authorized_requesters_only = self.fixture[
                "requesters_only"
            ]
            tickets = env["helpdesk.ticket"].search(
                [("partner_id", "in", self.fixture["contacts"])]
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
        try:
            with self.registry.cursor() as cr:
                env = api.Environment(cr, api.SUPERUSER_ID, {})
                # The first query takes the transaction's snapshot.
                env.cr.execute("SELECT 1")
                barrier.wait(timeout=TIMEOUT)
                ticket_id = self._new_ticket(env, contact_id)
            results.append(ticket_id)
        except Exception as error:  # reported by the main thread
            results.append(error)

    def _new_ticket(self, env, contact_id):
        return (
            env["helpdesk.ticket"]
            .create(
                {
                    "name": "POS inoperativo",
                    "description": "<p>No podemos cobrar.</p>",
                    "partner_id": contact_id,
                    "team_id": self.fixture["team"],
                }
            )
            .id
        )

    def create_tickets_at_once(self):
        barrier = threading.Barrier(self.tickets_at_once)
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
            thread.join(timeout=TIMEOUT * 4)
        self.assertFalse(any(thread.is_alive() for thread in threads))
        for result in results:
            self.assertIsInstance(result, int, f"every ticket is saved: {result!r}")
        self.assertEqual(len(results), self.tickets_at_once)
        return results

    def pending(self, ticket_ids):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            return (
                env["helpdesk.ticket"]
                .browse(ticket_ids)
                .filtered("entitlement_pending")
                .ids
            )

    def run_queued_claims(self, ticket_ids):
        """The retry cron was woken; run it, each call in a transaction of
        its own as ``ir.cron`` does, until nothing is pending."""
        with self.registry.cursor() as cr:
            cr.execute(
                "SELECT count(*) FROM ir_cron_trigger WHERE cron_id = %s",
                [self.fixture["cron"]],
            )
            self.assertTrue(cr.fetchone()[0], "the retry cron was woken")
        for __ in range(self.tickets_at_once):
            if not self.pending(ticket_ids):
                return
            with self.registry.cursor() as cr:
                env = api.Environment(cr, api.SUPERUSER_ID, {})
                env["helpdesk.ticket"]._cron_entitlement_retry()
        self.assertFalse(self.pending(ticket_ids))


@tagged("post_install", "-at_install")
class TestWalletConcurrency(WalletRaceCase):
    def test_many_tickets_at_once_all_saved_and_covered_once(self):
        """Ten tickets for one wallet at once, outside a web request: the
        claims that lose the race save their tickets pending; the queued
        claims cover each of them once."""
        results = self.create_tickets_at_once()
        self.assertTrue(self.pending(results), "the transactions met on the wallet")
        self.run_queued_claims(results)
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            tickets = env["helpdesk.ticket"].browse(results)
            wallet = env["helpdesk.wallet"].browse(self.fixture["wallet"])
            self.assertEqual(set(tickets.mapped("entitlement_source")), {"wallet"})
            self.assertTrue(all(tickets.mapped("is_covered")))
            self.assertEqual(set(tickets.mapped("entitlement_state")), {"claimed"})
            for ticket in tickets:
                consumptions = ticket.wallet_move_ids.filtered(
                    lambda m: m.kind == "consumption"
                )
                self.assertEqual(len(consumptions), 1, "covered exactly once")
            self.assertEqual(wallet.balance, self.tickets_in_wallet - 10)
            self.assertEqual(sum(wallet.move_ids.mapped("amount")), wallet.balance)


@tagged("post_install", "-at_install")
class TestWalletMailGatewayConcurrency(WalletRaceCase):
    """The same through Odoo's mail gateway, as the incoming-mail cron
    processes the emails of a mailbox: each email becomes a ticket, none is
    lost to a serialization error."""

    def _new_ticket(self, env, contact_id):
        contact = env["res.partner"].browse(contact_id)
        message = EMAIL_TPL.format(
            email_from=f"{contact.name} <{contact.email}>",
            to="soporte@concurrencia.example.com",
            subject=f"POS inoperativo {contact_id}",
            msg_id=f"<pos.{contact_id}@concurrencia.example.com>",
            body="No podemos cobrar.",
        )
        return env["mail.thread"].message_process(
            "helpdesk.ticket", message, custom_values={"team_id": self.fixture["team"]}
        )

    def test_many_emails_at_once_all_become_covered_tickets(self):
        results = self.create_tickets_at_once()
        self.run_queued_claims(results)
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            tickets = env["helpdesk.ticket"].browse(results)
            wallet = env["helpdesk.wallet"].browse(self.fixture["wallet"])
            self.assertEqual(
                sorted(tickets.partner_id.ids), sorted(self.fixture["contacts"])
            )
            self.assertEqual(set(tickets.mapped("entitlement_source")), {"wallet"})
            self.assertEqual(
                len(wallet.move_ids.filtered(lambda m: m.kind == "consumption")),
                self.tickets_at_once,
            )
            self.assertEqual(wallet.balance, self.tickets_in_wallet - 10)


@tagged("post_install", "-at_install")
class TestWalletLastTicketConcurrency(WalletRaceCase):
    tickets_at_once = 5
    tickets_in_wallet = 1

    def test_one_ticket_left_many_tickets_at_once(self):
        """One ticket left: one ticket is covered, the others are saved
        uncovered and told why, the balance ends at 0."""
        results = self.create_tickets_at_once()
        self.run_queued_claims(results)
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            tickets = env["helpdesk.ticket"].browse(results)
            wallet = env["helpdesk.wallet"].browse(self.fixture["wallet"])
            covered = tickets.filtered("is_covered")
            self.assertEqual(len(covered), 1)
            self.assertEqual(covered.entitlement_source, "wallet")
            uncovered = tickets - covered
            self.assertEqual(len(uncovered), 4)
            for ticket in uncovered:
                self.assertIn("/my/wallet", ticket.entitlement_message)
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
