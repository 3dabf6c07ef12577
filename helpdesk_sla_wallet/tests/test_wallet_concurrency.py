import threading

from odoo.service.model import retrying
from odoo.tests import TransactionCase, tagged

from odoo.addons.helpdesk_priority_matrix.tests.committed import CommittedFixtures
from odoo.addons.helpdesk_priority_matrix.tests.intake_common import EMAIL_TPL

TIMEOUT = 30


class CommittedWalletCase(CommittedFixtures, TransactionCase):
    """Committed wallets, whose ledger is removed with them."""

    def remove_ledger_after(self, wallet):
        """Remove ``wallet`` and its moves after the test. The ledger
        refuses deletion through the ORM, on purpose: the test data is
        removed below it."""
        self.remove_after(wallet)
        self.addCleanup(self._remove_ledger, wallet.id)

    def _remove_ledger(self, wallet_id):
        with self.committed_env() as env:
            env.cr.execute(
                "DELETE FROM helpdesk_wallet_move WHERE wallet_id = %s", [wallet_id]
            )


class WalletRaceCase(CommittedWalletCase):
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
        with self.committed_env() as env:
            client = env["res.partner"].create(
                {"name": "Concurrencia Panamá S.A.", "is_company": True}
            )
            self.remove_after(client)
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
            self.remove_after(contacts)
            # Every contact may open tickets, whatever the demo company says.
            self.restore_after(env.company, ["helpdesk_authorized_requesters_only"])
            env.company.helpdesk_authorized_requesters_only = False
            policy = env.ref("helpdesk_priority_matrix.sla_policy_standard")
            team = env["helpdesk.ticket.team"].create(
                {"name": "Concurrencia", "sla_policy_id": policy.id}
            )
            self.remove_after(team)
            wallet = env["helpdesk.wallet"].create({"partner_id": client.id})
            self.remove_after(wallet)
            # The tickets the test creates, then the ledger they debited.
            self.addCleanup(self._remove_tickets, contacts.ids)
            self.addCleanup(self._remove_ledger, wallet.id)
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
            }
            self.addCleanup(self._remove_triggers, self.fixture["cron"])

    def _remove_triggers(self, cron_id):
        with self.committed_env() as env:
            env.cr.execute("DELETE FROM ir_cron_trigger WHERE cron_id = %s", [cron_id])

    def _remove_tickets(self, contact_ids):
        with self.committed_env() as env:
            tickets = env["helpdesk.ticket"].search([("partner_id", "in", contact_ids)])
            env["mail.activity"].search(
                [("res_model", "=", "helpdesk.ticket"), ("res_id", "in", tickets.ids)]
            ).unlink()
            tickets.unlink()

    def _create_ticket(self, contact_id, barrier, results):
        try:
            with self.committed_env() as env:
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
        with self.committed_env() as env:
            return (
                env["helpdesk.ticket"]
                .browse(ticket_ids)
                .filtered("entitlement_pending")
                .ids
            )

    def run_queued_claims(self, ticket_ids):
        """The retry cron was woken; run it, each call in a transaction of
        its own as ``ir.cron`` does, until nothing is pending."""
        with self.committed_env() as env:
            env.cr.execute(
                "SELECT count(*) FROM ir_cron_trigger WHERE cron_id = %s",
                [self.fixture["cron"]],
            )
            self.assertTrue(env.cr.fetchone()[0], "the retry cron was woken")
        for __ in range(self.tickets_at_once):
            if not self.pending(ticket_ids):
                return
            with self.committed_env() as env:
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
        with self.committed_env() as env:
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
        with self.committed_env() as env:
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
        with self.committed_env() as env:
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
class TestWalletCreditConcurrency(CommittedWalletCase):
    """A cron and a user credit the same paid pack at the same moment, in
    separate transactions: the pack is credited once."""

    def setUp(self):
        super().setUp()
        with self.committed_env() as env:
            self.restore_after(env.company, ["wallet_credit_on"])
            env.company.wallet_credit_on = "paid"
            client = env["res.partner"].create(
                {"name": "Doble Crédito Panamá S.A.", "is_company": True}
            )
            self.remove_after(client)
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
            self.remove_after(pack.product_tmpl_id)
            order = env["sale.order"].create(
                {
                    "partner_id": client.id,
                    "order_line": [(0, 0, {"product_id": pack.id})],
                }
            )
            self.addCleanup(self._remove_order, order.id)
            order.action_confirm()
            wallet = env["helpdesk.wallet"].create({"partner_id": client.id})
            self.remove_ledger_after(wallet)
            self.fixture = {"lines": order.order_line.ids, "wallet": wallet.id}

    def _remove_order(self, order_id):
        with self.committed_env() as env:
            order = env["sale.order"].browse(order_id).exists()
            order._action_cancel()
            order.unlink()

    def _credit(self, barrier, results):
        attempts = []
        with self.committed_env() as env:

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
        with self.committed_env() as env:
            wallet = env["helpdesk.wallet"].browse(self.fixture["wallet"])
            self.assertEqual(wallet.balance, 5)
            self.assertEqual(len(wallet.move_ids), 1)
