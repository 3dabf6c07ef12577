"""Sisnova's support plans (seed 003), end to end.

From 1 July a client needs a plan to be served. A Guatemalan distributor
buys the Avanzado plan on a sales order, uses its five tickets, buys an
extra monthly bag, and cancels six days before the renewal: its remaining
tickets serve until the end of July, then nothing renews. A hardware store
on Básico asks for a training, which only Avanzado and up include, and
tries to cancel four days before its renewal: refused, with the dates. A
billing question is served for everyone.
"""

from datetime import date, datetime

import pytz
from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.tests import TransactionCase, tagged

GUATEMALA = pytz.timezone("America/Guatemala")


def at(day, hour=10):
    moment = GUATEMALA.localize(datetime(day.year, day.month, day.day, hour))
    return moment.astimezone(pytz.utc).replace(tzinfo=None)


@tagged("post_install", "-at_install")
class TestSisnovaPlans(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tz="America/Guatemala"))
        cls.env.company.write(
            {
                "helpdesk_plan_required_from": date(2026, 7, 1),
                "helpdesk_plan_notice_days": 5,
            }
        )
        cls.team = cls.env.ref("helpdesk_priority_matrix.team_sisnova")
        cls.plan_avanzado = cls.env.ref("helpdesk_plans.plan_avanzado")
        cls.plan_basico = cls.env.ref("helpdesk_plans.plan_basico")
        cls.plan_avanzado.ticket_quota = 5
        cls.training = cls.env.ref("helpdesk_plans.category_training")
        cls.billing = cls.env.ref("helpdesk_plans.category_billing")
        cls.distributor = cls.env["res.partner"].create(
            {"name": "Comercializadora Maya, S.A.", "is_company": True}
        )
        cls.accountant = cls.env["res.partner"].create(
            {"name": "Lucía Xicará", "parent_id": cls.distributor.id}
        )
        cls.store = cls.env["res.partner"].create(
            {"name": "Ferretería El Volcán", "is_company": True}
        )

    def sell(self, partner, product_xmlid, day):
        product = self.env.ref(product_xmlid).product_variant_id
        with freeze_time(at(day)):
            order = self.env["sale.order"].create(
                {
                    "partner_id": partner.id,
                    "order_line": [(0, 0, {"product_id": product.id})],
                }
            )
            order.action_confirm()
        return order

    def ticket(self, partner, day, **vals):
        with freeze_time(at(day)):
            return self.env["helpdesk.ticket"].create(
                dict(
                    {
                        "name": "No cuadra el inventario",
                        "description": "<p>El kardex no coincide.</p>",
                        "partner_id": partner.id,
                        "team_id": self.team.id,
                        "sla_start_date": at(day),
                    },
                    **vals,
                )
            )

    def test_sisnova_plans_story(self):
        subscription = self.sell(
            self.distributor, "helpdesk_plans.product_plan_avanzado", date(2026, 7, 1)
        ).helpdesk_plan_subscription_ids
        self.assertEqual(subscription.plan_id, self.plan_avanzado)
        july = [self.ticket(self.accountant, date(2026, 7, day)) for day in range(2, 7)]
        self.assertTrue(all(t.entitlement_source == "plan" for t in july))
        self.assertEqual(july[0].sla_policy_id, self.plan_avanzado.sla_policy_id)
        sixth = self.ticket(self.accountant, date(2026, 7, 8))
        self.assertFalse(sixth.is_covered)
        self.assertIn("used up", sixth.entitlement_message)

        bag = self.sell(
            self.distributor, "helpdesk_plans.product_bag_avanzado", date(2026, 7, 10)
        ).helpdesk_plan_bag_ids
        self.assertEqual(bag.expiry_date, date(2026, 8, 9))
        from_bag = self.ticket(self.accountant, date(2026, 7, 11))
        self.assertEqual(from_bag.plan_bag_id, bag)

        with freeze_time(at(date(2026, 7, 26))):
            subscription.action_cancel()
        self.assertEqual(subscription.date_end, date(2026, 7, 31))
        # The bag still serves after the plan ended, until its own expiry.
        self.assertEqual(
            self.ticket(self.accountant, date(2026, 8, 3)).plan_bag_id, bag
        )
        served = self.ticket(
            self.accountant, date(2026, 8, 3), category_id=self.billing.id
        )
        self.assertEqual(served.entitlement_source, "policy")

        with freeze_time(at(date(2026, 8, 2))):
            self.env["helpdesk.plan.subscription"]._cron_renew(auto_commit=False)
        self.assertEqual(subscription.state, "ended")
        self.assertEqual(len(subscription._invoices()), 1, "July only")

        store_plan = self.sell(
            self.store, "helpdesk_plans.product_plan_basico", date(2026, 7, 1)
        ).helpdesk_plan_subscription_ids
        training = self.ticket(
            self.store, date(2026, 7, 2), category_id=self.training.id
        )
        self.assertFalse(training.is_covered)
        self.assertIn(self.plan_avanzado.name, training.entitlement_message)
        with freeze_time(at(date(2026, 7, 28))), self.assertRaises(UserError) as late:
            store_plan.action_cancel()
        self.assertIn("07/27/2026", str(late.exception))
        self.assertEqual(store_plan.state, "active")
