import ast

from odoo.tests import tagged

from .common import SlaCommon


@tagged("post_install", "-at_install")
class TestIntakeBilling(SlaCommon):
    """Incident or request (001 §3) and billable work (001, 004 rule 1)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.helpdesk_requests_need_contract = True
        cls.administrative = cls.env["helpdesk.ticket.category"].create(
            {"name": "Facturación y pagos", "administrative": True}
        )

    def test_request_is_not_covered_by_the_policy_alone(self):
        ticket = self.create_ticket(
            self.utc(2026, 11, 23, 9, 0), request_kind="request"
        )
        self.assertTrue(ticket._entitlement_needs_contract())
        self.assertFalse(ticket.is_covered)
        self.assertFalse(ticket.sla_policy_id)
        self.assertIn("plan", ticket.entitlement_message)

    def test_incident_is_covered_by_the_policy(self):
        ticket = self.create_ticket(self.utc(2026, 11, 23, 9, 0))
        self.assertEqual(ticket.request_kind, "incident")
        self.assertFalse(ticket._entitlement_needs_contract())
        self.assertTrue(ticket.is_covered)

    def test_administrative_request_is_served_for_everybody(self):
        ticket = self.create_ticket(
            self.utc(2026, 11, 23, 9, 0),
            request_kind="request",
            category_id=self.administrative.id,
        )
        self.assertTrue(ticket.is_covered)

    def test_without_the_setting_requests_are_covered(self):
        self.company.helpdesk_requests_need_contract = False
        ticket = self.create_ticket(
            self.utc(2026, 11, 23, 9, 0), request_kind="request"
        )
        self.assertTrue(ticket.is_covered)

    def test_agent_corrects_the_kind_and_the_coverage_follows(self):
        ticket = self.create_ticket(
            self.utc(2026, 11, 23, 9, 0), request_kind="request"
        )
        ticket.with_user(self.agent).request_kind = "incident"
        self.assertTrue(ticket.is_covered)
        self.assertEqual(ticket.sla_policy_id, self.policy)
        ticket.with_user(self.agent).request_kind = "request"
        self.assertFalse(ticket.is_covered)

    def test_billable_needs_a_reason(self):
        ticket = self.create_ticket(self.utc(2026, 11, 23, 9, 0))
        with self.assertRefused("say why"):
            ticket.billable = True
        ticket.write({"billable": True, "billable_reason": "user_error"})
        self.assertTrue(ticket.billable)

    def test_billable_tickets_are_listed_per_client_and_month(self):
        ticket = self.create_ticket(self.utc(2026, 11, 23, 9, 0))
        ticket.write(
            {
                "billable": True,
                "billable_reason": "out_of_hours",
                "billable_note": "Cierre contable del sábado",
            }
        )
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "helpdesk_priority_matrix.helpdesk_ticket_action_billable"
        )
        groups = self.env["helpdesk.ticket"].read_group(
            ast.literal_eval(action["domain"])
            + [("commercial_partner_id", "=", self.customer.id)],
            ["commercial_partner_id"],
            ["commercial_partner_id", "create_date:month"],
            lazy=False,
        )
        self.assertEqual(len(groups), 1)
        self.assertEqual(groups[0]["commercial_partner_id"][0], self.customer.id)
        self.assertEqual(groups[0]["__count"], 1)
