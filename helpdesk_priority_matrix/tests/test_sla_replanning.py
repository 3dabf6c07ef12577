from datetime import datetime

from freezegun import freeze_time

from odoo.tests import tagged

from .common import SlaCommon


@tagged("post_install", "-at_install")
class TestSlaReplanning(SlaCommon):
    """Deadlines of open tickets follow the world: holidays, working hours,
    time zones and targets changed after the tickets exist."""

    def setUp(self):
        super().setUp()
        # P1 on Friday 17:15: response Monday 08:45, resolution Monday 14:15.
        # Opened at that moment, so that its status is not computed against
        # the day the test runs.
        opened = self.utc(2026, 11, 20, 17, 15)
        with freeze_time(opened):
            self.ticket = self.create_ticket(opened)
        self.assertLocal(self.ticket.sla_response_deadline, 2026, 11, 23, 8, 45)

    def test_public_holiday_added_later_moves_open_deadlines(self):
        self.env["resource.calendar.leaves"].create(
            {
                "name": "Feriado nacional",
                "calendar_id": self.calendar.id,
                "date_from": self.utc(2026, 11, 23, 0, 0),
                "date_to": self.utc(2026, 11, 23, 23, 59, 59),
            }
        )
        self.env.flush_all()
        self.assertLocal(self.ticket.sla_response_deadline, 2026, 11, 24, 8, 45)
        self.assertLocal(self.ticket.sla_resolution_deadline, 2026, 11, 24, 14, 15)

    def test_no_breach_is_flagged_on_a_holiday_declared_late(self):
        # Declared on the holiday itself, at noon, after the response
        # deadline of 08:45; the SLA cron runs then.
        with freeze_time(self.utc(2026, 11, 23, 12, 0)):
            holiday = self.env["resource.calendar.leaves"].create(
                {
                    "name": "Feriado nacional",
                    "calendar_id": self.calendar.id,
                    "date_from": self.utc(2026, 11, 23, 0, 0),
                    "date_to": self.utc(2026, 11, 23, 23, 59, 59),
                }
            )
            self.env.flush_all()
            self.env["helpdesk.ticket"]._cron_sla_update()
        self.assertEqual(self.ticket.sla_status, "on_track")
        holiday.unlink()
        self.env.flush_all()
        self.assertLocal(self.ticket.sla_response_deadline, 2026, 11, 23, 8, 45)

    def test_working_hours_changed_later_move_open_deadlines(self):
        monday = self.calendar.attendance_ids.filtered(lambda a: a.dayofweek == "0")
        monday.hour_from = 10.0
        self.env.flush_all()
        # 15 minutes on Friday, 15 more from 10:00 on Monday.
        self.assertLocal(self.ticket.sla_response_deadline, 2026, 11, 23, 10, 15)

    def test_time_zone_changed_later_moves_open_deadlines(self):
        self.calendar.tz = "America/Bogota"  # same offset: nothing moves
        self.env.flush_all()
        self.assertLocal(self.ticket.sla_response_deadline, 2026, 11, 23, 8, 45)
        # One hour behind Panama: Friday 17:15 in Panama is 16:15 there, still
        # a working minute, so the 30 minutes end on Friday at 16:45.
        self.calendar.tz = "America/Mexico_City"
        self.env.flush_all()
        self.assertEqual(
            self.ticket.sla_response_deadline, datetime(2026, 11, 20, 22, 45)
        )

    def test_policy_target_changed_later_moves_open_deadlines(self):
        line = self.policy._get_line(self.levels["p1"])
        line.response_target = 1.0
        self.env.flush_all()
        self.assertLocal(self.ticket.sla_response_deadline, 2026, 11, 23, 9, 15)

    def test_at_risk_threshold_changed_later_moves_the_at_risk_moment(self):
        ticket = self.create_ticket(self.utc(2026, 11, 23, 9, 0))  # 30 minutes
        self.assertLocal(ticket.sla_at_risk_date, 2026, 11, 23, 9, 22, 30)
        self.policy.at_risk_threshold = 50
        self.env.flush_all()
        self.assertLocal(ticket.sla_at_risk_date, 2026, 11, 23, 9, 15)

    def test_working_hours_of_the_policy_replaced_later_move_open_deadlines(self):
        round_the_clock = self.env.ref("helpdesk_priority_matrix.calendar_24x7")
        round_the_clock.tz = "America/Panama"
        self.policy.calendar_id = round_the_clock
        self.env.flush_all()
        self.assertLocal(self.ticket.sla_response_deadline, 2026, 11, 20, 17, 45)

    def test_target_line_removed_then_added_again(self):
        line = self.policy._get_line(self.levels["p1"])
        values = line.copy_data()[0]
        line.unlink()
        self.env.flush_all()
        self.assertFalse(self.ticket.sla_response_deadline, "no target, no deadline")
        self.env["helpdesk.sla.policy.line"].create(
            dict(values, response_target=2.0, resolution_target=8.0)
        )
        self.env.flush_all()
        # 15 minutes on Friday, 1 h 45 on Monday from 08:30.
        self.assertLocal(self.ticket.sla_response_deadline, 2026, 11, 23, 10, 15)

    def test_closed_tickets_keep_their_history(self):
        self.ticket.stage_id = self.stage_done
        self.env.flush_all()
        before = self.ticket.sla_response_deadline
        self.env["resource.calendar.leaves"].create(
            {
                "name": "Feriado nacional",
                "calendar_id": self.calendar.id,
                "date_from": self.utc(2026, 11, 23, 0, 0),
                "date_to": self.utc(2026, 11, 23, 23, 59, 59),
            }
        )
        self.env.flush_all()
        self.assertEqual(self.ticket.sla_response_deadline, before)
