"""Suite crons run by two Odoo nodes at the same moment, each in a real
transaction of its own (as two cron workers, or a cron worker and a
"Run Manually" on another node, would): every effect happens once.

These are the properties `make cluster-test` checks under load on two
nodes, reduced to what can be checked in seconds.
"""

import threading
from datetime import date, timedelta

import psycopg2.errors

from odoo import api
from odoo.tests import TransactionCase, tagged

from odoo.addons.helpdesk_plans.tests.common import PlanCommon


class TwoWorkersCase(TransactionCase):
    """Committed fixtures, removed after each test, and a helper running one
    callable in two transactions that start together."""

    def committed_env(self, cr):
        return api.Environment(cr, api.SUPERUSER_ID, {})

    def in_two_workers(self, work):
        """Run ``work(env)`` in two transactions begun at the same moment;
        the errors they raised. A serialization failure is how Odoo makes a
        cron lose a race: its transaction is rolled back and the job runs
        again at its next call, which each test then does."""
        barrier = threading.Barrier(2, timeout=30)
        errors = []

        def worker():
            try:
                with self.registry.cursor() as cr:
                    env = self.committed_env(cr)
                    env.cr.execute("SELECT 1")  # the snapshot is taken now
                    barrier.wait()
                    work(env)
            except Exception as error:  # noqa: BLE001 - reported to the test
                errors.append(error)

        threads = [threading.Thread(target=worker) for _index in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
        self.assertFalse(any(thread.is_alive() for thread in threads))
        unexpected = [
            error
            for error in errors
            if not isinstance(error, psycopg2.errors.SerializationFailure)
        ]
        self.assertEqual(unexpected, [])
        return errors

    def run_again(self, work):
        """The next call of the cron, alone."""
        with self.registry.cursor() as cr:
            work(self.committed_env(cr))


@tagged("post_install", "-at_install")
class TestWalletExpiryTwoWorkers(TwoWorkersCase):
    def setUp(self):
        super().setUp()
        with self.registry.cursor() as cr:
            env = self.committed_env(cr)
            client = env["res.partner"].create(
                {"name": "Expira Dos Veces S.A.", "is_company": True}
            )
            wallet = env["helpdesk.wallet"]._for_partner(client, create=True)
            policy = env.ref("helpdesk_priority_matrix.sla_policy_standard")
            wallet._credit_tickets(
                3,
                policy,
                kind="purchase",
                expiry_date=date.today() - timedelta(days=1),
            )
            self.client_id, self.wallet_id = client.id, wallet.id
        self.addCleanup(self.remove_fixtures)

    def remove_fixtures(self):
        with self.registry.cursor() as cr:
            # The ledger is append-only for users; the test removes its own.
            cr.execute(
                "DELETE FROM helpdesk_wallet_move WHERE wallet_id = %s",
                [self.wallet_id],
            )
            env = self.committed_env(cr)
            env["helpdesk.wallet"].browse(self.wallet_id).unlink()
            env["res.partner"].browse(self.client_id).unlink()

    def test_two_workers_expire_a_pack_once(self):
        def expire(env):
            env["helpdesk.wallet"]._cron_expire_credits()

        self.in_two_workers(expire)
        self.run_again(expire)
        with self.registry.cursor() as cr:
            wallet = self.committed_env(cr)["helpdesk.wallet"].browse(self.wallet_id)
            expiries = wallet.move_ids.filtered(lambda move: move.kind == "expiry")
            self.assertEqual(len(expiries), 1)
            self.assertEqual(expiries.amount, -3)
            self.assertEqual(wallet.balance, 0)
            self.assertEqual(sum(wallet.move_ids.mapped("amount")), wallet.balance)


@tagged("post_install", "-at_install")
class TestPlanChargeTwoWorkers(PlanCommon):
    """The renewal job of two workers at once, interleaved as
    `make cluster-test` saw it: the second worker picked the invoices to
    charge before the first one charged them, and charges them after."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.enable_demo_payments()

    def test_an_invoice_charged_meanwhile_is_not_charged_again(self):
        token = self.save_card()
        subscription = self.subscribe()
        Subscription = self.env["helpdesk.plan.subscription"]
        with self.at(date(2026, 7, 1)):
            Subscription._cron_renew(auto_commit=False)  # July, sent for payment
            invoice = subscription._invoices()
            subscription.payment_token_id = token  # the client saves a card
            # The second worker picks the unpaid invoice...
            picked = Subscription._invoices_to_charge()
            self.assertEqual(picked, [(subscription, invoice)])
            # ...the first one charges it...
            Subscription._cron_renew(auto_commit=False)
            self.assertIn(invoice.payment_state, ("paid", "in_payment"))
            # ...and the second one goes on with what it picked.
            for picked_subscription, picked_invoice in picked:
                picked_subscription._run_step(
                    picked_subscription._charge_invoice, picked_invoice, False
                )
        charges = invoice.transaction_ids.filtered(lambda tx: tx.state != "draft")
        self.assertEqual(len(charges), 1, charges.mapped("reference"))


@tagged("post_install", "-at_install")
class TestPlanRenewalBesideContractJob(PlanCommon):
    """OCA contract's own daily job, *Generate Recurring Invoices from
    Contracts*, runs on the renewal day before the suite's renewal job, as
    it did on one node of `make cluster-test`."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.enable_demo_payments()

    def test_each_period_invoiced_and_charged_once(self):
        token = self.save_card()
        subscription = self.subscribe(payment_token_id=token.id)
        with self.at(date(2026, 7, 1)):
            self.env["contract.contract"].cron_recurring_create_invoice()
            self.env["helpdesk.plan.subscription"]._cron_renew(auto_commit=False)
        invoices = subscription._invoices()
        self.assertEqual(len(invoices), 1)
        self.assertEqual(invoices.state, "posted")
        self.assertIn(invoices.payment_state, ("paid", "in_payment"))
