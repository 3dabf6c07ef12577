import re

from odoo.tests import new_test_user, tagged

from .portal_common import PortalCase
from .translation_common import load_spanish


@tagged("post_install", "-at_install")
class TestPortalClose(PortalCase):
    """Closing a ticket from the portal: only its owner, after a confirmation
    page asking for the reason, on POST with CSRF."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.stage_done = cls.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done")
        cls.stage_done.close_from_portal = True
        cls.other_company = cls.env["res.partner"].create(
            {"name": "Distribuidora Istmo S.A.", "is_company": True}
        )
        cls.other_user = new_test_user(
            cls.env,
            login="portal_istmo",
            password="portal_istmo",
            groups="base.group_portal",
            name="Marta Istmo",
        )
        cls.other_user.partner_id.parent_id = cls.other_company
        cls.ticket = cls.env["helpdesk.ticket"].create(
            {
                "name": "No podemos timbrar facturas",
                "description": "<p>El PAC rechaza todo.</p>",
                "partner_id": cls.partner_portal.id,
            }
        )

    def _csrf_token(self, url="/my/tickets"):
        """The CSRF token of the logged-in session, as a page gives it."""
        page = self.url_open(url).text
        return re.search(r'csrf_token: "([^"]+)"', page).group(1)

    def _close(self, **data):
        return self.url_open(
            "/ticket/close",
            data={"ticket_id": self.ticket.id, "stage_id": self.stage_done.id, **data},
            allow_redirects=False,
        )

    def _confirmation_url(self, stage=None):
        stage = stage or self.stage_done
        return f"/my/ticket/{self.ticket.id}/close?stage_id={stage.id}"

    def test_ticket_page_leads_to_the_confirmation(self):
        self.authenticate("portal", "portal")
        page = self.url_open(f"/my/ticket/{self.ticket.id}").text
        self.assertIn(f'href="{self._confirmation_url()}"', page)
        self.assertNotRegex(page, r'<form[^>]*action="/ticket/close"')

    def test_confirmation_page_asks_for_the_reason(self):
        self.authenticate("portal", "portal")
        response = self.url_open(self._confirmation_url())
        self.assertEqual(response.status_code, 200)
        page = response.text
        self.assertRegex(page, r'<form[^>]*method="POST"[^>]*action="/ticket/close"')
        self.assertRegex(page, r'<textarea[^>]*name="reason"[^>]*required')
        self.assertIn("Close the ticket", page)
        self.assertIn("New stage:", page)
        self.assertIn(self.ticket.number, page)
        self.assertEqual(self.ticket.stage_id.closed, False, "a GET changes nothing")

    def test_owner_closes_own_ticket_with_a_reason(self):
        self.authenticate("portal", "portal")
        csrf = self._csrf_token(self._confirmation_url())
        response = self._close(csrf_token=csrf, reason="Ya timbra otra vez.\nGracias")
        self.assertEqual(response.status_code, 302)
        self.assertEqual(self.ticket.stage_id, self.stage_done)
        message = self.ticket.message_ids.filtered(
            lambda m: "Ya timbra otra vez." in (m.body or "")
        )
        self.assertEqual(len(message), 1, "the reason is posted on the ticket")
        self.assertEqual(message.author_id, self.partner_portal)
        self.assertIn("Closed from the portal as Done", message.body)

    def test_close_without_reason_changes_nothing(self):
        self.authenticate("portal", "portal")
        csrf = self._csrf_token(self._confirmation_url())
        response = self._close(csrf_token=csrf, reason="   ")
        self.assertEqual(response.status_code, 200)
        self.assertIn("Please tell us why you close the ticket.", response.text)
        self.assertFalse(self.ticket.stage_id.closed)

    def test_confirmation_in_spanish(self):
        load_spanish(self.env, "helpdesk_priority_matrix")
        self.partner_portal.lang = "es_ES"
        self.authenticate("portal", "portal")
        page = self.url_open(self._confirmation_url()).text
        self.assertIn("Motivo", page)
        self.assertIn("Volver al ticket", page)
        csrf = re.search(r'csrf_token: "([^"]+)"', page).group(1)
        refused = self._close(csrf_token=csrf, reason="")
        self.assertIn("Indíquenos por qué cierra el ticket.", refused.text)

    def test_other_company_cannot_close_the_ticket(self):
        self.authenticate("portal_istmo", "portal_istmo")
        self.assertEqual(self.url_open(self._confirmation_url()).status_code, 404)
        response = self._close(csrf_token=self._csrf_token(), reason="Intruso")
        # Sent back to the ticket page, which refuses them in turn.
        self.assertEqual(response.status_code, 302)
        self.assertNotEqual(self.ticket.stage_id, self.stage_done)
        self.assertFalse(
            self.ticket.message_ids.filtered(lambda m: "Intruso" in (m.body or ""))
        )

    def test_agent_sees_the_reason_in_the_chatter(self):
        self.authenticate("portal", "portal")
        csrf = self._csrf_token(self._confirmation_url())
        self._close(csrf_token=csrf, reason="Resuelto por nuestra cuenta")
        agent = new_test_user(
            self.env,
            login="agent_close",
            password="agent_close",
            groups="helpdesk_mgmt.group_helpdesk_user",
        )
        bodies = self.ticket.with_user(agent).message_ids.mapped("body")
        self.assertTrue(any("Resuelto por nuestra cuenta" in b for b in bodies))

    def test_get_is_refused(self):
        self.authenticate("portal", "portal")
        response = self.url_open(
            f"/ticket/close?ticket_id={self.ticket.id}&stage_id={self.stage_done.id}",
            allow_redirects=False,
        )
        self.assertEqual(response.status_code, 405)
        self.assertNotEqual(self.ticket.stage_id, self.stage_done)

    def test_post_without_csrf_token_is_refused(self):
        self.authenticate("portal", "portal")
        response = self._close(reason="Sin token")
        self.assertEqual(response.status_code, 400)
        self.assertNotEqual(self.ticket.stage_id, self.stage_done)

    def test_stage_not_open_to_the_portal_is_refused(self):
        self.authenticate("portal", "portal")
        stage = self.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_in_progress")
        self.assertEqual(self.url_open(self._confirmation_url(stage)).status_code, 404)
        response = self._close(
            csrf_token=self._csrf_token(), stage_id=stage.id, reason="Otra etapa"
        )
        self.assertEqual(response.status_code, 302)
        self.assertNotEqual(self.ticket.stage_id, stage)

    def test_closing_stage_of_another_team_is_refused(self):
        other_team = self.env["helpdesk.ticket.team"].create({"name": "Otro equipo"})
        stage = self.env["helpdesk.ticket.stage"].create(
            {
                "name": "Resuelto por el cliente",
                "closed": True,
                "close_from_portal": True,
                "team_ids": [(6, 0, other_team.ids)],
            }
        )
        self.authenticate("portal", "portal")
        self.assertEqual(self.url_open(self._confirmation_url(stage)).status_code, 404)
        self.assertFalse(self.ticket.stage_id.closed)

    def test_malformed_ids_are_a_bad_request(self):
        self.authenticate("portal", "portal")
        response = self._close(csrf_token=self._csrf_token(), ticket_id="abc")
        self.assertEqual(response.status_code, 400)
        bad_stage = self.url_open(f"/my/ticket/{self.ticket.id}/close?stage_id=x")
        self.assertEqual(bad_stage.status_code, 400)
