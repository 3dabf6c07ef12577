from datetime import date

from odoo.tests import tagged

from .common import PlanCommon


@tagged("post_install", "-at_install")
class TestBags(PlanCommon):
    def buy_bag(self, day, tickets=5, validity=30):
        return self.env["helpdesk.plan.bag"].create(
            {
                "partner_id": self.contact.id,
                "plan_id": self.plan.id,
                "ticket_count": tickets,
                "purchase_date": day,
                "validity_days": validity,
            }
        )

    def test_bag_bought_on_the_10th_covers_until_the_40th_day(self):
        bag = self.buy_bag(date(2026, 7, 10))
        self.assertEqual(bag.partner_id, self.customer)
        # Day 40 counted from 1 July is 9 August.
        self.assertEqual(bag.expiry_date, date(2026, 8, 9))
        self.assertCoveredByPlan(self.open_ticket(date(2026, 8, 9)))
        self.assertUncovered(self.open_ticket(date(2026, 8, 10)), "active support plan")

    def test_bag_is_used_after_the_main_quota(self):
        subscription = self.subscribe()
        bag = self.buy_bag(date(2026, 7, 10), tickets=2)
        tickets = [self.open_ticket(date(2026, 7, 11)) for _i in range(7)]
        for ticket in tickets[:5]:
            self.assertEqual(ticket.plan_subscription_id, subscription)
        for ticket in tickets[5:]:
            self.assertCoveredByPlan(ticket)
            self.assertEqual(ticket.plan_bag_id, bag)
        self.assertUncovered(self.open_ticket(date(2026, 7, 12)), "used up")
        self.assertEqual(bag.tickets_remaining, 0)

    def test_bag_expires_whatever_the_plan_period_does(self):
        self.subscribe()
        bag = self.buy_bag(date(2026, 7, 20), tickets=3)
        self.assertEqual(bag.expiry_date, date(2026, 8, 19))
        # The plan renewed on 1 August and its new quota is used up.
        for _i in range(5):
            self.open_ticket(date(2026, 8, 2))
        self.assertEqual(self.open_ticket(date(2026, 8, 19)).plan_bag_id, bag)
        # The bag expired on day 30, with tickets left.
        late = self.open_ticket(date(2026, 8, 20))
        self.assertUncovered(late, "used up")
        self.assertEqual(bag.tickets_remaining, 2)

    def test_bag_without_plan_serves_its_plan_categories_only(self):
        self.buy_bag(date(2026, 7, 10))
        ticket = self.open_ticket(date(2026, 7, 11), category_id=self.training.id)
        self.assertUncovered(ticket, "not included in your Básico plan")

    def test_bag_needs_tickets_and_days(self):
        with self.assertRefused("at least one ticket"):
            self.buy_bag(date(2026, 7, 10), tickets=0)
