import pytz

from odoo.tests import tagged

from .tour_common import TourCase


@tagged("post_install", "-at_install")
class TestTourPortalNewTicket(TourCase):
    """A client opens a ticket from the portal form and reads its deadlines,
    in English on a desktop and in Spanish on a phone."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.load_spanish()
        cls.client_en = cls.portal_client(
            "tour_bogota", "Droguería Bogotá S.A.S.", tz="America/Bogota"
        )
        cls.client_es = cls.portal_client(
            "tour_santiago", "Ferretería Santiago SpA", "es_ES", "America/Santiago"
        )

    def assertTicketOpened(self, user):
        ticket = self.env["helpdesk.ticket"].search(
            [("partner_id", "=", user.partner_id.id)]
        )
        self.assertEqual(len(ticket), 1)
        self.assertEqual(
            ticket.category_id,
            self.env.ref("helpdesk_priority_matrix.category_critical_01_pac_dgi_down"),
        )
        self.assertEqual((ticket.impact, ticket.urgency), ("high", "medium"))
        self.assertEqual(ticket.attachment_ids.mapped("name"), ["stamping_error.txt"])
        self.assertDeadlineInClientTime(ticket, user)

    def assertDeadlineInClientTime(self, ticket, user):
        """The page the tour read gives the response deadline at the
        client's own clock, in their language's date format."""
        local = pytz.utc.localize(ticket.sla_response_deadline).astimezone(
            pytz.timezone(user.tz)
        )
        date_format = self.env["res.lang"]._get_data(code=user.lang).date_format
        self.authenticate(user.login, user.login)
        page = self.url_open(f"/my/ticket/{ticket.id}").text
        response = page[page.index('name="portal_sla_response"') :]
        self.assertIn(local.strftime(f"{date_format} %H:%M"), response[:400])

    def test_new_ticket_in_english_on_a_desktop(self):
        self.start_client_tour(
            "/new/ticket",
            "helpdesk_priority_matrix_portal_new_ticket_en",
            "tour_bogota",
        )
        self.assertTicketOpened(self.client_en)

    def test_new_ticket_in_spanish_on_a_phone(self):
        self.start_client_tour(
            "/new/ticket",
            "helpdesk_priority_matrix_portal_new_ticket_es",
            "tour_santiago",
            phone=True,
        )
        self.assertTicketOpened(self.client_es)
