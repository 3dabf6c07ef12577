from urllib.parse import urlsplit

from odoo.tests import tagged

from odoo.addons.helpdesk_priority_matrix.tests.tour_common import TourCase


@tagged("post_install", "-at_install")
class TestTourPortalSolution(TourCase):
    """A client validates the proposed solution from the email's link and
    answers the satisfaction survey, without logging in: in English on a
    desktop, in Spanish on a phone."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.load_spanish("helpdesk_autoclose")
        cls.env.company.helpdesk_sla_policy_id = cls.env.ref(
            "helpdesk_priority_matrix.sla_policy_standard"
        )
        cls.stage_solution = cls.env.ref("helpdesk_autoclose.stage_solution_proposed")
        cls.rule = cls.env.ref("helpdesk_autoclose.rule_main_company")

    def proposed_ticket(self, user):
        ticket = self.env["helpdesk.ticket"].create(
            {
                "name": "Reporte de cuotas sin totales",
                "description": "<p>El reporte de cuotas no suma.</p>",
                "partner_id": user.partner_id.id,
            }
        )
        ticket.stage_id = self.stage_solution
        return ticket

    def validate_and_rate(self, user, lang, phone=False):
        ticket = self.proposed_ticket(user)
        link = urlsplit(ticket._autoclose_validation_url())
        self.start_client_tour(
            f"{link.path}?{link.query}",
            f"helpdesk_autoclose_portal_solution_{lang}",
            None,
            phone=phone,
        )
        self.assertEqual(ticket.autoclose_validation_state, "worked")
        self.assertEqual(ticket.stage_id, self.rule.solved_stage_id)
        rating = ticket.rating_ids
        self.assertEqual(len(rating), 1, "the survey was sent")
        self.start_client_tour(
            f"/rate/{rating.access_token}/5",
            f"helpdesk_autoclose_portal_survey_{lang}",
            None,
            phone=phone,
        )
        self.assertEqual(rating.rating, 5)
        self.assertTrue(rating.feedback)
        self.assertEqual(ticket.rating_last_value, 5)

    def test_solution_and_survey_in_english_on_a_desktop(self):
        self.validate_and_rate(
            self.portal_client("tour_solution_en", "Coop. Azuero"), "en"
        )

    def test_solution_and_survey_in_spanish_on_a_phone(self):
        client = self.portal_client(
            "tour_solution_es", "Viña Colchagua SpA", "es_ES", "America/Santiago"
        )
        self.validate_and_rate(client, "es", phone=True)
