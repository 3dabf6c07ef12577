import re

from odoo.tests import new_test_user, tagged

from odoo.addons.base.tests.common import HttpCaseWithUserPortal


@tagged("post_install", "-at_install")
class TestPortalClose(HttpCaseWithUserPortal):
    """Closing a ticket from the portal: only its owner, on POST with CSRF."""

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

    def test_owner_closes_own_ticket_with_post(self):
        self.authenticate("portal", "portal")
        page = self.url_open(f"/my/ticket/{self.ticket.id}").text
        self.assertRegex(page, r'<form[^>]*method="POST"[^>]*action="/ticket/close"')
        response = self._close(csrf_token=self._csrf_token())
        self.assertEqual(response.status_code, 303)
        self.assertEqual(self.ticket.stage_id, self.stage_done)

    def test_other_company_cannot_close_the_ticket(self):
        self.authenticate("portal", "portal")
        token_owner_page = self._csrf_token()
        self.assertTrue(token_owner_page)
        self.authenticate("portal_istmo", "portal_istmo")
        page = self.url_open("/my/tickets").text
        token = re.search(
            r'csrf_token: "([^"]+)"|name="csrf_token" value="([^"]+)"', page
        )
        csrf = next(group for group in token.groups() if group)
        response = self._close(csrf_token=csrf)
        self.assertEqual(response.status_code, 404)
        self.assertNotEqual(self.ticket.stage_id, self.stage_done)

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
        response = self._close()
        self.assertEqual(response.status_code, 400)
        self.assertNotEqual(self.ticket.stage_id, self.stage_done)

    def test_stage_not_open_to_the_portal_is_refused(self):
        self.authenticate("portal", "portal")
        stage = self.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_in_progress")
        response = self._close(csrf_token=self._csrf_token(), stage_id=stage.id)
        self.assertEqual(response.status_code, 404)
        self.assertNotEqual(self.ticket.stage_id, stage)

    def test_malformed_ids_are_a_bad_request(self):
        self.authenticate("portal", "portal")
        response = self._close(csrf_token=self._csrf_token(), ticket_id="abc")
        self.assertEqual(response.status_code, 400)
