from odoo.tests import tagged

from .common import SlaCommon


@tagged("post_install", "-at_install")
class TestEntitlement(SlaCommon):
    def test_company_default_policy_covers_the_ticket(self):
        ticket = self.create_ticket(self.utc(2026, 11, 23, 9))
        entitlement = ticket._get_entitlement()
        self.assertTrue(entitlement["covered"])
        self.assertEqual(entitlement["sla_policy"], self.policy)
        self.assertEqual(ticket.entitlement_source, "policy")
        self.assertTrue(ticket.is_covered)
        self.assertEqual(ticket.sla_policy_id, self.policy)

    def test_team_policy_wins_over_company_default(self):
        team_policy = self.policy.copy({"name": "Team tier"})
        self.team.sla_policy_id = team_policy
        ticket = self.create_ticket(self.utc(2026, 11, 23, 9))
        self.assertEqual(ticket.sla_policy_id, team_policy)

    def test_policy_chosen_by_hand_is_kept(self):
        other = self.policy.copy({"name": "Chosen by hand"})
        ticket = self.create_ticket(self.utc(2026, 11, 23, 9), sla_policy_id=other.id)
        self.assertEqual(ticket.sla_policy_id, other)
        self.assertTrue(ticket.is_covered)

    def test_uncovered_ticket_is_saved_and_client_told(self):
        self.company.helpdesk_sla_policy_id = False
        ticket = self.create_ticket(self.utc(2026, 11, 23, 9))
        self.assertTrue(ticket.exists())
        self.assertEqual(ticket.description, "<p>No podemos emitir facturas.</p>")
        self.assertFalse(ticket.is_covered)
        self.assertEqual(ticket.entitlement_source, "none")
        self.assertFalse(ticket.sla_deadline)
        self.assertFalse(ticket.sla_status)
        notice = ticket.message_ids.filtered(
            lambda m: ticket.entitlement_message in (m.body or "")
        )
        self.assertTrue(notice, "the client must be told the ticket is not covered")

    def test_changing_team_reevaluates_default_entitlement(self):
        self.company.helpdesk_sla_policy_id = False
        ticket = self.create_ticket(self.utc(2026, 11, 23, 9))
        self.assertFalse(ticket.is_covered)
        covered_team = self.env["helpdesk.ticket.team"].create(
            {"name": "Covered team", "sla_policy_id": self.policy.id}
        )
        ticket.team_id = covered_team
        self.assertTrue(ticket.is_covered)
        self.assertEqual(ticket.sla_policy_id, self.policy)
        self.assertTrue(ticket.sla_response_deadline)
