from datetime import date

from odoo.tests import tagged

from .common import PlanCommon


@tagged("post_install", "-at_install")
class TestPlanClientMessages(PlanCommon):
    """What the client and the salesperson are told about a ticket a plan
    covers, or does not."""

    def test_held_ticket_is_not_offered_a_plan(self):
        self.company.helpdesk_authorized_requesters_only = True
        self.contact.helpdesk_authorized = False
        web = self.env.ref("helpdesk_mgmt.helpdesk_ticket_channel_web")
        held = self.open_ticket(date(2026, 7, 2), channel_id=web.id)
        self.assertFalse(held.requester_authorized)
        self.assertFalse(
            held.activity_ids.filtered(lambda a: a.user_id == self.salesperson),
            "a held ticket is not a sale to make",
        )
        self.contact.helpdesk_authorized = True
        accepted = self.open_ticket(date(2026, 7, 2), channel_id=web.id)
        activity = accepted.activity_ids.filtered(
            lambda a: a.user_id == self.salesperson
        )
        self.assertEqual(activity.summary, "Offer a support plan")

    def test_covered_ticket_says_which_plan_in_the_readers_language(self):
        self.subscribe()
        ticket = self.open_ticket(date(2026, 7, 2))
        self.assertCoveredByPlan(ticket)
        self.assertEqual(
            ticket._entitlement_client_message(), "Covered by your Básico plan."
        )
