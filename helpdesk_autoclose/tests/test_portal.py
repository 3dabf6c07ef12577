import pytz

from odoo import http
from odoo.tests import tagged

from odoo.addons.base.tests.common import HttpCaseWithUserPortal
from odoo.addons.helpdesk_priority_matrix.tests.translation_common import load_spanish


@tagged("post_install", "-at_install")
class TestPortal(HttpCaseWithUserPortal):
    """The client's verdict from the portal and from the email link, as the
    owner, as nobody (link only) and as another client."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.helpdesk_sla_policy_id = cls.env.ref(
            "helpdesk_priority_matrix.sla_policy_standard"
        )
        cls.stage_solution = cls.env.ref("helpdesk_autoclose.stage_solution_proposed")
        cls.stage_done = cls.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done")
        cls.stage_progress = cls.env.ref(
            "helpdesk_mgmt.helpdesk_ticket_stage_in_progress"
        )
        cls.ticket = cls.env["helpdesk.ticket"].create(
            {
                "name": "Reporte de cuotas sin totales",
                "description": "<p>El reporte de cuotas no suma.</p>",
                "partner_id": cls.partner_portal.id,
            }
        )
        cls.ticket.stage_id = cls.stage_solution
        cls.other_client = cls.env["res.users"].create(
            {
                "name": "Otro Cliente",
                "login": "otro_cliente",
                "password": "otro_cliente",
                "groups_id": [(6, 0, cls.env.ref("base.group_portal").ids)],
            }
        )

    def token(self):
        return self.ticket.sudo().autoclose_validation_token

    def post_verdict(self, verdict, **data):
        return self.url_open(
            f"/my/ticket/{self.ticket.id}/solution",
            data=dict(data, verdict=verdict, csrf_token=http.Request.csrf_token(self)),
        )

    def test_email_link_without_login_shows_the_choice_only(self):
        self.authenticate(None, None)
        response = self.url_open(self.ticket._autoclose_validation_url())
        self.assertEqual(response.status_code, 200)
        self.assertIn('value="worked"', response.text)
        self.assertEqual(self.ticket.autoclose_validation_state, "proposed")

    def test_email_link_post_is_single_use(self):
        self.authenticate(None, None)
        token = self.token()
        response = self.post_verdict("worked", token=token)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(self.ticket.stage_id, self.stage_done)
        self.assertEqual(self.ticket.autoclose_close_reason, "solved")
        response = self.post_verdict("failed", token=token, reason="Otra vez")
        self.assertIn("not valid any more", response.text)
        self.assertEqual(self.ticket.stage_id, self.stage_done)

    def test_wrong_token_changes_nothing(self):
        self.authenticate(None, None)
        response = self.post_verdict("worked", token="not-the-token")
        self.assertIn("not valid any more", response.text)
        self.assertEqual(self.ticket.stage_id, self.stage_solution)

    def test_other_client_cannot_answer(self):
        self.authenticate("otro_cliente", "otro_cliente")
        response = self.post_verdict("worked")
        self.assertIn("not valid any more", response.text)
        self.assertEqual(self.ticket.stage_id, self.stage_solution)

    def test_owner_answers_from_the_portal_with_a_reason(self):
        self.authenticate("portal", "portal")
        page = self.url_open(f"/my/ticket/{self.ticket.id}")
        self.assertIn("Did it work?", page.text)
        response = self.post_verdict("failed", reason="")
        self.assertIn("what is still not working", response.text)
        self.assertEqual(self.ticket.stage_id, self.stage_solution)
        self.post_verdict("failed", reason="Los totales siguen en cero.")
        self.assertEqual(self.ticket.stage_id, self.stage_progress)
        self.assertEqual(
            self.ticket.autoclose_validation_reason, "Los totales siguen en cero."
        )

    def test_ticket_page_tells_when_it_closes(self):
        self.ticket.stage_id = self.env.ref(
            "helpdesk_mgmt.helpdesk_ticket_stage_awaiting"
        )
        self.authenticate("portal", "portal")
        page = self.url_open(f"/my/ticket/{self.ticket.id}")
        self.assertIn("Waiting for your answer since", page.text)
        self.assertIn("unless you reply", page.text)

    def test_waiting_dates_in_the_client_time_zone_without_seconds(self):
        self.partner_portal.tz = "America/Lima"
        self.ticket.stage_id = self.env.ref(
            "helpdesk_mgmt.helpdesk_ticket_stage_awaiting"
        )
        lima = pytz.timezone("America/Lima")
        since, due = (
            pytz.utc.localize(moment).astimezone(lima)
            for moment in (
                self.ticket.autoclose_waiting_since,
                self.ticket.autoclose_close_due,
            )
        )
        self.env.flush_all()
        self.authenticate("portal", "portal")
        page = self.url_open(f"/my/ticket/{self.ticket.id}").text
        start = page.index('name="portal_autoclose_waiting"')
        notice = page[start : page.index("</div>", start)]
        self.assertIn(since.strftime("%H:%M"), notice)
        self.assertIn(due.strftime("%H:%M"), notice)
        self.assertNotIn(since.strftime("%H:%M:%S"), notice)
        self.assertNotIn(due.strftime("%H:%M:%S"), notice)

    def test_email_link_opens_in_the_client_language(self):
        load_spanish(self.env, "helpdesk_autoclose")
        self.partner_portal.lang = "es_ES"
        self.authenticate(None, None)
        url = self.ticket._autoclose_validation_url()
        page = self.url_open(url)
        self.assertEqual(page.status_code, 200)
        self.assertIn("¿Funcionó?", page.text)
        response = self.post_verdict("worked", token=self.token())
        self.assertIn("Gracias: el ticket queda cerrado como resuelto", response.text)
