import threading
from datetime import date

from odoo import api
from odoo.modules.registry import Registry
from odoo.service.model import retrying
from odoo.tests import BaseCase, tagged
from odoo.tests.common import get_db_name

from odoo.addons.helpdesk_priority_matrix.tests.committed import CommittedFixtures
from odoo.addons.helpdesk_priority_matrix.tests.common import SlaCommon

TIMEOUT = 30
START = date(2026, 7, 1)


@tagged("post_install", "-at_install")
class TestConcurrency(CommittedFixtures, BaseCase):
    """The last ticket of a period, taken by two transactions at once.

    Each transaction has its own cursor: the fixtures are committed first
    and deleted afterwards, whatever the outcome.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.registry = Registry(get_db_name())

    def setUp(self):
        super().setUp()
        self._commit_fixtures()

    def _env(self, cr):
        return api.Environment(cr, api.SUPERUSER_ID, {"tz": "America/Panama"})

    def _commit_fixtures(self):
        """A client with a plan of one ticket a period, plans required; what
        is created is removed after the test, the last first."""
        with self.committed_env() as env:
            env = env(context={"tz": "America/Panama"})
            company = env.company
            self.restore_after(company, ["helpdesk_plan_required_from"])
            customer = env["res.partner"].create(
                {"name": "Concurrencia S.A.", "is_company": True}
            )
            contact = env["res.partner"].create(
                {"name": "Pedro Paz", "parent_id": customer.id}
            )
            self.remove_after(customer | contact)
            plan = env["helpdesk.plan"].create(
                {
                    "name": "Plan de un ticket",
                    "sla_policy_id": env.ref(
                        "helpdesk_priority_matrix.sla_policy_standard"
                    ).id,
                    "ticket_quota": 1,
                }
            )
            self.remove_after(plan)
            subscription = env["helpdesk.plan.subscription"].create(
                {"partner_id": customer.id, "plan_id": plan.id, "date_start": START}
            )
            subscription.action_activate()
            self.addCleanup(self._remove_subscription, subscription.id)
            self.committed = {
                "partners": (customer | contact).ids,
                "contact": contact.id,
                "subscription": subscription.id,
            }
            company.helpdesk_plan_required_from = START

    def _remove_subscription(self, subscription_id):
        """The tickets of the run with their consumptions, the subscription
        and its contract, whose lines are cancelled first."""
        with self.committed_env() as env:
            tickets = env["helpdesk.ticket"].search(
                [("partner_id", "in", self.committed["partners"])]
            )
            tickets.plan_consumption_ids.unlink()
            tickets.message_ids.unlink()
            tickets.activity_ids.unlink()
            tickets.unlink()
            subscription = env["helpdesk.plan.subscription"].browse(subscription_id)
            contract = subscription.contract_id
            subscription.unlink()
            contract.contract_line_ids.write(
                {"is_auto_renew": False, "is_canceled": True}
            )
            contract.unlink()

    def _open_ticket(self, barrier, results, index):
        """Open a ticket in a transaction of its own, retried on a
        serialization failure as Odoo's HTTP layer does."""
        start = SlaCommon.utc(2026, 7, 2, 10)
        first_attempt = [True]
        try:
            with self.registry.cursor() as cr:

                def create():
                    env = self._env(cr)
                    # Both snapshots are taken before either claims.
                    env["helpdesk.plan.subscription"].browse(
                        self.committed["subscription"]
                    ).read(["state"])
                    if first_attempt[0]:
                        first_attempt[0] = False
                        barrier.wait(TIMEOUT)
                    ticket = env["helpdesk.ticket"].create(
                        {
                            "name": f"Caso simultáneo {index}",
                            "description": "<p>Dos agentes a la vez.</p>",
                            "partner_id": self.committed["contact"],
                            "sla_start_date": start,
                        }
                    )
                    return ticket.id

                results[index] = retrying(create, self._env(cr))
        except Exception as error:  # reported by the main thread
            results[index] = error

    def test_last_ticket_of_the_period_taken_once(self):
        barrier = threading.Barrier(2)
        results = [None, None]
        threads = [
            threading.Thread(target=self._open_ticket, args=(barrier, results, index))
            for index in range(2)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(TIMEOUT)
        self.assertFalse(any(thread.is_alive() for thread in threads))
        for result in results:
            self.assertIsInstance(result, int, result)
        # The claim that lost the race saved its ticket pending; the retry
        # cron claims again in a transaction of its own.
        with self.registry.cursor() as cr:
            self._env(cr)["helpdesk.ticket"]._cron_entitlement_retry()
        with self.registry.cursor() as cr:
            env = self._env(cr)
            tickets = env["helpdesk.ticket"].browse(results)
            self.assertEqual(sorted(tickets.mapped("is_covered")), [False, True])
            covered = tickets.filtered("is_covered")
            self.assertEqual(covered.entitlement_source, "plan")
            self.assertEqual(covered.entitlement_state, "claimed")
            # The ticket that lost is answered again in a transaction of its
            # own, as a claim that lost a race is: the quota is used up.
            uncovered = tickets - covered
            uncovered._entitlement_apply()
            self.assertFalse(uncovered.is_covered)
            self.assertRegex(uncovered.entitlement_message, "used up")
            self.assertFalse(uncovered.plan_consumption_ids)
            self.assertEqual(
                env["helpdesk.plan.consumption"].search_count(
                    [("subscription_id", "=", self.committed["subscription"])]
                ),
                1,
            )
