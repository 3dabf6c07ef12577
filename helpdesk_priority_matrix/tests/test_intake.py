from unittest.mock import patch

from freezegun import freeze_time

from odoo.tests import tagged

from .common import SlaCommon
from .intake_common import load_spanish, sent_confirmations


@tagged("post_install", "-at_install")
class TestIntake(SlaCommon):
    """Channels, confirmation, priority never empty, levels by code, the
    default team and the alert of the team leader (001 §1, 13)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        load_spanish(cls.env)
        cls.channel_phone = cls.env.ref("helpdesk_mgmt.helpdesk_ticket_channel_phone")
        cls.channel_whatsapp = cls.env.ref(
            "helpdesk_priority_matrix.helpdesk_ticket_channel_whatsapp"
        )
        cls.channel_email = cls.env.ref("helpdesk_mgmt.helpdesk_ticket_channel_email")
        cls.customer.write({"lang": "es_ES", "tz": "America/Mexico_City"})
        cls.urgent_type = cls.env.ref(
            "helpdesk_priority_matrix.mail_activity_type_urgent_ticket"
        )

    def test_phone_request_starts_when_the_client_called(self):
        with freeze_time(self.utc(2026, 11, 23, 11, 0)):
            ticket = self.create_ticket(
                self.utc(2026, 11, 23, 9, 0),
                channel_id=self.channel_phone.id,
            )
        self.assertEqual(ticket.channel, "phone")
        # P1: 30 minutes from the call, not from the registration.
        self.assertLocal(ticket.sla_response_deadline, 2026, 11, 23, 9, 30)
        self.assertEqual(len(sent_confirmations(ticket)), 1)

    def test_request_cannot_start_in_the_future(self):
        with (
            freeze_time(self.utc(2026, 11, 23, 9, 0)),
            self.assertRefused("cannot have asked in the future"),
        ):
            self.create_ticket(
                self.utc(2026, 11, 23, 10, 0), channel_id=self.channel_whatsapp.id
            )

    def test_confirmation_in_the_clients_language_and_time_zone(self):
        with freeze_time(self.utc(2026, 11, 23, 9, 0)):
            ticket = self.create_ticket(
                self.utc(2026, 11, 23, 9, 0), channel_id=self.channel_phone.id
            )
        body = str(sent_confirmations(ticket).body)
        self.assertIn("Le responderemos", body)
        # 09:30 in Panama is 08:30 in Mexico City, the client's zone.
        self.assertIn("8:30", body)
        self.assertIn("America/Mexico_City", body)
        self.assertIn(ticket.number, body)

    def test_confirmation_is_queued_and_sent_once_by_the_cron(self):
        cron = self.env.ref(
            "helpdesk_priority_matrix.ir_cron_helpdesk_ticket_confirmation"
        )
        triggers = self.env["ir.cron.trigger"].search([("cron_id", "=", cron.id)])
        with freeze_time(self.utc(2026, 11, 23, 9, 0)):
            ticket = self.create_ticket(self.utc(2026, 11, 23, 9, 0))
        self.assertTrue(ticket.confirmation_queued_at)
        self.assertFalse(
            ticket.message_ids.filtered(lambda m: ticket.number in (m.subject or "")),
            "creating the ticket renders no mail",
        )
        new_triggers = (
            self.env["ir.cron.trigger"].search([("cron_id", "=", cron.id)]) - triggers
        )
        self.assertEqual(len(new_triggers), 1, "the cron is woken at once")
        confirmation = sent_confirmations(ticket)
        self.assertEqual(len(confirmation), 1)
        self.assertEqual(confirmation.author_id, self.company.partner_id)
        self.assertEqual(confirmation.partner_ids, self.customer)
        self.assertFalse(ticket.confirmation_queued_at)
        self.assertEqual(len(sent_confirmations(ticket)), 1, "a rerun sends nothing")

    def test_tickets_created_together_are_confirmed_in_batches(self):
        queued = self.env["helpdesk.ticket"].search(
            [("confirmation_queued_at", "!=", False)]
        )
        queued.confirmation_queued_at = False
        with freeze_time(self.utc(2026, 11, 23, 9, 0)):
            tickets = self.env["helpdesk.ticket"].create(
                [
                    {
                        "name": f"Consulta {index}",
                        "description": "<p>Detalle</p>",
                        "partner_id": self.customer.id,
                        "team_id": self.team.id,
                        "impact": "low",
                        "urgency": "low",
                    }
                    for index in range(3)
                ]
            )
        progress = []
        with patch.object(
            type(self.env["ir.cron"]),
            "_notify_progress",
            lambda _self, done, remaining: progress.append((done, remaining)),
        ):
            self.env["helpdesk.ticket"]._cron_send_confirmations(batch_size=2)
            sent = tickets.filtered(lambda t: not t.confirmation_queued_at)
            self.assertEqual(len(sent), 2, "one batch per call")
            self.env["helpdesk.ticket"]._cron_send_confirmations(batch_size=2)
        self.assertEqual(progress, [(2, 1), (1, 0)], "ir.cron calls until none is left")
        for ticket in tickets:
            self.assertEqual(len(sent_confirmations(ticket)), 1, ticket.name)

    def test_ticket_left_uncovered_before_the_cron_is_not_confirmed(self):
        with freeze_time(self.utc(2026, 11, 23, 9, 0)):
            ticket = self.create_ticket(self.utc(2026, 11, 23, 9, 0))
        ticket.is_covered = False
        self.assertFalse(sent_confirmations(ticket))
        self.assertFalse(ticket.confirmation_queued_at, "taken off the queue")

    def test_uncovered_ticket_gets_no_confirmation(self):
        self.company.helpdesk_sla_policy_id = False
        with freeze_time(self.utc(2026, 11, 23, 9, 0)):
            ticket = self.create_ticket(self.utc(2026, 11, 23, 9, 0))
        self.assertFalse(ticket.is_covered)
        self.assertFalse(sent_confirmations(ticket))

    def test_clearing_the_level_keeps_the_level_and_the_sla(self):
        with freeze_time(self.utc(2026, 11, 23, 9, 0)):
            ticket = self.create_ticket(self.utc(2026, 11, 23, 9, 0))
            deadline = ticket.sla_response_deadline
            ticket.priority_level_id = False
        self.assertEqual(ticket.priority_level_id, self.levels["p1"])
        self.assertEqual(ticket.sla_response_deadline, deadline)
        self.assertTrue(ticket.sla_policy_id)

    def test_levels_are_found_by_code_and_name(self):
        levels = self.env["helpdesk.priority.level"]
        self.assertEqual(levels.name_search("P1", limit=1)[0][0], self.levels["p1"].id)
        self.assertIn(
            self.levels["p1"].id, [row[0] for row in levels.name_search("Critical")]
        )
        ticket = self.create_ticket(self.utc(2026, 11, 23, 9, 0))
        found = self.env["helpdesk.ticket"].search(
            [("priority_level_id", "=", "P1"), ("id", "=", ticket.id)]
        )
        self.assertEqual(found, ticket, "a ticket is found by its level's code")

    def test_client_tickets_without_team_go_to_the_default_team(self):
        self.company.helpdesk_default_team_id = self.team
        ticket = self.env["helpdesk.ticket"].create(
            {
                "name": "Consulta por correo",
                "description": "<p>¿Cómo exporto el libro mayor?</p>",
                "partner_id": self.customer.id,
                "channel_id": self.channel_email.id,
            }
        )
        self.assertEqual(ticket.team_id, self.team)

    def test_team_leader_is_alerted_of_p1_and_p2_at_once(self):
        with freeze_time(self.utc(2026, 11, 23, 9, 0)):
            p1 = self.create_ticket(self.utc(2026, 11, 23, 9, 0))
            p2 = self.create_ticket(self.utc(2026, 11, 23, 9, 0), urgency="medium")
            p3 = self.create_ticket(self.utc(2026, 11, 23, 9, 0), urgency="low")
        self.assertEqual(p2.priority_level_id, self.levels["p2"])
        for ticket in (p1, p2):
            alert = ticket.activity_ids.filtered(
                lambda a: a.activity_type_id == self.urgent_type
            )
            self.assertEqual(alert.user_id, self.leader)
            self.assertIn(ticket.name, alert.summary)
        self.assertFalse(
            p3.activity_ids.filtered(lambda a: a.activity_type_id == self.urgent_type)
        )

    def test_leader_opening_an_urgent_ticket_gets_no_alert(self):
        with freeze_time(self.utc(2026, 11, 23, 9, 0)):
            ticket = (
                self.env["helpdesk.ticket"]
                .with_user(self.leader)
                .create(
                    {
                        "name": "Caja detenida",
                        "description": "<p>POS sin conexión.</p>",
                        "partner_id": self.customer.id,
                        "team_id": self.team.id,
                        "impact": "high",
                        "urgency": "high",
                    }
                )
            )
        self.assertFalse(
            ticket.activity_ids.filtered(
                lambda a: a.activity_type_id == self.urgent_type
            )
        )

    def test_confirmation_sent_by_an_administrator_is_signed_by_the_company(self):
        """The job's action run by an administrator (its *Run* button, a
        script) rather than by the cron's superuser confirms the ticket the
        same way: from the company and its address."""
        self.company.email = "soporte@andina.example.com"
        with freeze_time(self.utc(2026, 11, 23, 9, 0)):
            ticket = self.create_ticket(self.utc(2026, 11, 23, 9, 0))
        action = self.env.ref(
            "helpdesk_priority_matrix.ir_cron_helpdesk_ticket_confirmation"
        ).ir_actions_server_id
        action.with_user(self.env.ref("base.user_admin")).run()
        confirmation = ticket.message_ids.filtered(
            lambda m: ticket.number in (m.subject or "")
        )
        self.assertEqual(len(confirmation), 1)
        self.assertEqual(confirmation.author_id, self.company.partner_id)
        self.assertEqual(
            confirmation.email_from, self.company.partner_id.email_formatted
        )
        self.assertFalse(ticket.confirmation_queued_at)
