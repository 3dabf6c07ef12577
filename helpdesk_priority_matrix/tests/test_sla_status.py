from unittest.mock import patch

from freezegun import freeze_time

from odoo.tests import tagged

from .common import SlaCommon


@tagged("post_install", "-at_install")
class TestSlaStatus(SlaCommon):
    def _run_cron(self, moment):
        with freeze_time(moment):
            self.env["helpdesk.ticket"]._cron_sla_update()

    def _escalation_activities(self, ticket):
        activity_type = self.env.ref(
            "helpdesk_priority_matrix.mail_activity_type_sla_escalation"
        )
        return ticket.activity_ids.filtered(
            lambda a: a.activity_type_id == activity_type
        )

    def test_status_moves_from_on_track_to_at_risk_to_breached(self):
        with freeze_time(self.utc(2026, 11, 23, 9, 0)):
            ticket = self.create_ticket(self.utc(2026, 11, 23, 9, 0))  # P1, 30 min
        self.assertEqual(ticket.sla_status, "on_track")
        self.assertLocal(ticket.sla_at_risk_date, 2026, 11, 23, 9, 22, 30)
        self._run_cron(self.utc(2026, 11, 23, 9, 25))
        self.assertEqual(ticket.sla_status, "at_risk")
        self._run_cron(self.utc(2026, 11, 23, 9, 31))
        self.assertEqual(ticket.sla_status, "breached")

    def test_escalation_happens_once_per_transition(self):
        with freeze_time(self.utc(2026, 11, 23, 9, 0)):
            ticket = self.create_ticket(self.utc(2026, 11, 23, 9, 0))
        self._run_cron(self.utc(2026, 11, 23, 9, 25))
        activities = self._escalation_activities(ticket)
        self.assertEqual(len(activities), 1)
        self.assertEqual(activities.user_id, self.leader)
        self._run_cron(self.utc(2026, 11, 23, 9, 26))
        self.assertEqual(len(self._escalation_activities(ticket)), 1)
        self.assertEqual(ticket.sla_escalation, "at_risk")
        self._run_cron(self.utc(2026, 11, 23, 9, 40))
        self._run_cron(self.utc(2026, 11, 23, 9, 45))
        self.assertEqual(ticket.sla_escalation, "breached")
        self.assertEqual(len(self._escalation_activities(ticket)), 2)
        breached_messages = ticket.message_ids.filtered(
            lambda m: (
                m.subtype_id
                == self.env.ref("helpdesk_priority_matrix.mt_ticket_sla_breached")
            )
        )
        self.assertEqual(len(breached_messages), 1)

    def test_cron_processes_in_batches(self):
        with freeze_time(self.utc(2026, 11, 23, 9, 0)):
            tickets = self.env["helpdesk.ticket"]
            for _index in range(5):
                tickets |= self.create_ticket(self.utc(2026, 11, 23, 9, 0))
        progress = []
        cron = type(self.env["ir.cron"])
        with (
            freeze_time(self.utc(2026, 11, 23, 9, 40)),
            patch.object(
                cron,
                "_notify_progress",
                lambda _self, done, remaining: progress.append((done, remaining)),
            ),
        ):
            self.env["helpdesk.ticket"]._cron_sla_update(batch_size=2)
        self.assertEqual(progress[0][0], 2, "one batch of two tickets")
        self.assertGreaterEqual(progress[0][1], 3, "the others remain")
        with freeze_time(self.utc(2026, 11, 23, 9, 40)):
            # Other open tickets of the database may share the batches.
            for _run in range(50):
                self.env["helpdesk.ticket"]._cron_sla_update(batch_size=2)
        self.assertEqual(set(tickets.mapped("sla_status")), {"breached"})
        self.assertEqual(set(tickets.mapped("sla_escalation")), {"breached"})

    def test_closed_in_time_is_met(self):
        with freeze_time(self.utc(2026, 11, 23, 9, 0)):
            ticket = self.create_ticket(self.utc(2026, 11, 23, 9, 0))
        with freeze_time(self.utc(2026, 11, 23, 9, 10)):
            ticket.with_user(self.agent).message_post(
                body="Servicio restablecido.",
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
            ticket.stage_id = self.stage_done
        self.assertEqual(ticket.sla_status, "met")
        self.assertFalse(ticket.sla_next_check)

    def test_closed_late_is_breached(self):
        with freeze_time(self.utc(2026, 11, 23, 9, 0)):
            ticket = self.create_ticket(self.utc(2026, 11, 23, 9, 0))
        with freeze_time(self.utc(2026, 11, 24, 9, 0)):
            ticket.stage_id = self.stage_done
        self.assertEqual(ticket.sla_status, "breached")

    def test_paused_ticket_is_not_breached(self):
        with freeze_time(self.utc(2026, 11, 23, 9, 0)):
            ticket = self.create_ticket(self.utc(2026, 11, 23, 9, 0), "low", "high")
            ticket.with_user(self.agent).message_post(
                body="¿Puede enviarnos la captura del error?",
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
            ticket.stage_id = self.stage_awaiting
        self._run_cron(self.utc(2026, 11, 30, 9, 0))
        self.assertEqual(ticket.sla_status, "on_track")
        self.assertFalse(self._escalation_activities(ticket))

    def test_rerun_after_a_crash_escalates_once(self):
        with freeze_time(self.utc(2026, 11, 23, 9, 0)):
            first = self.create_ticket(self.utc(2026, 11, 23, 9, 0))
            second = self.create_ticket(self.utc(2026, 11, 23, 9, 0))
        ticket_model = type(self.env["helpdesk.ticket"])
        original = ticket_model._sla_escalation_message

        def crash_on_second(ticket, lang=None):
            if ticket == second:
                raise RuntimeError("worker killed")
            return original(ticket, lang)

        with patch.object(ticket_model, "_sla_escalation_message", crash_on_second):
            with self.assertRaises(RuntimeError):
                self._run_cron(self.utc(2026, 11, 23, 9, 25))
        # The failed batch was rolled back as a whole: nothing half-notified.
        self.assertFalse(self._escalation_activities(first))
        self._run_cron(self.utc(2026, 11, 23, 9, 26))
        self._run_cron(self.utc(2026, 11, 23, 9, 27))
        for ticket in first | second:
            self.assertEqual(len(self._escalation_activities(ticket)), 1)

    def test_answered_in_time_but_left_open_is_breached_and_escalated_once(self):
        with freeze_time(self.utc(2026, 11, 23, 9, 0)):
            ticket = self.create_ticket(self.utc(2026, 11, 23, 9, 0))  # P1
        with freeze_time(self.utc(2026, 11, 23, 9, 10)):
            ticket.with_user(self.agent).message_post(
                body="Estamos en ello.",
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
        # Resolution within 6 business hours: Monday 15:00.
        self.assertLocal(ticket.sla_deadline, 2026, 11, 23, 15, 0)
        for minute in (1, 2, 3):
            self._run_cron(self.utc(2026, 11, 23, 15, minute))
        self.assertEqual(ticket.sla_status, "breached")
        activities = self._escalation_activities(ticket)
        self.assertEqual(len(activities), 1)
        self.assertIn("breached", activities.summary)

    def test_escalated_tickets_leave_the_cron_search(self):
        with freeze_time(self.utc(2026, 11, 23, 9, 0)):
            ticket = self.create_ticket(self.utc(2026, 11, 23, 9, 0))
        self._run_cron(self.utc(2026, 11, 23, 9, 40))
        self.assertEqual(ticket.sla_escalation, "breached")
        self.assertFalse(ticket.sla_escalation_pending)
        pending = self.env["helpdesk.ticket"].search(
            [("sla_escalation_pending", "!=", False)]
        )
        self.assertNotIn(ticket, pending)

    def test_paused_at_risk_ticket_stays_at_risk_while_it_waits(self):
        with freeze_time(self.utc(2026, 11, 23, 9, 0)):
            ticket = self.create_ticket(self.utc(2026, 11, 23, 9, 0))  # P1
        with freeze_time(self.utc(2026, 11, 23, 9, 25)):
            ticket.with_user(self.agent).message_post(
                body="¿Nos confirma el RUC?",
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
        with freeze_time(self.utc(2026, 11, 23, 14, 0)):
            ticket.stage_id = self.stage_awaiting  # 5h of 6h used: at risk
        self._run_cron(self.utc(2026, 11, 26, 9, 0))
        self.assertEqual(ticket.sla_status, "at_risk")
