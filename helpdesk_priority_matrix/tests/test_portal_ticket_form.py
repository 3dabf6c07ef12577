from odoo import http
from odoo.tests import tagged

from .portal_common import PortalCase
from .translation_common import load_spanish


@tagged("post_install", "-at_install")
class TestPortalTicketForm(PortalCase):
    """A new-ticket POST the browser did not check (a hand-made request, a
    stale form) comes back as the form, with what the client typed and a
    message for each field to fix; nothing is saved, nothing fails."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.helpdesk_mgmt_portal_select_category = True
        cls.category = cls.env["helpdesk.ticket.category"].create(
            {"name": "Impresora fiscal", "show_in_portal": True}
        )

    def _submit(self, **data):
        self.authenticate("portal", "portal")
        values = {
            "csrf_token": http.Request.csrf_token(self),
            "subject": "La impresora no imprime",
            "description": "Desde esta mañana la impresora fiscal no responde.",
            "category": str(self.category.id),
            **data,
        }
        return self.url_open("/submitted/ticket", data=values, allow_redirects=False)

    def _tickets(self, subject="La impresora no imprime"):
        return self.env["helpdesk.ticket"].search([("name", "=", subject)])

    def assertFormBack(self, response, message):
        self.assertEqual(response.status_code, 200)
        self.assertIn('name="ticket_form_errors"', response.text)
        self.assertIn(message, response.text)
        self.assertNotIn("Traceback", response.text)
        self.assertFalse(self._tickets())

    def test_category_not_a_number(self):
        response = self._submit(category="abc")
        self.assertFormBack(response, "Please choose a case from the list.")
        # What the client typed is kept.
        self.assertIn('value="La impresora no imprime"', response.text)
        self.assertIn("Desde esta mañana la impresora fiscal", response.text)

    def test_category_that_does_not_exist(self):
        response = self._submit(category="999999")
        self.assertFormBack(response, "Please choose a case from the list.")
        self.assertNotIn("Record does not exist", response.text)

    def test_category_not_offered_on_the_portal(self):
        hidden = self.env["helpdesk.ticket.category"].create(
            {"name": "Interna", "show_in_portal": False}
        )
        response = self._submit(category=str(hidden.id))
        self.assertFormBack(response, "Please choose a case from the list.")

    def test_missing_description(self):
        response = self._submit(description="  ")
        self.assertFormBack(response, "Please describe what happens")
        # The chosen case stays selected.
        self.assertRegex(
            response.text, rf'<option[^>]*value="{self.category.id}"[^>]*selected'
        )

    def test_missing_description_field(self):
        self.authenticate("portal", "portal")
        response = self.url_open(
            "/submitted/ticket",
            data={
                "csrf_token": http.Request.csrf_token(self),
                "subject": "La impresora no imprime",
            },
            allow_redirects=False,
        )
        self.assertFormBack(response, "Please describe what happens")

    def test_empty_subject(self):
        response = self._submit(subject=" ")
        self.assertEqual(response.status_code, 200)
        self.assertIn("Please give your ticket a subject.", response.text)
        self.assertNotIn("mandatory field", response.text)
        self.assertFalse(
            self.env["helpdesk.ticket"].search(
                [("description", "ilike", "impresora fiscal no responde")]
            )
        )

    def test_required_category_enforced_by_the_server(self):
        self.env.company.helpdesk_mgmt_portal_category_id_required = True
        response = self._submit(category="")
        self.assertFormBack(response, "Please choose the case that fits your request.")

    def test_optional_category_may_be_left_empty(self):
        self.env.company.helpdesk_mgmt_portal_category_id_required = False
        response = self._submit(category="")
        self.assertIn(response.status_code, (302, 303))
        self.assertTrue(self._tickets())

    def test_choices_kept_when_the_form_comes_back(self):
        response = self._submit(
            description="", impact="high", urgency="low", request_kind="request"
        )
        self.assertRegex(response.text, r'<option value="high" selected="True">High')
        self.assertRegex(response.text, r'<option value="low" selected="True">Low')
        self.assertRegex(response.text, r'value="request" checked="True"')

    def test_valid_form_saves_the_ticket(self):
        response = self._submit()
        self.assertIn(response.status_code, (302, 303))
        ticket = self._tickets()
        self.assertEqual(len(ticket), 1)
        self.assertEqual(ticket.category_id, self.category)

    def test_messages_in_the_clients_language(self):
        load_spanish(self.env, "helpdesk_priority_matrix")
        self.user_portal.partner_id.lang = "es_ES"
        response = self._submit(category="abc", description="")
        self.assertEqual(response.status_code, 200)
        self.assertIn("Elija un caso de la lista.", response.text)
        self.assertIn("Describa qué ocurre", response.text)
