from freezegun import freeze_time

from odoo.tests import tagged

from .common import SlaCommon
from .intake_common import load_spanish


@tagged("post_install", "-at_install")
class TestIntakeNotification(SlaCommon):
    """Messages written by the SLA cron reach each reader in their own
    language: the client in theirs, the internal note in the company's, the
    team leader's activity in the leader's (001 §5)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        load_spanish(cls.env)
        cls.company.partner_id.lang = "es_ES"
        cls.customer.write({"lang": "es_ES", "tz": "America/Mexico_City"})
        cls.leader.lang = "en_US"
        cls.policy.notify_client_on_escalation = True

    def _run_cron(self, moment):
        # The cron runs as a user who speaks neither the client's language
        # nor the company's.
        with freeze_time(moment):
            self.env["helpdesk.ticket"].with_context(lang="en_US")._cron_sla_update()

    def _breach(self):
        with freeze_time(self.utc(2026, 11, 23, 9, 0)):
            ticket = self.create_ticket(self.utc(2026, 11, 23, 9, 0))  # P1
        self._run_cron(self.utc(2026, 11, 23, 9, 25))
        self._run_cron(self.utc(2026, 11, 23, 9, 40))
        self.assertEqual(ticket.sla_escalation, "breached")
        return ticket

    def test_internal_note_in_the_company_language(self):
        ticket = self._breach()
        note = ticket.message_ids.filtered(
            lambda m: (
                m.subtype_id
                == self.env.ref("helpdesk_priority_matrix.mt_ticket_sla_breached")
            )
        )
        self.assertIn("incumplido", str(note.body).lower())
        self.assertIn("America/Panama", str(note.body))

    def test_leader_activity_in_the_leaders_language(self):
        ticket = self._breach()
        activity_type = self.env.ref(
            "helpdesk_priority_matrix.mail_activity_type_sla_escalation"
        )
        activities = ticket.activity_ids.filtered(
            lambda a: a.activity_type_id == activity_type
        )
        self.assertTrue(activities)
        for activity in activities:
            self.assertIn("SLA", activity.summary)
            self.assertNotIn("incumplido", activity.summary.lower())

    def test_client_told_of_the_escalation_in_their_language_and_zone(self):
        ticket = self._breach()
        notice = ticket.message_ids.filtered(lambda m: "escalado" in (m.subject or ""))
        self.assertEqual(len(notice), 1)
        self.assertIn(self.customer, notice.partner_ids)
        body = str(notice.body)
        self.assertIn("líder del equipo", body)
        # 09:30 in Panama, read in Mexico City.
        self.assertIn("8:30", body)
        self.assertIn("America/Mexico_City", body)

    def test_client_not_told_when_the_policy_does_not_say_so(self):
        self.policy.notify_client_on_escalation = False
        ticket = self._breach()
        self.assertFalse(
            ticket.message_ids.filtered(lambda m: "escalado" in (m.subject or ""))
        )

    def test_uncovered_message_in_the_clients_language(self):
        self.company.helpdesk_sla_policy_id = False
        ticket = self.create_ticket(self.utc(2026, 11, 23, 9, 0))
        message = ticket.message_ids.filtered(
            lambda m: "sin cobertura" in (m.subject or "")
        )
        self.assertEqual(len(message), 1)

    def test_information_request_opens_the_composer_on_its_template(self):
        ticket = self.create_ticket(self.utc(2026, 11, 23, 9, 0))
        action = ticket.with_user(self.agent).action_request_information()
        composer = (
            self.env["mail.compose.message"]
            .with_user(self.agent)
            .with_context(**action["context"])
            .create({})
        )
        self.assertIn("necesitamos más información", composer.subject)
        self.assertIn(self.customer, composer.partner_ids)
