from datetime import date

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import PlanCommon


@tagged("post_install", "-at_install")
class TestCancellation(PlanCommon):
    def test_cancellation_six_days_before_renewal_is_accepted(self):
        subscription = self.subscribe()
        self.open_ticket(date(2026, 7, 3))
        # 26 July is 6 days before the renewal of 1 August.
        with self.at(date(2026, 7, 26)):
            self.assertEqual(subscription.renewal_date, date(2026, 8, 1))
            self.assertEqual(subscription.cancellation_deadline, date(2026, 7, 27))
            subscription.action_cancel()
            self.assertEqual(subscription.state, "cancelled")
            self.assertEqual(subscription.cancel_requested_on, date(2026, 7, 26))
            self.assertEqual(subscription.date_end, date(2026, 7, 31))
            self.assertFalse(subscription.contract_line_id.is_auto_renew)
            self.assertFalse(subscription.renewal_date)
        notice = subscription.message_ids.filtered(
            lambda m: "stays active until" in (m.body or "")
        )
        self.assertTrue(notice, "the client must be told when the plan ends")
        # The four tickets left stay usable until the end of the period.
        for day in (28, 29, 30, 31):
            self.assertCoveredByPlan(self.open_ticket(date(2026, 7, day)))
        self.assertUncovered(self.open_ticket(date(2026, 8, 1)), "active support plan")

    def test_cancellation_on_the_fifth_day_before_renewal_is_accepted(self):
        subscription = self.subscribe()
        with self.at(date(2026, 7, 27)):
            subscription.action_cancel()
        self.assertEqual(subscription.state, "cancelled")

    def test_cancellation_four_days_before_renewal_is_refused(self):
        subscription = self.subscribe()
        with self.at(date(2026, 7, 28)), self.assertRaises(UserError) as caught:
            subscription.action_cancel()
        message = str(caught.exception)
        self.assertIn("renews on 08/01/2026", message)
        self.assertIn("last day to cancel this period was 07/27/2026", message)
        self.assertIn("5 days", message)
        self.assertEqual(subscription.state, "active")
        self.assertTrue(subscription.contract_line_id.is_auto_renew)

    def test_refusal_is_translated(self):
        self.env["res.lang"]._activate_lang("es_ES")
        subscription = self.subscribe()
        with self.at(date(2026, 7, 30)), self.assertRaises(UserError) as caught:
            subscription.with_context(lang="es_ES").action_cancel()
        self.assertIn("renueva", str(caught.exception))

    def test_cancelled_subscription_ends_after_its_last_day(self):
        subscription = self.subscribe()
        with self.at(date(2026, 7, 10)):
            subscription.action_cancel()
        with self.at(date(2026, 8, 2)):
            self.env["helpdesk.plan.subscription"]._cron_renew(auto_commit=False)
        self.assertEqual(subscription.state, "ended")

    def test_cancelling_twice_is_refused(self):
        subscription = self.subscribe()
        with self.at(date(2026, 7, 10)):
            subscription.action_cancel()
            with self.assertRaises(UserError):
                subscription.action_cancel()
