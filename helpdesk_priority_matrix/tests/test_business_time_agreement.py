import random
from datetime import datetime, timedelta

import pytz

from odoo.tests import TransactionCase, tagged

SHIPPED_CALENDARS = [
    "calendar_mon_fri_9_18",
    "calendar_mon_fri_0830_1730",
    "calendar_8x5",
    "calendar_12x5",
    "calendar_24x7",
    "calendar_mon_fri_9_17",
]
# America/Santiago leaves daylight-saving time on 2026-04-05 at 03:00 UTC
# and enters it on 2026-09-06 at 04:00 UTC.
SANTIAGO_CHANGES = [datetime(2026, 4, 5, 3), datetime(2026, 9, 6, 4)]


@tagged("post_install", "-at_install")
class TestBusinessTimeAgreement(TransactionCase):
    """The pure-Python engine gives the deadlines that
    ``resource.calendar.plan_hours`` gives on the same calendar."""

    def _planner(self, calendar):
        ticket_model = self.env["helpdesk.ticket"]
        policy = self.env["helpdesk.sla.policy"].new({"calendar_id": calendar.id})
        ticket = ticket_model.new({"sla_policy_id": policy.id})
        return ticket._sla_planner(), ticket._sla_key()

    def test_engine_agrees_with_plan_hours(self):
        rng = random.Random(20261122)
        base = datetime(2026, 11, 16)
        for xmlid in SHIPPED_CALENDARS:
            calendar = self.env.ref(f"helpdesk_priority_matrix.{xmlid}")
            for tz in ("America/Panama", "America/Santiago"):
                calendar.tz = tz
                self.env["resource.calendar.leaves"].create(
                    {
                        "name": "Feriado",
                        "calendar_id": calendar.id,
                        "date_from": base + timedelta(days=3),
                        "date_to": base + timedelta(days=4),
                    }
                )
                planner, key = self._planner(calendar)
                for _sample in range(40):
                    start = base + timedelta(minutes=rng.randrange(0, 14 * 24 * 60))
                    hours = rng.choice([0.25, 0.5, 0.75, 1, 3, 4, 8, 9, 24, 36])
                    expected = calendar.plan_hours(hours, start, compute_leaves=True)
                    planned = planner.deadline(
                        key, start, ("hours", timedelta(hours=hours))
                    )
                    with self.subTest(calendar=xmlid, tz=tz, start=start, hours=hours):
                        self.assertAlmostEqual(
                            planned,
                            expected.replace(tzinfo=None),
                            delta=timedelta(seconds=1),
                        )

    def test_engine_agrees_with_plan_hours_across_daylight_saving_changes(self):
        rng = random.Random(20260405)
        for xmlid in ("calendar_24x7", "calendar_8x5", "calendar_12x5"):
            calendar = self.env.ref(f"helpdesk_priority_matrix.{xmlid}")
            calendar.tz = "America/Santiago"
            planner, key = self._planner(calendar)
            for change in SANTIAGO_CHANGES:
                for _sample in range(30):
                    start = change - timedelta(minutes=rng.randrange(0, 4 * 24 * 60))
                    hours = rng.choice([0.5, 1, 3, 8, 12, 24, 25, 36, 48])
                    expected = calendar.plan_hours(hours, start, compute_leaves=True)
                    planned = planner.deadline(
                        key, start, ("hours", timedelta(hours=hours))
                    )
                    with self.subTest(calendar=xmlid, start=start, hours=hours):
                        self.assertAlmostEqual(
                            planned,
                            expected.replace(tzinfo=None),
                            delta=timedelta(seconds=1),
                        )

    def test_measured_time_agrees_with_work_hours_count_across_changes(self):
        rng = random.Random(20260906)
        for xmlid in ("calendar_24x7", "calendar_8x5"):
            calendar = self.env.ref(f"helpdesk_priority_matrix.{xmlid}")
            calendar.tz = "America/Santiago"
            planner, key = self._planner(calendar)
            for change in SANTIAGO_CHANGES:
                for _sample in range(20):
                    start = change - timedelta(minutes=rng.randrange(0, 3 * 24 * 60))
                    end = start + timedelta(minutes=rng.randrange(0, 6 * 24 * 60))
                    expected = calendar.get_work_hours_count(
                        pytz.utc.localize(start), pytz.utc.localize(end)
                    )
                    measured = planner.working_time(key, start, end)
                    with self.subTest(calendar=xmlid, start=start, end=end):
                        self.assertAlmostEqual(
                            measured.total_seconds() / 3600, expected, places=3
                        )
