import json
import re

from odoo.tests import tagged

from .portal_common import PortalCase


@tagged("post_install", "-at_install")
class TestPortalDisplay(PortalCase):
    """What a client reads on the portal in a browser: the scripts' labels in
    their language, the SLA columns in view, one notice per situation."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.helpdesk_sla_policy_id = cls.env.ref(
            "helpdesk_priority_matrix.sla_policy_standard"
        )
        cls.ticket = cls.env["helpdesk.ticket"].create(
            {
                "name": "No puedo validar una recepción",
                "description": "<p>Aparece «No tiene permisos».</p>",
                "partner_id": cls.partner_portal.id,
                "impact": "medium",
                "urgency": "medium",
            }
        )

    def _frontend_messages(self, lang):
        """The translations the portal's scripts load, by module."""
        response = self.url_open(f"/website/translations/x?lang={lang}")
        self.assertEqual(response.status_code, 200)
        modules = json.loads(response.text)["modules"]
        return {
            module: {message["id"]: message["string"] for message in data["messages"]}
            for module, data in modules.items()
        }

    def test_portal_scripts_are_translated(self):
        self.env["res.lang"]._activate_lang("es_ES")
        self.env["ir.module.module"]._load_module_terms(
            ["mail", "helpdesk_priority_matrix"], ["es_ES"], overwrite=True
        )
        self.partner_portal.lang = "es_ES"
        self.authenticate("portal", "portal")
        messages = self._frontend_messages("es_ES")
        self.assertEqual(
            messages["helpdesk_priority_matrix"]["All functional areas"],
            "Todas las áreas funcionales",
        )
        self.assertEqual(
            messages["mail"]["The conversation is empty."],
            "La conversación está vacía.",
        )

    def test_ticket_list_keeps_the_sla_columns_in_view_on_a_laptop(self):
        self.authenticate("portal", "portal")
        page = self.url_open("/my/tickets").text
        header = {
            name: classes
            for name, classes in re.findall(
                r'<th name="(\w+)"(?: class="([^"]*)")?', page
            )
        }
        self.assertIn("d-xxl-table-cell", header["th_last_stage_update"])
        self.assertIn("d-xxl-table-cell", header["th_closed_date"])
        # Shown from a large phone on; below, the summary under the title
        # gives the level.
        self.assertEqual(header["th_priority_level"], "d-none d-sm-table-cell")
        self.assertEqual(header["th_sla_status"], "")
        self.assertRegex(
            page, r'<td class="o_helpdesk_sla_cell">\s*<span[^>]*text-bg-info'
        )
        self.assertIn(f"{self.ticket.priority_level_id.code}</span>", page)
        self.assertIn("o_helpdesk_ticket_phone_summary", page)

    def test_held_requester_gets_one_notice_in_the_page_language(self):
        held = self.ticket.copy({"requester_authorized": False})
        self.assertIn("not an authorized contact", held.entitlement_message)
        self.authenticate("portal", "portal")
        page = self.url_open(f"/my/ticket/{held.id}").text
        self.assertIn('name="portal_requester_held"', page)
        self.assertNotIn('name="portal_entitlement_message"', page)
        self.assertNotIn(held.entitlement_message, page)

    def test_ticket_created_closed_offers_no_closing_buttons(self):
        stage_done = self.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done")
        stage_done.close_from_portal = True
        closed = self.ticket.copy({"stage_id": stage_done.id})
        self.assertFalse(closed.closed_date)
        self.authenticate("portal", "portal")
        self.assertIn(
            'name="ticket_close_link"',
            self.url_open(f"/my/ticket/{self.ticket.id}").text,
        )
        page = self.url_open(f"/my/ticket/{closed.id}").text
        self.assertNotIn('name="ticket_close_buttons"', page)
        self.assertNotIn('name="ticket_close_link"', page)

    def test_after_login_the_portal_speaks_the_client_language(self):
        self.env["res.lang"]._activate_lang("es_ES")
        self.env["ir.module.module"]._load_module_terms(
            ["helpdesk_priority_matrix"], ["es_ES"], overwrite=True
        )
        self.partner_portal.lang = "es_ES"
        # The scripts of the login page leave the browser's language.
        self.url_open(
            "/website/translations/x", headers={"Accept-Language": "en-US,en"}
        )
        self.assertEqual(self.opener.cookies.get("frontend_lang"), "en_US")
        login_page = self.url_open("/web/login").text
        token = re.search(r'name="csrf_token" value="([^"]+)"', login_page).group(1)
        response = self.url_open(
            "/web/login",
            data={"login": "portal", "password": "portal", "csrf_token": token},
            allow_redirects=False,
        )
        self.assertIn(response.status_code, (301, 302, 303))
        self.assertEqual(response.cookies.get("frontend_lang"), "es_ES")
        page = self.url_open("/my/tickets").text
        self.assertIn("Próximo plazo", page)
        self.assertNotIn("Next Deadline", page)
