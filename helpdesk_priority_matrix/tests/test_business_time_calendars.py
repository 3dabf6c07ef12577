from datetime import timedelta

import pytz
from freezegun import freeze_time

from odoo.tests import tagged

from .common import SlaCommon

SANTIAGO = pytz.timezone("America/Santiago")


@tagged("post_install", "-at_install")
class TestBusinessTimeCalendars(SlaCommon):
    """Deadlines on 002's calendars, on an evening shift, across Chile's
    daylight-saving changes and far past the first planned window."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.alto = cls.env["helpdesk.priority.level"].create(
            {"name": "Alto", "code": "T-ALTO", "ticket_priority": "3"}
        )

    def _policy(self, calendar, response, resolution):
        """A policy on ``calendar`` with one line for Alto; targets are
        (amount, unit) pairs."""
        return self.env["helpdesk.sla.policy"].create(
            {
                "name": f"Coacher {calendar.name}",
                "calendar_id": calendar.id,
                "line_ids": [
                    (
                        0,
                        0,
                        {
                            "level_id": self.alto.id,
                            "response_target": response[0],
                            "response_unit": response[1],
                            "resolution_target": resolution[0],
                            "resolution_unit": resolution[1],
                        },
                    )
                ],
            }
        )

    def _ticket(self, policy, start):
        return self.create_ticket(
            start, sla_policy_id=policy.id, priority_level_id=self.alto.id
        )

    def _coacher_calendar(self, xmlid):
        calendar = self.env.ref(f"helpdesk_priority_matrix.{xmlid}")
        calendar.tz = "America/Santiago"
        return calendar

    def assertSantiago(self, moment, *expected):
        self.assertLocal(moment, *expected, tz=SANTIAGO)

    def assertAgreesWithPlanHours(self, moment, calendar, start, hours):
        # plan_hours ends a 24:00 attendance a microsecond early.
        expected = calendar.plan_hours(hours, start, compute_leaves=True)
        self.assertAlmostEqual(
            moment, expected.replace(tzinfo=None), delta=timedelta(seconds=1)
        )

    def test_business_day_ending_with_a_short_friday_stays_on_friday(self):
        calendar = self._coacher_calendar("calendar_8x5")
        policy = self._policy(calendar, (3, "hours"), (1, "days"))
        ticket = self._ticket(policy, self.utc(2026, 11, 19, 17, 0, tz=SANTIAGO))
        # Thursday 17:00 plus one business day is Friday 17:00, after the
        # 8x5 Friday ends at 15:00: the deadline is that end, not Monday.
        self.assertSantiago(ticket.sla_resolution_deadline, 2026, 11, 20, 15, 0)
        self.assertSantiago(ticket.sla_response_deadline, 2026, 11, 20, 11, 0)
        self.assertLessEqual(ticket.sla_at_risk_date, ticket.sla_response_deadline)

    def test_pause_moves_a_business_day_target_past_the_weekend(self):
        calendar = self._coacher_calendar("calendar_8x5")
        policy = self._policy(calendar, (3, "hours"), (1, "days"))
        ticket = self._ticket(policy, self.utc(2026, 11, 19, 17, 0, tz=SANTIAGO))
        ticket.sla_paused_hours = 1.5
        self.assertSantiago(ticket.sla_resolution_deadline, 2026, 11, 23, 10, 30)

    def test_round_the_clock_across_the_april_change(self):
        calendar = self._coacher_calendar("calendar_24x7")
        policy = self._policy(calendar, (1, "days"), (24, "hours"))
        start = self.utc(2026, 4, 4, 12, 0, tz=SANTIAGO)
        ticket = self._ticket(policy, start)
        # 23:00-24:00 happens twice that night: 24 hours end at 11:00.
        self.assertEqual(ticket.sla_resolution_deadline, start + timedelta(hours=24))
        self.assertSantiago(ticket.sla_resolution_deadline, 2026, 4, 5, 11, 0)
        self.assertAgreesWithPlanHours(
            ticket.sla_resolution_deadline, calendar, start, 24
        )
        # A business day keeps the wall-clock time: 25 hours this time.
        self.assertSantiago(ticket.sla_response_deadline, 2026, 4, 5, 12, 0)

    def test_round_the_clock_across_the_september_change(self):
        calendar = self._coacher_calendar("calendar_24x7")
        policy = self._policy(calendar, (1, "days"), (24, "hours"))
        start = self.utc(2026, 9, 5, 12, 0, tz=SANTIAGO)
        ticket = self._ticket(policy, start)
        # Midnight becomes 01:00: 24 hours end at 13:00.
        self.assertEqual(ticket.sla_resolution_deadline, start + timedelta(hours=24))
        self.assertSantiago(ticket.sla_resolution_deadline, 2026, 9, 6, 13, 0)
        self.assertSantiago(ticket.sla_response_deadline, 2026, 9, 6, 12, 0)

    def test_waiting_across_the_april_change_counts_real_hours(self):
        calendar = self._coacher_calendar("calendar_24x7")
        policy = self._policy(calendar, (1, "days"), (48, "hours"))
        start = self.utc(2026, 4, 4, 12, 0, tz=SANTIAGO)
        with freeze_time(start):
            ticket = self._ticket(policy, start)
            ticket.stage_id = self.stage_awaiting
        # From Saturday 12:00 to Sunday 12:00 local: 25 hours went by.
        with freeze_time(self.utc(2026, 4, 5, 12, 0, tz=SANTIAGO)):
            ticket.stage_id = self.stage_progress
        self.assertAlmostEqual(ticket.sla_paused_hours, 25.0)
        self.assertEqual(
            ticket.sla_resolution_deadline, start + timedelta(hours=48 + 25)
        )

    def test_evening_shift_ending_at_midnight(self):
        calendar = self.env["resource.calendar"].create(
            {
                "name": "Turno vespertino",
                "tz": "America/Panama",
                "attendance_ids": [(5, 0, 0)]
                + [
                    (
                        0,
                        0,
                        {
                            "name": f"Turno {day}",
                            "dayofweek": str(day),
                            "hour_from": 16,
                            "hour_to": 24 if day < 4 else 22,
                            "day_period": "afternoon",
                        },
                    )
                    for day in range(5)
                ],
            }
        )
        policy = self._policy(calendar, (3, "hours"), (1, "days"))
        thursday = self._ticket(policy, self.utc(2026, 11, 19, 23, 0))
        # One hour until Thursday's midnight, two on Friday from 16:00.
        self.assertLocal(thursday.sla_response_deadline, 2026, 11, 20, 18, 0)
        self.assertAgreesWithPlanHours(
            thursday.sla_response_deadline, calendar, self.utc(2026, 11, 19, 23), 3
        )
        # The shift ending at midnight gives Friday no extra business day.
        self.assertLocal(thursday.sla_resolution_deadline, 2026, 11, 20, 22, 0)
        friday = self._ticket(policy, self.utc(2026, 11, 20, 20, 0))
        self.assertLocal(friday.sla_resolution_deadline, 2026, 11, 23, 20, 0)

    def test_first_response_measured_past_the_first_planned_window(self):
        start = self.utc(2026, 1, 5, 9, 0)  # a Monday
        answered = self.utc(2026, 8, 3, 9, 0)  # thirty weeks later
        with freeze_time(start):
            ticket = self.create_ticket(start)
        with freeze_time(answered):
            ticket.with_user(self.agent).message_post(
                body="Disculpe la demora: el timbrado ya funciona.",
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
        self.assertEqual(ticket.sla_first_response_date, answered)
        # Thirty weeks of five 9-hour days, no public holiday in between.
        self.assertAlmostEqual(ticket.sla_first_response_hours, 30 * 5 * 9)
        expected = self.calendar.get_work_hours_count(
            pytz.utc.localize(start), pytz.utc.localize(answered)
        )
        self.assertAlmostEqual(ticket.sla_first_response_hours, expected)
