from datetime import datetime, timedelta

import pytest
from business_time import WorkSchedule
from hypothesis import given
from hypothesis import strategies as st
from sla_planner import DEFAULT_HORIZON, MAX_HORIZON, SlaPlanner

HOUR = timedelta(hours=1)
DAY = timedelta(days=1)
THURSDAY = datetime(2026, 11, 19)
MONDAY = datetime(2026, 11, 23)
EIGHT_BY_FIVE = (
    [(day, 9, 14) for day in range(4)]
    + [(day, 15, 18) for day in range(4)]
    + [(4, 9, 15)]
)


class WeeklyCalendar:
    """What ``resource.calendar`` gives the planner: the working intervals
    of a weekly calendar over the requested range, cut to it. Counts the
    loads; ``closes`` is when the business stops working for good."""

    def __init__(self, blocks=EIGHT_BY_FIVE, closes=None):
        self.blocks = blocks
        self.closes = closes
        self.loads = []

    def __call__(self, key, date_from, date_to):
        self.loads.append((key, date_from, date_to))
        return WorkSchedule(self.intervals(date_from, date_to))

    def intervals(self, date_from, date_to):
        intervals = []
        day = datetime.combine(date_from.date(), datetime.min.time())
        while day < date_to:
            for weekday, from_h, to_h in self.blocks:
                if day.weekday() != weekday:
                    continue
                start = max(day + from_h * HOUR, date_from)
                end = min(day + to_h * HOUR, date_to)
                if self.closes:
                    end = min(end, self.closes)
                if start < end:
                    intervals.append((start, end))
            day += DAY
        return intervals

    def reach(self, start):
        """How far past ``start`` each load reached."""
        return [date_to - start for _key, _from, date_to in self.loads]


def at(day, hour, minute=0, origin=MONDAY):
    return origin + timedelta(days=day, hours=hour, minutes=minute)


# ----------------------------------------------------------------------
# Loading and widening the schedule
# ----------------------------------------------------------------------


def test_one_load_plans_a_batch_of_prepared_tickets():
    calendar = WeeklyCalendar()
    planner = SlaPlanner(calendar)
    starts = [at(day, 10) for day in range(10)]
    planner.prepare("8x5", starts + [None])
    deadlines = [
        planner.deadline("8x5", start, ("hours", 4 * HOUR)) for start in starts
    ]
    assert deadlines[0] == at(0, 14)
    assert len(calendar.loads) == 1
    assert calendar.loads[0] == ("8x5", starts[0], starts[-1] + DEFAULT_HORIZON)


def test_each_key_has_its_own_schedule():
    calendar = WeeklyCalendar()
    planner = SlaPlanner(calendar)
    planner.deadline("8x5", at(0, 10), ("hours", HOUR))
    planner.deadline("other", at(0, 10), ("hours", HOUR))
    planner.deadline("8x5", at(1, 10), ("hours", HOUR))
    assert [key for key, _from, _to in calendar.loads] == ["8x5", "other"]


def test_a_far_deadline_widens_the_schedule_doubling_its_reach():
    calendar = WeeklyCalendar()
    planner = SlaPlanner(calendar, horizon=10 * DAY)
    start = at(0, 9)
    # 38 business hours a week: 300 hours are eight weeks and a bit.
    deadline = planner.deadline("8x5", start, ("hours", 300 * HOUR))
    assert calendar.reach(start) == [10 * DAY, 20 * DAY, 40 * DAY, 80 * DAY]
    reference = WorkSchedule(calendar.intervals(start, start + 100 * DAY))
    assert deadline == reference.add_working_time(start, 300 * HOUR)


def test_a_calendar_without_more_work_gives_up_past_the_maximum_horizon():
    start = at(0, 9)
    calendar = WeeklyCalendar(closes=start + 5 * DAY)
    planner = SlaPlanner(calendar, horizon=100 * DAY)
    assert planner.deadline("8x5", start, ("hours", 100 * HOUR)) is None
    assert planner.deadline("8x5", start, ("days", 10)) is None
    assert calendar.reach(start) == [100 * DAY, 200 * DAY, 400 * DAY, 800 * DAY] + [
        MAX_HORIZON
    ]
    # Asking again does not load beyond it either.
    assert planner.at_risk("8x5", start, start + 4 * DAY, timedelta(0), 1) == (
        at(3, 18)
    )
    assert len(calendar.loads) == 5


def test_a_start_after_the_window_loads_one_that_also_keeps_the_earlier_range():
    calendar = WeeklyCalendar()
    planner = SlaPlanner(calendar)
    planner.prepare("8x5", [at(0, 10)])
    planner.deadline("8x5", at(0, 10), ("hours", HOUR))
    late = at(364, 10)
    assert planner.deadline("8x5", late, ("hours", HOUR)) == late + HOUR
    assert calendar.loads[-1] == ("8x5", at(0, 10), late + DEFAULT_HORIZON)
    planner.deadline("8x5", at(1, 10), ("hours", HOUR))
    assert len(calendar.loads) == 2


def test_a_start_before_the_window_loads_one_from_it():
    calendar = WeeklyCalendar()
    planner = SlaPlanner(calendar)
    planner.prepare("8x5", [at(7, 10)])
    early = at(0, 10)
    assert planner.deadline("8x5", early, ("hours", 6 * HOUR)) == at(0, 17)
    assert calendar.loads[-1][1] == early
    assert len(calendar.loads) == 1


@given(
    st.integers(min_value=0, max_value=60 * 24 * 4).map(
        lambda m: MONDAY + m * HOUR / 60
    ),
    st.one_of(
        st.integers(min_value=1, max_value=200).map(lambda h: ("hours", h * HOUR)),
        st.integers(min_value=0, max_value=30).map(lambda d: ("days", d)),
    ),
    st.integers(min_value=0, max_value=40).map(lambda h: h * HOUR),
)
def test_a_short_horizon_gives_the_deadlines_of_a_long_schedule(start, target, paused):
    calendar = WeeklyCalendar()
    planner = SlaPlanner(calendar, horizon=2 * DAY)
    reference = WorkSchedule(calendar.intervals(MONDAY, MONDAY + 200 * DAY))
    unit, amount = target
    if unit == "days":
        expected = reference.add_working_time(
            reference.add_working_days(start, amount), paused
        )
    else:
        expected = reference.add_working_time(start, amount + paused)
    assert planner.deadline("8x5", start, target, paused) == expected


# ----------------------------------------------------------------------
# Deadlines, pauses and at-risk moments
# ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "target", "paused", "deadline"),
    [
        # 002's 8x5: Thursday 17:00 plus three hours is Friday 11:00.
        (at(0, 17, origin=THURSDAY), ("hours", 3 * HOUR), 0, (1, 11)),
        # One business day from Thursday 17:00 ends with the short Friday and
        # stays there when no pause moves it;
        (at(0, 17, origin=THURSDAY), ("days", 1), 0, (1, 15)),
        # a pause moves it by business hours, over the weekend.
        (at(0, 17, origin=THURSDAY), ("days", 1), 1, (4, 10)),
        (at(0, 17, origin=THURSDAY), ("days", 1), 7, (4, 17)),
        # Days count from the next opening: Saturday counts from Monday.
        (at(2, 11, origin=THURSDAY), ("days", 2), 0, (6, 9)),
        (at(2, 11, origin=THURSDAY), ("days", 2), 2, (6, 11)),
        # Hours and pauses add up through the lunch break.
        (at(0, 12, origin=THURSDAY), ("hours", HOUR), 1.5, (0, 15, 30)),
    ],
)
def test_deadlines_with_pauses(start, target, paused, deadline):
    planner = SlaPlanner(WeeklyCalendar())
    expected = at(*deadline, origin=THURSDAY)
    assert planner.deadline("8x5", start, target, paused * HOUR) == expected


def test_default_pause_is_none():
    planner = SlaPlanner(WeeklyCalendar())
    assert planner.deadline("8x5", at(0, 17, origin=THURSDAY), ("days", 1)) == at(
        1, 15, origin=THURSDAY
    )


@pytest.mark.parametrize(
    ("deadline", "paused", "threshold", "at_risk"),
    [
        ((0, 18), 0, 0.75, (0, 16)),  # 6 of 8 hours, after lunch
        ((0, 18), 0, 1, (0, 18)),
        ((0, 18), 0, 0, (0, 9)),
        ((0, 18), 0, 0.5, (0, 13)),
        # Two paused hours moved the deadline; they are not time at risk.
        ((1, 11), 2, 0.75, (0, 18)),
        ((1, 11), 2, 0, (0, 11)),
    ],
)
def test_at_risk_moment_is_a_share_of_the_allowed_time(
    deadline, paused, threshold, at_risk
):
    planner = SlaPlanner(WeeklyCalendar())
    moment = planner.at_risk("8x5", at(0, 9), at(*deadline), paused * HOUR, threshold)
    assert moment == at(*at_risk)


def test_at_risk_of_a_business_day_target_on_a_short_friday():
    planner = SlaPlanner(WeeklyCalendar())
    start = at(0, 17, origin=THURSDAY)
    deadline = planner.deadline("8x5", start, ("days", 1))
    # Thursday 17:00-18:00 and Friday 09:00-15:00: 7 hours, half is 3h30.
    moment = planner.at_risk("8x5", start, deadline, timedelta(0), 0.5)
    assert moment == at(1, 11, 30, origin=THURSDAY)


def test_moments_are_rounded_to_the_second():
    planner = SlaPlanner(WeeklyCalendar())
    start = at(0, 9)
    moment = planner.at_risk("8x5", start, at(0, 10), timedelta(0), 1 / 3)
    assert moment == start + timedelta(seconds=1200)
    deadline = planner.deadline("8x5", start, ("hours", timedelta(seconds=0.6)))
    assert deadline == start + timedelta(seconds=1)
    deadline = planner.deadline("8x5", start, ("hours", timedelta(seconds=1.4)))
    assert deadline == start + timedelta(seconds=1)
    deadline = planner.deadline("8x5", start, ("hours", timedelta(seconds=0.5)))
    assert deadline == start + timedelta(seconds=1)
    just_under_half = timedelta(microseconds=499_999)
    assert planner.deadline("8x5", start, ("hours", just_under_half)) == start


# ----------------------------------------------------------------------
# Measured business time
# ----------------------------------------------------------------------


def test_working_time_between_two_moments():
    planner = SlaPlanner(WeeklyCalendar())
    assert planner.working_time("8x5", at(0, 13), at(0, 16)) == 2 * HOUR
    assert planner.working_time("8x5", at(0, 16), at(0, 13)) == timedelta(0)
    assert planner.working_time("8x5", at(0, 13), at(0, 13)) == timedelta(0)


def test_working_time_measured_past_the_first_window():
    calendar = WeeklyCalendar()
    planner = SlaPlanner(calendar, horizon=10 * DAY)
    planner.prepare("8x5", [at(0, 9)])
    # Twelve weeks of 38 business hours.
    spent = planner.working_time("8x5", at(0, 9), at(84, 9))
    assert spent == 12 * 38 * HOUR
    assert calendar.loads[-1][2] >= at(84, 9)
    assert {key for key, _from, _to in calendar.loads} == {"8x5"}


def test_working_time_within_the_window_loads_nothing_more():
    calendar = WeeklyCalendar()
    planner = SlaPlanner(calendar, horizon=5 * DAY)
    planner.deadline("8x5", at(0, 9), ("hours", HOUR))
    # The window ends on Saturday, after the last working interval.
    assert calendar.loads == [("8x5", at(0, 9), at(5, 9))]
    assert planner.working_time("8x5", at(0, 9), at(5, 9)) == 38 * HOUR
    assert planner.working_time("8x5", at(2, 9), at(2, 9)) == timedelta(0)
    assert len(calendar.loads) == 1


def test_nothing_to_measure_loads_nothing():
    calendar = WeeklyCalendar()
    planner = SlaPlanner(calendar)
    assert planner.working_time("8x5", at(0, 13), at(0, 13)) == timedelta(0)
    assert planner.working_time("8x5", at(0, 16), at(0, 13)) == timedelta(0)
    assert calendar.loads == []


def test_a_planner_without_horizon_widens_from_a_day():
    calendar = WeeklyCalendar()
    planner = SlaPlanner(calendar, horizon=timedelta(0))
    start = at(0, 9)
    assert planner.deadline("8x5", start, ("hours", 20 * HOUR)) == at(2, 13)
    assert calendar.reach(start) == [timedelta(0), DAY, 2 * DAY, 4 * DAY]


def test_working_time_of_a_calendar_without_work_is_zero():
    planner = SlaPlanner(WeeklyCalendar(blocks=[]))
    assert planner.working_time("none", at(0, 9), at(3, 9)) == timedelta(0)
    assert planner.deadline("none", at(0, 9), ("hours", HOUR)) is None
