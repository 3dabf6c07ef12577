from odoo import http
from odoo.tests import tagged

from odoo.addons.base.tests.common import HttpCaseWithUserPortal


@tagged("post_install", "-at_install")
class TestPortal(HttpCaseWithUserPortal):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.policy = cls.env.ref("helpdesk_priority_matrix.sla_policy_standard")
        cls.env.company.helpdesk_sla_policy_id = cls.policy
        cls.ticket = cls.env["helpdesk.ticket"].create(
            {
                "name": "Usuarios sin poder iniciar sesión",
                "description": "<p>Nadie puede entrar desde esta mañana.</p>",
                "partner_id": cls.partner_portal.id,
                "impact": "high",
                "urgency": "high",
            }
        )

    def test_ticket_list_shows_priority_and_deadline(self):
        self.authenticate("portal", "portal")
        response = self.url_open("/my/tickets")
        self.assertEqual(response.status_code, 200)
        self.assertIn("P1", response.text)

    def test_ticket_page_shows_sla_read_only(self):
        self.authenticate("portal", "portal")
        response = self.url_open(f"/my/ticket/{self.ticket.id}")
        self.assertEqual(response.status_code, 200)
        self.assertIn("P1", response.text)
        self.assertIn(self.policy.name, response.text)
        self.assertNotIn('name="priority_level_id"', response.text)

    def test_new_ticket_form_proposes_impact_and_urgency(self):
        self.authenticate("portal", "portal")
        response = self.url_open("/new/ticket")
        self.assertEqual(response.status_code, 200)
        self.assertIn('name="impact"', response.text)
        self.assertIn("data-default-impact", response.text)

    def test_submitted_impact_and_urgency_are_kept(self):
        self.authenticate("portal", "portal")
        category = self.env["helpdesk.ticket.category"].search(
            [("criticality", "=", "non_critical")], limit=1
        )
        response = self.url_open(
            "/submitted/ticket",
            data={
                "category": category.id,
                "csrf_token": http.Request.csrf_token(self),
                "subject": "Ajuste de plantilla de cotización",
                "description": "Cambiar el logo de la cotización.",
                "impact": "medium",
                "urgency": "high",
            },
        )
        self.assertEqual(response.status_code, 200)
        ticket = self.env["helpdesk.ticket"].search(
            [("name", "=", "Ajuste de plantilla de cotización")]
        )
        self.assertEqual((ticket.impact, ticket.urgency), ("medium", "high"))
        self.assertEqual(ticket.priority_level_id.code, "P2")

    def test_bogus_impact_falls_back_to_the_category(self):
        self.authenticate("portal", "portal")
        category = self.env["helpdesk.ticket.category"].search(
            [("criticality", "=", "critical")], limit=1
        )
        self.url_open(
            "/submitted/ticket",
            data={
                "category": category.id,
                "csrf_token": http.Request.csrf_token(self),
                "subject": "Caja bloqueada",
                "description": "No podemos cobrar.",
                "impact": "catastrophic",
            },
        )
        ticket = self.env["helpdesk.ticket"].search([("name", "=", "Caja bloqueada")])
        self.assertTrue(ticket, "what the client wrote must be kept")
        self.assertEqual(ticket.impact, category.default_impact)
