from datetime import date

from odoo.exceptions import UserError
from odoo.tests import tagged

from odoo.addons.helpdesk_priority_matrix.tools.entitlement import Candidate

from ..models.helpdesk_ticket_plan import SEQUENCE_PLAN_BAG
from .common import PlanCommon

DAY = date(2026, 7, 6)


@tagged("post_install", "-at_install")
class TestClaims(PlanCommon):
    """The plan's side of the entitlement chain holds whatever the chain
    calls, in whatever order: a ticket takes at most one ticket of a plan,
    a release gives it back once, and the quota always counts what is
    held."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.stage_cancelled = cls.env["helpdesk.ticket.stage"].create(
            {"name": "Cancelado por error", "closed": True, "entitlement_release": True}
        )

    def held(self, ticket):
        return ticket.plan_consumption_ids.filtered(lambda c: not c.released)

    def used(self, subscription):
        with self.at(DAY):
            subscription.invalidate_recordset(["tickets_used"])
            return subscription.tickets_used

    def run_chain_again(self, ticket):
        """What the chain does to re-entitle a ticket (a reopened ticket, a
        change of category): forget the state, then answer again."""
        with self.at(DAY):
            ticket.write({"entitlement_state": False})
            ticket._entitlement_apply()

    def test_chain_run_again_on_a_claimed_ticket_takes_nothing_more(self):
        subscription = self.subscribe()
        ticket = self.open_ticket(DAY)
        self.assertCoveredByPlan(ticket)
        self.run_chain_again(ticket)
        self.assertCoveredByPlan(ticket)
        self.assertEqual(len(ticket.plan_consumption_ids), 1)
        self.assertEqual(self.used(subscription), 1)

    def test_reopened_after_cancel_takes_the_ticket_again_once(self):
        subscription = self.subscribe()
        ticket = self.open_ticket(DAY)
        with self.at(DAY):
            ticket.stage_id = self.stage_cancelled
        self.assertEqual(ticket.entitlement_state, "released")
        self.assertEqual(self.used(subscription), 0)
        with self.at(DAY):
            ticket.stage_id = self.stage_progress
        self.run_chain_again(ticket)
        self.run_chain_again(ticket)
        self.assertCoveredByPlan(ticket)
        self.assertEqual(len(self.held(ticket)), 1)
        self.assertEqual(len(ticket.plan_consumption_ids), 2, "one released, one held")
        self.assertEqual(self.used(subscription), 1)

    def test_release_gives_back_what_is_held_whatever_the_recorded_source(self):
        subscription = self.subscribe()
        ticket = self.open_ticket(DAY)
        # The chain recorded another answer before giving the claim back.
        ticket.write({"entitlement_source": "none"})
        ticket._entitlement_release()
        self.assertFalse(self.held(ticket))
        self.assertEqual(self.used(subscription), 0)
        # A second release finds nothing to give back.
        release_date = ticket.plan_consumption_ids.release_date
        ticket._entitlement_release_claim()
        self.assertEqual(ticket.plan_consumption_ids.release_date, release_date)
        self.assertEqual(self.used(subscription), 0)

    def test_claim_elsewhere_moves_the_ticket_instead_of_counting_it_twice(self):
        subscription = self.subscribe()
        bag = self.env["helpdesk.plan.bag"].create(
            {
                "partner_id": self.customer.id,
                "plan_id": self.plan.id,
                "ticket_count": 3,
                "purchase_date": DAY,
            }
        )
        ticket = self.open_ticket(DAY)
        self.assertEqual(ticket.plan_subscription_id, subscription)
        candidate = Candidate(
            source="plan",
            sequence=SEQUENCE_PLAN_BAG,
            consumes=True,
            reference=bag,
        )
        with self.at(DAY):
            self.assertTrue(ticket._entitlement_claim(candidate))
        self.assertEqual(self.held(ticket).bag_id, bag)
        self.assertEqual(self.used(subscription), 0)
        self.assertEqual(bag.tickets_used, 1)

    def test_category_outside_the_plan_after_the_claim_gives_the_ticket_back(self):
        subscription = self.subscribe()
        ticket = self.open_ticket(DAY)
        with self.at(DAY):
            ticket.category_id = self.training
            ticket._entitlement_release()
        self.run_chain_again(ticket)
        self.assertUncovered(ticket, "not included in your Básico plan")
        self.assertFalse(self.held(ticket))
        self.assertEqual(self.used(subscription), 0)

    def test_client_changed_after_the_claim_moves_the_ticket_to_its_plan(self):
        subscription = self.subscribe()
        other = self.env["res.partner"].create(
            {"name": "Ferretería Los Volcanes", "is_company": True}
        )
        other_subscription = self.subscribe(partner=other)
        ticket = self.open_ticket(DAY)
        with self.at(DAY):
            ticket.partner_id = other
        self.assertCoveredByPlan(ticket)
        self.assertEqual(ticket.plan_subscription_id, other_subscription)
        self.assertEqual(self.used(subscription), 0)
        self.assertEqual(self.used(other_subscription), 1)

    def test_terms_of_a_subscription_tickets_were_taken_from_are_kept(self):
        subscription = self.subscribe()
        self.open_ticket(DAY)
        other = self.env["res.partner"].create(
            {"name": "Ferretería Los Volcanes", "is_company": True}
        )
        # Moving the first day would move the periods away from the tickets
        # counted in them, and give the quota of July back.
        for vals in (
            {"date_start": date(2026, 7, 15)},
            {"partner_id": other.id},
            {"plan_id": self.plan_advanced.id},
        ):
            with self.assertRaisesRegex(UserError, "cannot change any more"):
                subscription.write(vals)
        subscription.write({"date_start": self.START, "partner_id": self.contact.id})
        self.assertEqual(subscription.partner_id, self.customer)
        self.assertEqual(self.used(subscription), 1)
        unused = self.subscribe(partner=other)
        unused.write({"date_start": date(2026, 7, 15)})
        self.assertEqual(unused.date_start, date(2026, 7, 15))

    def test_bag_keeps_its_terms_and_the_tickets_it_covered(self):
        bag = self.env["helpdesk.plan.bag"].create(
            {
                "partner_id": self.customer.id,
                "plan_id": self.plan.id,
                "ticket_count": 2,
                "purchase_date": DAY,
            }
        )
        for _index in range(2):
            self.assertEqual(self.open_ticket(DAY).plan_bag_id, bag)
        with self.assertRaisesRegex(UserError, "cannot change any more"):
            bag.purchase_date = date(2026, 8, 1)
        with self.assertRefused("already covered 2 tickets"):
            bag.ticket_count = 1
        bag.ticket_count = 3
        self.assertEqual(bag.tickets_remaining, 1)
