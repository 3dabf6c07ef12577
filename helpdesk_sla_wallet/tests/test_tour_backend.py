from odoo import Command
from odoo.tests import new_test_user, tagged

from odoo.addons.helpdesk_priority_matrix.tests.tour_common import TourCase


@tagged("post_install", "-at_install")
class TestTourWalletBackend(TourCase):
    """The consultant creates a ticket pack from the Helpdesk menus; an
    agent works a wallet ticket past its one-hour cap into a diagnosis."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.policy = cls.env.ref("helpdesk_priority_matrix.sla_policy_standard")
        cls.company = cls.env.company
        cls.company.wallet_consume_on = "create"

    def test_consultant_creates_a_ticket_pack(self):
        new_test_user(
            self.env,
            login="tour_pack_consultant",
            password="tour_pack_consultant",
            groups="base.group_system,helpdesk_mgmt.group_helpdesk_manager,"
            "sales_team.group_sale_manager",
        )
        self.start_tour(
            "/odoo", "helpdesk_sla_wallet_consultant_pack", login="tour_pack_consultant"
        )
        pack = self.env["product.template"].search(
            [("name", "=", "Wallet 10 Expansión Azuero")]
        )
        self.assertTrue(pack.is_ticket_pack)
        self.assertEqual(pack.type, "service")
        self.assertEqual(pack.ticket_pack_quantity, 10)
        self.assertEqual(pack.ticket_pack_sla_policy_id, self.policy)
        self.assertEqual(pack.list_price, 620)

    def wallet_ticket(self, agent):
        project = self.env["project.project"].create(
            {"name": "Soporte Azuero", "allow_timesheets": True}
        )
        team = self.env["helpdesk.ticket.team"].create(
            {
                "name": "Mesa Azuero",
                "user_ids": [Command.set(agent.ids)],
                "allow_timesheet": True,
                "default_project_id": project.id,
            }
        )
        self.env["hr.employee"].create({"name": agent.name, "user_id": agent.id})
        hour = self.env["product.product"].create(
            {"name": "Desarrollo a medida (hora)", "type": "service", "list_price": 60}
        )
        self.company.wallet_diagnosis_product_id = hour
        client = self.env["res.partner"].create(
            {"name": "Farmacias Azuero S.A.", "is_company": True}
        )
        wallet = self.env["helpdesk.wallet"].create({"partner_id": client.id})
        wallet._credit_tickets(
            5, self.policy, kind="adjustment", reason="Saldo inicial"
        )
        return self.env["helpdesk.ticket"].create(
            {
                "name": "Facturas sin timbrar",
                "description": "<p>Ninguna factura se timbra desde ayer.</p>",
                "partner_id": client.id,
                "team_id": team.id,
                "project_id": project.id,
                "user_id": agent.id,
                "impact": "high",
                "urgency": "high",
            }
        )

    def test_agent_logs_time_past_the_cap_and_opens_a_diagnosis(self):
        agent = new_test_user(
            self.env,
            login="tour_agent",
            password="tour_agent",
            groups="helpdesk_mgmt.group_helpdesk_user,"
            "hr_timesheet.group_hr_timesheet_user,"
            "sales_team.group_sale_salesman_all_leads",
        )
        ticket = self.wallet_ticket(agent)
        self.assertEqual(ticket.wallet_hour_cap, 1.0)
        self.start_tour(
            f"/odoo/helpdesk.ticket/{ticket.id}",
            "helpdesk_sla_wallet_agent_ticket",
            login="tour_agent",
        )
        self.assertEqual(sum(ticket.timesheet_ids.mapped("unit_amount")), 1.5)
        self.assertTrue(ticket.closed)
        self.assertIn("certificate expired", ticket.wallet_diagnosis)
        lead = self.env["crm.lead"].search([("partner_id", "=", ticket.partner_id.id)])
        self.assertEqual(len(lead), 1)
        self.assertEqual(lead.expected_revenue, 720)
