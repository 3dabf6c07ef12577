from datetime import date

from odoo.tests import tagged

from .common import PlanCommon


@tagged("post_install", "-at_install")
class TestSale(PlanCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.plan_product = cls.env["product.product"].create(
            {
                "name": "Plan de soporte Básico (mensual)",
                "type": "service",
                "list_price": 350.0,
                "is_contract": True,
                "recurring_rule_type": "monthly",
                "recurring_interval": 1,
                "recurrence_interval": "monthly",
                "recurrence_number": 1,
                "is_auto_renew": True,
                "auto_renew_rule_type": "monthly",
                "auto_renew_interval": 1,
                "termination_notice_rule_type": "daily",
                "termination_notice_interval": 5,
                "helpdesk_plan_role": "subscription",
                "helpdesk_plan_id": cls.plan.id,
            }
        )
        cls.bag_product = cls.env["product.product"].create(
            {
                "name": "Plan adicional mensual",
                "type": "service",
                "list_price": 350.0,
                "helpdesk_plan_role": "bag",
                "helpdesk_plan_id": cls.plan.id,
                "helpdesk_bag_validity_days": 30,
            }
        )
        cls.license_product = cls.env["product.product"].create(
            {
                "name": "Licencia INVEX WEB",
                "type": "service",
                "list_price": 2500.0,
                "helpdesk_plan_role": "license",
                "helpdesk_plan_id": cls.plan.id,
            }
        )

    def sell(self, product, day, quantity=1):
        with self.at(day):
            order = self.env["sale.order"].create(
                {
                    "partner_id": self.contact.id,
                    "order_line": [
                        (
                            0,
                            0,
                            {"product_id": product.id, "product_uom_qty": quantity},
                        )
                    ],
                }
            )
            order.action_confirm()
        return order

    def test_selling_a_plan_subscribes_the_client_on_the_sold_contract_line(self):
        order = self.sell(self.plan_product, date(2026, 7, 1))
        subscription = order.helpdesk_plan_subscription_ids
        self.assertEqual(len(subscription), 1)
        self.assertEqual(subscription.state, "active")
        self.assertEqual(subscription.partner_id, self.customer)
        self.assertEqual(subscription.plan_id, self.plan)
        line = subscription.contract_line_id
        self.assertEqual(line.sale_order_line_id, order.order_line)
        self.assertEqual(line.date_start, date(2026, 7, 1))
        self.assertTrue(line.is_auto_renew)
        self.assertEqual(self.customer.helpdesk_plan_subscription_count, 1)
        self.assertEqual(subscription.contract_id.helpdesk_plan_subscription_count, 1)
        self.assertCoveredByPlan(self.open_ticket(date(2026, 7, 2)))
        # Confirming again (a second pass of the confirmation) adds nothing.
        order._helpdesk_plan_fulfil()
        self.assertEqual(len(order.helpdesk_plan_subscription_ids), 1)

    def test_a_license_including_a_plan_subscribes_without_invoicing_it(self):
        order = self.sell(self.license_product, date(2026, 7, 1))
        subscription = order.helpdesk_plan_subscription_ids
        self.assertTrue(subscription.included_in_license)
        self.assertEqual(subscription.contract_line_id.price_unit, 0.0)
        self.assertCoveredByPlan(self.open_ticket(date(2026, 7, 2)))

    def test_selling_a_bag_adds_the_plan_tickets_for_thirty_days(self):
        order = self.sell(self.bag_product, date(2026, 7, 10), quantity=2)
        bag = order.helpdesk_plan_bag_ids
        self.assertEqual(bag.ticket_count, 10)
        self.assertEqual(bag.purchase_date, date(2026, 7, 10))
        self.assertEqual(bag.expiry_date, date(2026, 8, 9))
        self.assertTrue(bag.message_ids.filtered(lambda m: "10" in (m.body or "")))
        self.assertCoveredByPlan(self.open_ticket(date(2026, 7, 11)))

    def test_plan_product_must_be_a_contract(self):
        with self.assertRefused("must be a contract product"):
            self.env["product.product"].create(
                {
                    "name": "Plan mal configurado",
                    "helpdesk_plan_role": "subscription",
                    "helpdesk_plan_id": self.plan.id,
                }
            )

    def test_cancelled_bag_order_takes_the_bag_back(self):
        order = self.sell(self.bag_product, date(2026, 7, 10))
        bag = order.helpdesk_plan_bag_ids
        taken = self.open_ticket(date(2026, 7, 11))
        self.assertEqual(taken.plan_bag_id, bag)
        with self.at(date(2026, 7, 12)):
            order._action_cancel()
        self.assertFalse(bag.active)
        self.assertFalse(bag.is_valid)
        told = bag.message_ids.filtered(lambda m: "was cancelled" in (m.subject or ""))
        self.assertEqual(len(told), 1)
        # The ticket it covered keeps its service; new ones are not covered.
        self.assertCoveredByPlan(taken)
        self.assertUncovered(self.open_ticket(date(2026, 7, 13)), "active support plan")
        # Cancelling again tells nothing more; confirming again sells a new bag.
        order._action_cancel()
        self.assertEqual(len(bag.message_ids.filtered(lambda m: m in told)), 1)
        with self.at(date(2026, 7, 14)):
            order.action_draft()
            order.action_confirm()
            self.assertTrue(order.helpdesk_plan_bag_ids.is_valid)
        self.assertNotEqual(order.helpdesk_plan_bag_ids, bag)
