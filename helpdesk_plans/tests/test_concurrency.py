import threading
from datetime import date

from freezegun import freeze_time

from odoo import api
from odoo.service.model import retrying
from odoo.tests import tagged

from odoo.addons.helpdesk_priority_matrix.tests.common import SlaCommon

from .common import PlanCommon

TIMEOUT = 30


@tagged("post_install", "-at_install")
class TestConcurrency(PlanCommon):
    """The last ticket of a period, taken by two transactions at once."""

    def setUp(self):
        super().setUp()
        self.committed = {}
        self.addCleanup(self._delete_committed)
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {"tz": "America/Panama"})
            env.company.write({"helpdesk_plan_required_from": self.START})
            customer = env["res.partner"].create(
                {"name": "Concurrencia S.A.", "is_company": True}
            )
            contact = env["res.partner"].create(
                {"name": "Pedro Paz", "parent_id": customer.id}
            )
            plan = env["helpdesk.plan"].create(
                {
                    "name": "Plan de un ticket",
                    "sla_policy_id": self.policy.id,
                    "ticket_quota": 1,
                }
            )
            subscription = env["helpdesk.plan.subscription"].create(
                {"partner_id": customer.id, "plan_id": plan.id, "date_start": self.START}
            )
            with freeze_time(SlaCommon.utc(2026, 7, 1, 10)):
                subscription.action_activate()
            self.committed = {
                "partners": (customer | contact).ids,
                "plan": plan.id,
                "subscription": subscription.id,
                "contract": subscription.contract_id.id,
            }

    def _delete_committed(self):
        if not self.committed:
            return
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            tickets = env["helpdesk.ticket"].search(
                [("partner_id", "in", self.committed["partners"])]
            )
            env["helpdesk.plan.consumption"].search(
                [("ticket_id", "in", tickets.ids)]
            ).unlink()
            tickets.unlink()
            subscription = env["helpdesk.plan.subscription"].browse(
                self.committed["subscription"]
            )
            contract = env["contract.contract"].browse(self.committed["contract"])
            subscription.unlink()
            contract.contract_line_ids.write({"is_auto_renew": False})
            contract.contract_line_ids.cancel()
            contract.unlink()
            env["helpdesk.plan"].browse(self.committed["plan"]).unlink()
            env["res.partner"].browse(self.committed["partners"]).unlink()
            env.company.write({"helpdesk_plan_required_from": False})

    def _open_ticket_in_own_transaction(self, barrier, results, index):
        contact_id = self.committed["partners"][1]
        start = SlaCommon.utc(2026, 7, 2, 10)
        first_attempt = [True]

        def create():
            env = api.Environment(cr, api.SUPERUSER_ID, {"tz": "America/Panama"})
            # Both transactions have their snapshot before either claims.
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
                    "partner_id": contact_id,
                    "team_id": self.team.id,
                    "sla_start_date": start,
                }
            )
            return ticket.id

        try:
            with self.registry.cursor() as cr:
                results[index] = retrying(create, api.Environment(cr, 1, {}))
        except Exception as error:  # reported by the main thread
            results[index] = error

    def test_last_ticket_of_the_period_taken_once(self):
        barrier = threading.Barrier(2)
        results = [None, None]
        threads = [
            threading.Thread(
                target=self._open_ticket_in_own_transaction,
                args=(barrier, results, index),
            )
            for index in range(2)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(TIMEOUT)
        self.assertFalse(any(thread.is_alive() for thread in threads))
        for result in results:
            self.assertIsInstance(result, int, result)
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            tickets = env["helpdesk.ticket"].browse(results)
            self.assertEqual(sorted(tickets.mapped("is_covered")), [False, True])
            covered = tickets.filtered("is_covered")
            uncovered = tickets - covered
            self.assertEqual(covered.entitlement_source, "plan")
            self.assertRegex(uncovered.entitlement_message, "used up")
            self.assertEqual(
                env["helpdesk.plan.consumption"].search_count(
                    [("subscription_id", "=", self.committed["subscription"])]
                ),
                1,
            )
