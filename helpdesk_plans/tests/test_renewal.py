from datetime import date
from unittest.mock import patch

from odoo.tests import tagged

from odoo.addons.helpdesk_priority_matrix.tests.translation_common import load_spanish

from ..models.helpdesk_plan_subscription_billing import (
    HelpdeskPlanSubscription as SubscriptionBilling,
)
from ..models.helpdesk_plan_subscription_payment import (
    HelpdeskPlanSubscription as SubscriptionPayment,
)
from .common import PlanCommon

LOGGER = "odoo.addons.helpdesk_plans.models.helpdesk_plan_subscription_billing"


@tagged("post_install", "-at_install")
class TestRenewal(PlanCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.enable_demo_payments()
        cls.other_customer = cls.env["res.partner"].create(
            {"name": "Ferretería Los Volcanes", "is_company": True}
        )

    def renew(self, day):
        with self.at(day):
            self.env["helpdesk.plan.subscription"]._cron_renew(auto_commit=False)

    def charges(self, subscription):
        return subscription._invoices().transaction_ids

    def test_renewal_run_twice_invoices_and_charges_once(self):
        subscription = self.subscribe(payment_token_id=self.save_card().id)
        self.renew(date(2026, 7, 1))
        self.renew(date(2026, 7, 1))
        invoice = subscription._invoices()
        self.assertEqual(len(invoice), 1)
        self.assertEqual(invoice.amount_untaxed, 350.0)
        self.assertEqual(invoice.state, "posted")
        self.assertEqual(len(self.charges(subscription)), 1)
        self.assertEqual(self.charges(subscription).state, "done")
        self.assertIn(invoice.payment_state, ("paid", "in_payment"))
        # The notice date passes: the contract line renews for August...
        self.renew(date(2026, 7, 27))
        self.assertEqual(subscription.date_end, date(2026, 8, 31))
        # ...and August is invoiced and charged once, however often it runs.
        for _run in range(3):
            self.renew(date(2026, 8, 1))
        self.assertEqual(len(subscription._invoices()), 2)
        self.assertEqual(len(self.charges(subscription)), 2)
        self.assertEqual(set(self.charges(subscription).mapped("state")), {"done"})

    def test_late_cron_invoices_each_missed_period_once(self):
        subscription = self.subscribe(payment_token_id=self.save_card().id)
        self.renew(date(2026, 9, 15))
        invoices = subscription._invoices()
        self.assertEqual(len(invoices), 3, "July, August and September")
        self.assertEqual(len(self.charges(subscription)), 3)
        self.renew(date(2026, 9, 15))
        self.assertEqual(len(subscription._invoices()), 3)
        self.assertEqual(len(self.charges(subscription)), 3)

    def test_crash_in_the_batch_then_rerun_invoices_and_charges_once(self):
        first = self.subscribe(payment_token_id=self.save_card().id)
        second = self.subscribe(
            partner=self.other_customer,
            payment_token_id=self.save_card(self.other_customer).id,
        )
        original = SubscriptionPayment._charge_invoice

        def crash_for_second(subscription, invoice):
            if subscription == second:
                raise RuntimeError("card processor unreachable")
            return original(subscription, invoice)

        with (
            patch.object(SubscriptionPayment, "_charge_invoice", crash_for_second),
            self.assertLogs(LOGGER, level="ERROR"),
        ):
            self.renew(date(2026, 7, 1))
        self.assertEqual(len(first._invoices()), 1)
        self.assertEqual(len(self.charges(first)), 1)
        self.assertEqual(len(second._invoices()), 1)
        self.assertFalse(self.charges(second), "the crashed charge was rolled back")
        self.renew(date(2026, 7, 1))
        self.assertEqual(len(first._invoices()), 1)
        self.assertEqual(len(self.charges(first)), 1)
        self.assertEqual(len(second._invoices()), 1)
        self.assertEqual(len(self.charges(second)), 1)
        self.assertEqual(self.charges(second).state, "done")

    def test_crash_while_invoicing_rolls_back_that_subscription_only(self):
        first = self.subscribe()
        second = self.subscribe(partner=self.other_customer)
        original = SubscriptionBilling._renew_and_invoice

        def crash_for_second(subscription, today):
            invoices = original(subscription, today)
            if subscription == second:
                raise RuntimeError("interrupted")
            return invoices

        with (
            patch.object(SubscriptionBilling, "_renew_and_invoice", crash_for_second),
            self.assertLogs(LOGGER, level="ERROR"),
        ):
            self.renew(date(2026, 7, 1))
        self.assertEqual(len(first._invoices()), 1)
        self.assertFalse(second._invoices())
        self.renew(date(2026, 7, 1))
        self.assertEqual(len(first._invoices()), 1)
        self.assertEqual(len(second._invoices()), 1)

    def test_without_card_the_invoice_is_sent_for_payment(self):
        subscription = self.subscribe()
        self.renew(date(2026, 7, 1))
        invoice = subscription._invoices()
        self.assertEqual(invoice.state, "posted")
        self.assertFalse(invoice.transaction_ids)
        notice = subscription.message_ids.filtered(
            lambda m: (
                invoice.name in (m.body or "")
                and "waiting for your payment" in (m.body or "")
            )
        )
        self.assertEqual(len(notice), 1)

    def test_failed_charge_keeps_the_plan_for_the_grace_period(self):
        subscription = self.subscribe(
            payment_token_id=self.save_card(outcome="error").id
        )
        self.renew(date(2026, 7, 1))
        self.assertEqual(self.charges(subscription).state, "error")
        self.assertEqual(subscription.payment_failed_on, date(2026, 7, 1))
        self.assertEqual(subscription.state, "active")
        self.assertTrue(
            subscription.message_ids.filtered(
                lambda m: "could not charge" in (m.body or "")
            )
        )
        # Covered during the five days of grace...
        self.assertCoveredByPlan(self.open_ticket(date(2026, 7, 6)))
        self.renew(date(2026, 7, 6))
        self.assertEqual(subscription.state, "active")
        # ...suspended after them, and the client is told.
        self.renew(date(2026, 7, 7))
        self.assertEqual(subscription.state, "suspended")
        self.assertTrue(
            subscription.message_ids.filtered(
                lambda m: "still unpaid after the grace period" in (m.body or "")
            )
        )
        self.assertUncovered(self.open_ticket(date(2026, 7, 7)), "suspended")
        # The charge is not retried behind the client's back.
        self.renew(date(2026, 7, 8))
        self.assertEqual(len(self.charges(subscription)), 1)
        # Paying the invoice gives the coverage back.
        invoice = subscription._invoices()
        with self.at(date(2026, 7, 9)):
            self.env["account.payment.register"].with_context(
                active_model="account.move", active_ids=invoice.ids
            ).create({})._create_payments()
        self.renew(date(2026, 7, 9))
        self.assertEqual(subscription.state, "active")
        self.assertFalse(subscription.payment_failed_on)
        self.assertCoveredByPlan(self.open_ticket(date(2026, 7, 9)))

    def test_renewal_notice_reaches_a_spanish_client_in_spanish(self):
        """The cron runs in English; the client reads the notice in its own
        language, rendered when it is sent."""
        load_spanish(self.env, "helpdesk_plans")
        self.customer.lang = "es_ES"
        subscription = self.subscribe()
        self.env = self.env(context=dict(self.env.context, lang="en_US"))
        self.renew(date(2026, 7, 1))
        invoice = subscription._invoices()
        notice = subscription.message_ids.filtered(
            lambda m: invoice.name in (m.body or "")
        )
        self.assertEqual(len(notice), 1)
        self.assertIn("está pendiente de pago", notice.body)
        self.assertEqual(
            notice.subject,
            f"Renovación de su plan de soporte Básico: factura {invoice.name}",
        )
