import logging
import threading
from datetime import date, timedelta

from freezegun import freeze_time

from odoo import api
from odoo.modules.registry import Registry
from odoo.tests import BaseCase, tagged
from odoo.tests.common import get_db_name

from odoo.addons.helpdesk_priority_matrix.tests.committed import CommittedFixtures
from odoo.addons.helpdesk_priority_matrix.tests.common import SlaCommon

TIMEOUT = 60
START = date(2026, 7, 1)
LOGGER = "odoo.addons.helpdesk_plans.models.helpdesk_plan_subscription_billing"


@tagged("post_install", "-at_install")
class TestCronOnTwoServers(CommittedFixtures, BaseCase):
    """The renewal cron run by two servers at the same moment, each in its
    own transaction: every subscription is invoiced, charged and suspended
    once, and neither run fails.

    The fixtures are committed first and deleted afterwards, whatever the
    outcome. The clock is frozen in July 2026, before the demo
    subscriptions start, so that the cron finds the fixtures only.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.registry = Registry(get_db_name())

    def _env(self, cr):
        return api.Environment(cr, api.SUPERUSER_ID, {"tz": "America/Panama"})

    @staticmethod
    def at(day, hour=10):
        return freeze_time(SlaCommon.utc(day.year, day.month, day.day, hour))

    def _commit_subscription(self, card_outcome):
        """A client subscribed from 1 July 2026 with a saved card that
        the demo provider accepts or refuses; what is created is removed
        after the test, the last first."""
        with self.committed_env() as env, self.at(START):
            env = env(context={"tz": "America/Panama"})
            provider = env.ref("payment.payment_provider_demo")
            self.restore_after(provider, ["state", "company_id"])
            provider.write({"state": "test", "company_id": env.company.id})
            customer = env["res.partner"].create(
                {"name": "Dos Servidores S.A.", "is_company": True}
            )
            self.remove_after(customer)
            plan = env["helpdesk.plan"].create(
                {
                    "name": "Plan de dos servidores",
                    "sla_policy_id": env.ref(
                        "helpdesk_priority_matrix.sla_policy_standard"
                    ).id,
                    "ticket_quota": 5,
                    "price": 350.0,
                }
            )
            self.remove_after(plan)
            token = env["payment.token"].create(
                {
                    "provider_id": provider.id,
                    "payment_method_id": env.ref("payment_demo.payment_method_demo").id,
                    "partner_id": customer.id,
                    "payment_details": "4242",
                    "provider_ref": f"card-{card_outcome}",
                    "demo_simulated_state": card_outcome,
                }
            )
            self.remove_after(token)
            subscription = env["helpdesk.plan.subscription"].create(
                {
                    "partner_id": customer.id,
                    "plan_id": plan.id,
                    "date_start": START,
                    "payment_token_id": token.id,
                }
            )
            subscription.action_activate()
            self.addCleanup(self._remove_subscription, subscription.id)
            # The first day after the grace period of a charge failed at start.
            self.suspension_day = START + timedelta(
                days=env.company.helpdesk_plan_grace_days + 1
            )
        return subscription.id

    def _remove_subscription(self, subscription_id):
        """The subscription with its invoices, card transactions and
        payments (drafted first), and its contract, whose lines are
        cancelled first."""
        with self.committed_env() as env:
            subscription = env["helpdesk.plan.subscription"].browse(subscription_id)
            invoices = subscription._invoices()
            transactions = invoices.transaction_ids
            payments = transactions.payment_id | invoices.matched_payment_ids
            invoices.button_draft()
            payments.action_draft()
            payments.with_context(force_delete=True).unlink()
            transactions.unlink()
            invoices.with_context(force_delete=True).unlink()
            subscription.message_ids.unlink()
            contract = subscription.contract_id
            subscription.unlink()
            contract.contract_line_ids.write(
                {"is_auto_renew": False, "is_canceled": True}
            )
            contract.unlink()

    def _run_cron_on_two_servers(self, day):
        """Both servers take their snapshot, then run the cron at once."""
        barrier = threading.Barrier(2, timeout=TIMEOUT)
        errors = []

        def server():
            try:
                with self.registry.cursor() as cr:
                    env = self._env(cr)
                    env.cr.execute("SELECT 1")  # the transaction has begun
                    barrier.wait()
                    env["helpdesk.plan.subscription"]._cron_renew()
            except Exception as error:  # noqa: BLE001 - reported below
                errors.append(error)

        with self.at(day), self.assertNoLogs(LOGGER, level=logging.ERROR):
            threads = [threading.Thread(target=server) for _index in range(2)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(TIMEOUT)
        self.assertFalse(any(thread.is_alive() for thread in threads))
        self.assertEqual(errors, [])

    def _notices(self, env, subscription, text):
        return subscription.message_ids.filtered(lambda m: text in (m.body or ""))

    def test_two_servers_invoice_and_charge_the_renewal_once(self):
        subscription_id = self._commit_subscription("done")
        self._run_cron_on_two_servers(START)
        self.assertChargedOnce(subscription_id)

    def test_two_servers_charge_a_waiting_invoice_once(self):
        """The renewal invoice was sent for payment; the client then saves
        a card, and the next run charges it, once."""
        subscription_id = self._commit_subscription("done")
        with self.registry.cursor() as cr, self.at(START):
            subscription = self._env(cr)["helpdesk.plan.subscription"].browse(
                subscription_id
            )
            token = subscription.payment_token_id
            subscription.payment_token_id = False
            subscription._cron_renew()
            self.assertFalse(subscription._invoices().transaction_ids)
            subscription.payment_token_id = token
        self._run_cron_on_two_servers(date(2026, 7, 2))
        self.assertChargedOnce(subscription_id)

    def assertChargedOnce(self, subscription_id):
        with self.registry.cursor() as cr:
            env = self._env(cr)
            subscription = env["helpdesk.plan.subscription"].browse(subscription_id)
            invoice = subscription._invoices()
            self.assertEqual(len(invoice), 1)
            self.assertEqual(len(invoice.transaction_ids), 1)
            self.assertEqual(invoice.transaction_ids.state, "done")
            self.assertIn(invoice.payment_state, ("paid", "in_payment"))

    def test_two_servers_suspend_an_unpaid_plan_once(self):
        subscription_id = self._commit_subscription("error")
        with self.registry.cursor() as cr, self.at(START):
            self._env(cr)["helpdesk.plan.subscription"]._cron_renew()
        self._run_cron_on_two_servers(self.suspension_day)
        with self.registry.cursor() as cr:
            env = self._env(cr)
            subscription = env["helpdesk.plan.subscription"].browse(subscription_id)
            self.assertEqual(subscription.state, "suspended")
            notices = self._notices(
                env, subscription, "still unpaid after the grace period"
            )
            self.assertEqual(len(notices), 1)
            self.assertEqual(len(subscription._invoices().transaction_ids), 1)
