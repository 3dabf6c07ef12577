import pytz
from freezegun import freeze_time

from odoo.tests import tagged

from .common import SlaCommon


@tagged("post_install", "-at_install")
class TestSlaClock(SlaCommon):
    def test_p1_friday_evening_responds_monday_morning(self):
        ticket = self.create_ticket(self.utc(2026, 11, 20, 17, 15))
        self.assertEqual(ticket.priority_level_id, self.levels["p1"])
        self.assertLocal(ticket.sla_response_deadline, 2026, 11, 23, 8, 45)
        # 6 business hours: 15 minutes on Friday, 5h45 on Monday.
        self.assertLocal(ticket.sla_resolution_deadline, 2026, 11, 23, 14, 15)
        self.assertEqual(ticket.sla_deadline, ticket.sla_response_deadline)

    def test_public_holiday_moves_the_deadline(self):
        self.env["resource.calendar.leaves"].create(
            {
                "name": "Feriado nacional",
                "calendar_id": self.calendar.id,
                "date_from": self.utc(2026, 11, 23, 0, 0),
                "date_to": self.utc(2026, 11, 23, 23, 59, 59),
                "time_type": "leave",
            }
        )
        ticket = self.create_ticket(self.utc(2026, 11, 20, 17, 15))
        self.assertLocal(ticket.sla_response_deadline, 2026, 11, 24, 8, 45)

    def test_ticket_created_on_saturday_starts_monday(self):
        ticket = self.create_ticket(self.utc(2026, 11, 21, 10), "low", "high")  # P3
        self.assertEqual(ticket.priority_level_id, self.levels["p3"])
        self.assertLocal(ticket.sla_response_deadline, 2026, 11, 23, 9, 30)

    def test_coacher_8x5_alto_three_hours(self):
        alto = self.env["helpdesk.priority.level"].create(
            {"name": "Alto", "code": "T-ALTO", "ticket_priority": "3"}
        )
        calendar = self.env.ref("helpdesk_priority_matrix.calendar_8x5")
        santiago = pytz.timezone("America/Santiago")
        calendar.tz = "America/Santiago"
        premium = self.env["helpdesk.sla.policy"].create(
            {
                "name": "Premium",
                "calendar_id": calendar.id,
                "resolution_cap_factor": 4,
                "line_ids": [
                    (
                        0,
                        0,
                        {
                            "level_id": alto.id,
                            "response_target": 3,
                            "resolution_target": 12,
                        },
                    )
                ],
            }
        )
        ticket = self.create_ticket(
            self.utc(2026, 11, 19, 17, 0, tz=santiago),
            sla_policy_id=premium.id,
            priority_level_id=alto.id,
        )
        # Thursday 17:00-18:00 then Friday 09:00-11:00.
        self.assertLocal(ticket.sla_response_deadline, 2026, 11, 20, 11, 0, tz=santiago)
        # 12 h: 1 h Thursday, 6 h short Friday, 5 h Monday (9-14).
        self.assertLocal(
            ticket.sla_resolution_deadline, 2026, 11, 23, 14, 0, tz=santiago
        )

    def test_business_days_target(self):
        ticket = self.create_ticket(self.utc(2026, 11, 17, 10), "low", "medium")  # P4
        self.assertEqual(ticket.priority_level_id, self.levels["p4"])
        self.assertLocal(ticket.sla_response_deadline, 2026, 11, 17, 14, 0)
        self.assertLocal(ticket.sla_resolution_deadline, 2026, 11, 20, 10, 0)

    def test_waiting_on_customer_moves_resolution_by_paused_time(self):
        with freeze_time(self.utc(2026, 11, 23, 9, 0)):
            ticket = self.create_ticket(self.utc(2026, 11, 23, 9, 0), "low", "high")
        initial = ticket.sla_resolution_deadline
        # P3: 24 business hours = 8.5 h Monday, 9 h Tuesday, 6.5 h Wednesday.
        self.assertLocal(initial, 2026, 11, 25, 15, 0)
        with freeze_time(self.utc(2026, 11, 23, 10, 0)):
            ticket.stage_id = self.stage_awaiting
        self.assertTrue(ticket.sla_paused_since)
        with freeze_time(self.utc(2026, 11, 23, 12, 0)):
            ticket.stage_id = self.stage_progress
        self.assertAlmostEqual(ticket.sla_paused_hours, 2.0)
        self.assertFalse(ticket.sla_paused_since)
        self.assertLocal(ticket.sla_resolution_deadline, 2026, 11, 25, 17, 0)
        self.assertIn("paused the clock", ticket.sla_explanation)

    def test_pause_over_night_counts_business_time_only(self):
        ticket = self.create_ticket(self.utc(2026, 11, 23, 9, 0), "low", "high")
        with freeze_time(self.utc(2026, 11, 23, 16, 30)):
            ticket.stage_id = self.stage_awaiting
        with freeze_time(self.utc(2026, 11, 24, 9, 30)):
            ticket.stage_id = self.stage_progress
        # 16:30-17:30 and 08:30-09:30: two business hours.
        self.assertAlmostEqual(ticket.sla_paused_hours, 2.0)

    def test_force_majeure_suspends_the_clock(self):
        ticket = self.create_ticket(self.utc(2026, 11, 23, 9, 0))  # P1
        self.assertLocal(ticket.sla_response_deadline, 2026, 11, 23, 9, 30)
        self.env["helpdesk.sla.suspension"].create(
            {
                "name": "Caída del hosting",
                "date_from": self.utc(2026, 11, 23, 9, 10),
                "date_to": self.utc(2026, 11, 23, 10, 10),
            }
        )
        self.env.flush_all()
        self.assertLocal(ticket.sla_response_deadline, 2026, 11, 23, 10, 30)

    def test_priority_change_recomputes_and_tracks_deadlines(self):
        ticket = self.create_ticket(self.utc(2026, 11, 23, 9, 0), "low", "low")  # P5
        self.assertLocal(ticket.sla_response_deadline, 2026, 11, 23, 17, 0)
        ticket.urgency = "high"  # P3
        self.flush_tracking()
        self.assertLocal(ticket.sla_response_deadline, 2026, 11, 23, 10, 0)
        tracked = ticket.message_ids.tracking_value_ids.mapped("field_id.name")
        self.assertIn("sla_response_deadline", tracked)
        self.assertIn("priority_level_id", tracked)

    def test_policy_change_recomputes_deadlines(self):
        ticket = self.create_ticket(self.utc(2026, 11, 23, 9, 0))
        faster = self.policy.copy({"name": "Faster"})
        faster.line_ids.filtered(
            lambda line: line.level_id == self.levels["p1"]
        ).response_target = 0.25
        ticket.sla_policy_id = faster
        self.assertLocal(ticket.sla_response_deadline, 2026, 11, 23, 9, 15)

    def test_first_response_is_a_public_reply_by_an_agent(self):
        ticket = self.create_ticket(self.utc(2026, 11, 23, 9, 0))
        ticket.with_user(self.agent).message_post(
            body="Internal analysis",
            subtype_xmlid="mail.mt_note",
            message_type="comment",
        )
        self.assertFalse(ticket.sla_first_response_date)
        ticket.message_post(
            body="Seguimos sin poder facturar",
            author_id=self.customer.id,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        self.assertFalse(ticket.sla_first_response_date)
        with freeze_time(self.utc(2026, 11, 23, 9, 20)):
            ticket.with_user(self.agent).message_post(
                body="Estamos revisando el servicio de timbrado.",
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
        self.assertEqual(ticket.sla_first_response_date, self.utc(2026, 11, 23, 9, 20))
        self.assertAlmostEqual(ticket.sla_first_response_hours, 20 / 60, places=4)
        self.assertEqual(ticket.sla_deadline, ticket.sla_resolution_deadline)

    def test_explanation_names_cell_policy_and_calendar(self):
        ticket = self.create_ticket(self.utc(2026, 11, 20, 17, 15))
        explanation = ticket.sla_explanation
        self.assertIn(self.matrix.name, explanation)
        self.assertIn(self.policy.name, explanation)
        self.assertIn(self.calendar.name, explanation)

    def test_two_waiting_periods_add_up(self):
        ticket = self.create_ticket(self.utc(2026, 11, 23, 9, 0), "low", "high")
        for start, end in ((10, 11), (13, 14)):
            with freeze_time(self.utc(2026, 11, 23, start)):
                ticket.stage_id = self.stage_awaiting
            with freeze_time(self.utc(2026, 11, 23, end, 30)):
                ticket.stage_id = self.stage_progress
        self.assertAlmostEqual(ticket.sla_paused_hours, 3.0)
        # P3, 24 business hours from Monday 09:00: Wednesday 15:00, plus 3 h.
        self.assertLocal(ticket.sla_resolution_deadline, 2026, 11, 26, 9, 0)

    def test_pause_moves_business_day_target_and_at_risk_moment(self):
        ticket = self.create_ticket(self.utc(2026, 11, 17, 10), "low", "medium")  # P4
        self.assertLocal(ticket.sla_resolution_deadline, 2026, 11, 20, 10, 0)
        at_risk = ticket.sla_at_risk_date
        with freeze_time(self.utc(2026, 11, 17, 11)):
            ticket.message_post(
                body="¿Nos envía el XML rechazado?",
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
                author_id=self.agent.partner_id.id,
            )
            ticket.stage_id = self.stage_awaiting
        with freeze_time(self.utc(2026, 11, 17, 13)):
            ticket.stage_id = self.stage_progress
        self.assertLocal(ticket.sla_resolution_deadline, 2026, 11, 20, 12, 0)
        self.assertGreater(ticket.sla_at_risk_date, at_risk)

    def test_ticket_created_in_a_waiting_stage_starts_paused(self):
        with freeze_time(self.utc(2026, 11, 23, 9, 0)):
            ticket = self.create_ticket(
                self.utc(2026, 11, 23, 9, 0), stage_id=self.stage_awaiting.id
            )
        self.assertEqual(ticket.sla_paused_since, self.utc(2026, 11, 23, 9, 0))
        with freeze_time(self.utc(2026, 11, 23, 10, 0)):
            ticket.stage_id = self.stage_progress
        self.assertAlmostEqual(ticket.sla_paused_hours, 1.0)

    def test_late_first_response_stays_late_after_a_pause(self):
        with freeze_time(self.utc(2026, 11, 23, 9, 0)):
            ticket = self.create_ticket(self.utc(2026, 11, 23, 9, 0))  # P1, 30 min
        response_deadline = ticket.sla_response_deadline
        with freeze_time(self.utc(2026, 11, 23, 10, 0)):
            ticket.with_user(self.agent).message_post(
                body="Disculpe la demora, ¿nos da acceso?",
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
            ticket.stage_id = self.stage_awaiting
        with freeze_time(self.utc(2026, 11, 23, 15, 0)):
            ticket.stage_id = self.stage_progress
            self.assertAlmostEqual(ticket.sla_paused_hours, 5.0)
            self.assertEqual(ticket.sla_response_deadline, response_deadline)
            ticket._compute_sla_status()
            self.assertEqual(ticket.sla_status, "breached")
        with freeze_time(self.utc(2026, 11, 23, 16, 0)):
            ticket.stage_id = self.stage_awaiting
            ticket._compute_sla_status()
            self.assertEqual(ticket.sla_status, "breached")

    def test_agent_reply_by_email_is_the_first_response(self):
        ticket = self.create_ticket(self.utc(2026, 11, 23, 9, 0))
        with freeze_time(self.utc(2026, 11, 23, 9, 10)):
            ticket.message_post(
                body="Ya estamos revisando el timbrado.",
                message_type="email",
                subtype_xmlid="mail.mt_comment",
                author_id=self.agent.partner_id.id,
            )
        self.assertEqual(ticket.sla_first_response_date, self.utc(2026, 11, 23, 9, 10))

    def test_client_email_is_not_a_first_response(self):
        ticket = self.create_ticket(self.utc(2026, 11, 23, 9, 0))
        ticket.message_post(
            body="¿Alguna novedad?",
            message_type="email",
            subtype_xmlid="mail.mt_comment",
            author_id=self.customer.id,
        )
        self.assertFalse(ticket.sla_first_response_date)
