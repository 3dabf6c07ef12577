from datetime import datetime, timedelta

import pytest
from business_time import WorkSchedule, deadline
from hypothesis import given, settings
from hypothesis import strategies as st

MINUTE = timedelta(minutes=1)
ORIGIN = datetime(2026, 11, 16)  # a Monday
HORIZON = 4 * 24 * 60  # minutes in the random windows


def at(day, hour, minute=0):
    """Moment of the week starting Monday 16 November 2026 (day 0)."""
    return ORIGIN + timedelta(days=day, hours=hour, minutes=minute)


def weekly(blocks, weeks=3):
    """Intervals repeating every week: blocks of (weekday, from_h, to_h)."""
    return [
        (
            at(7 * week + day, 0) + timedelta(hours=a),
            at(7 * week + day, 0) + timedelta(hours=b),
        )
        for week in range(weeks)
        for day, a, b in blocks
    ]


MON_FRI_0830_1730 = weekly([(day, 8.5, 17.5) for day in range(5)])
COACHER_8X5 = weekly(
    [(day, 9, 14) for day in range(4)]
    + [(day, 15, 18) for day in range(4)]
    + [(4, 9, 15)]
)


# ----------------------------------------------------------------------
# Brute force: walk minute by minute
# ----------------------------------------------------------------------


def minute_set(intervals):
    minutes = set()
    for start, end in intervals:
        cursor = start
        while cursor < end:
            minutes.add(cursor)
            cursor += MINUTE
    return minutes


def walk_add(minutes, start, duration):
    if duration == timedelta(0):
        cursor = start
        for _step in range(HORIZON * 2):
            if cursor in minutes:
                return cursor
            cursor += MINUTE
        return None
    left = duration
    cursor = start
    for _step in range(HORIZON * 2):
        if cursor in minutes:
            left -= MINUTE
            if left == timedelta(0):
                return cursor + MINUTE
        cursor += MINUTE
    return None


def walk_between(minutes, start, end):
    return MINUTE * sum(1 for minute in minutes if start <= minute < end)


minute_offsets = st.integers(min_value=0, max_value=HORIZON)
random_intervals = st.lists(
    st.tuples(minute_offsets, st.integers(min_value=0, max_value=600)).map(
        lambda pair: (
            ORIGIN + pair[0] * MINUTE,
            ORIGIN + (pair[0] + pair[1]) * MINUTE,
        )
    ),
    max_size=8,
)
moments = minute_offsets.map(lambda offset: ORIGIN + offset * MINUTE)
durations = st.integers(min_value=0, max_value=900).map(lambda m: m * MINUTE)

fast = settings(max_examples=200, deadline=None)


@fast
@given(random_intervals, moments, durations)
def test_add_working_time_matches_minute_walker(intervals, start, duration):
    schedule = WorkSchedule(intervals)
    assert schedule.add_working_time(start, duration) == walk_add(
        minute_set(intervals), start, duration
    )


@fast
@given(random_intervals, moments, moments)
def test_working_time_between_matches_minute_walker(intervals, start, end):
    schedule = WorkSchedule(intervals)
    expected = walk_between(minute_set(intervals), start, end)
    assert schedule.working_time_between(start, end) == expected


@fast
@given(random_intervals, moments)
def test_next_working_moment_matches_minute_walker(intervals, start):
    schedule = WorkSchedule(intervals)
    assert schedule.next_working_moment(start) == walk_add(
        minute_set(intervals), start, timedelta(0)
    )


@fast
@given(random_intervals, random_intervals, moments, moments)
def test_subtract_removes_exactly_the_windows(intervals, windows, start, end):
    remaining = WorkSchedule(intervals).subtract(windows)
    expected = minute_set(intervals) - minute_set(windows)
    assert remaining.working_time_between(start, end) == walk_between(
        expected, start, end
    )


@fast
@given(random_intervals, moments, durations)
def test_adding_then_measuring_gives_the_duration_back(intervals, start, duration):
    schedule = WorkSchedule(intervals)
    end = schedule.add_working_time(start, duration)
    if end is not None:
        assert schedule.working_time_between(start, end) == duration


@fast
@given(random_intervals, moments, durations, durations)
def test_deadlines_grow_with_the_duration(intervals, start, shorter, longer):
    shorter, longer = sorted((shorter, longer))
    schedule = WorkSchedule(intervals)
    early = schedule.add_working_time(start, shorter)
    late = schedule.add_working_time(start, longer)
    if early is not None and late is not None:
        assert early <= late


def walk_days(intervals, start, days):
    """Business days by the rule of the engine, from the minute set."""
    minutes = minute_set(intervals)
    begin = walk_add(minutes, start, timedelta(0))
    if begin is None:
        return None
    dates = sorted({minute.date() for minute in minutes})
    position = dates.index(begin.date()) + days
    if position >= len(dates):
        return None
    target = dates[position]
    same_time = datetime.combine(target, begin.time())
    later = sorted(m for m in minutes if m.date() == target and m >= same_time)
    if later:
        return later[0]
    day_end = max(m for m in minutes if m.date() == target) + MINUTE
    return None if day_end == max(minutes) + MINUTE else day_end


@fast
@given(random_intervals, moments, st.integers(min_value=0, max_value=3))
def test_add_working_days_matches_minute_walker(intervals, start, days):
    schedule = WorkSchedule(intervals)
    expected = walk_days(intervals, start, days)
    assert schedule.add_working_days(start, days) == expected


# ----------------------------------------------------------------------
# The policies' numbers
# ----------------------------------------------------------------------


def test_p1_friday_evening_answers_monday_0845():
    schedule = WorkSchedule(MON_FRI_0830_1730)
    assert schedule.add_working_time(at(4, 17, 15), timedelta(minutes=30)) == at(
        7, 8, 45
    )


def test_holiday_on_monday_moves_to_tuesday_0845():
    schedule = WorkSchedule(MON_FRI_0830_1730).subtract([(at(7, 0), at(8, 0))])
    assert schedule.add_working_time(at(4, 17, 15), timedelta(minutes=30)) == at(
        8, 8, 45
    )


def test_coacher_8x5_thursday_17_plus_3h_is_friday_11():
    schedule = WorkSchedule(COACHER_8X5)
    assert schedule.add_working_time(at(3, 17), timedelta(hours=3)) == at(4, 11)


def test_lunch_break_is_not_business_time():
    schedule = WorkSchedule(COACHER_8X5)
    assert schedule.add_working_time(at(0, 13), timedelta(hours=2)) == at(0, 16)


def test_created_on_saturday_starts_monday():
    schedule = WorkSchedule(MON_FRI_0830_1730)
    assert schedule.next_working_moment(at(5, 10)) == at(7, 8, 30)
    assert schedule.add_working_time(at(5, 10), timedelta(hours=1)) == at(7, 9, 30)


def test_deadline_exactly_at_closing_time_stays_that_day():
    schedule = WorkSchedule(MON_FRI_0830_1730)
    assert schedule.add_working_time(at(4, 17), timedelta(minutes=30)) == at(4, 17, 30)


def test_three_business_days_from_tuesday():
    schedule = WorkSchedule(MON_FRI_0830_1730)
    assert schedule.add_working_days(at(1, 10), 3) == at(4, 10)


def test_five_business_days_from_friday_afternoon():
    schedule = WorkSchedule(MON_FRI_0830_1730)
    assert schedule.add_working_days(at(4, 16), 5) == at(11, 16)


def test_business_days_on_a_short_friday_end_with_the_day():
    schedule = WorkSchedule(COACHER_8X5)
    assert schedule.add_working_days(at(3, 17), 1) == at(4, 15)


def test_round_the_clock_calendar_counts_every_date():
    schedule = WorkSchedule(weekly([(day, 0, 24) for day in range(7)]))
    assert len(schedule.intervals) == 1
    assert schedule.add_working_days(at(2, 10), 3) == at(5, 10)


def test_business_days_at_the_end_of_the_window_ask_for_a_wider_one():
    schedule = WorkSchedule(COACHER_8X5)
    assert schedule.add_working_days(at(14, 10), 4) == at(18, 10)
    assert schedule.add_working_days(at(17, 17), 1) is None


def test_two_paused_business_hours_move_the_deadline_two_hours():
    schedule = WorkSchedule(MON_FRI_0830_1730)
    paused = schedule.working_time_between(at(0, 16, 30), at(1, 9, 30))
    assert paused == timedelta(hours=2)
    start = at(0, 9)
    base = schedule.add_working_time(start, timedelta(hours=24))
    moved = schedule.add_working_time(start, timedelta(hours=24) + paused)
    assert schedule.working_time_between(base, moved) == timedelta(hours=2)


def test_window_too_short_answers_none():
    schedule = WorkSchedule(MON_FRI_0830_1730)
    assert schedule.add_working_time(at(20, 9), timedelta(hours=100)) is None


def test_deadline_helper_takes_hours_or_days():
    schedule = WorkSchedule(MON_FRI_0830_1730)
    assert deadline(schedule, at(1, 10), hours=4) == at(1, 14)
    assert deadline(schedule, at(1, 10), days=3) == at(4, 10)
    with pytest.raises(ValueError):
        deadline(schedule, at(1, 10))


def test_bad_input_is_refused():
    with pytest.raises(ValueError):
        WorkSchedule([(at(0, 10), at(0, 9))])
    with pytest.raises(ValueError):
        WorkSchedule(MON_FRI_0830_1730).add_working_time(at(0, 9), -MINUTE)


def test_overlapping_and_empty_intervals_are_merged():
    schedule = WorkSchedule(
        [(at(0, 9), at(0, 12)), (at(0, 11), at(0, 13)), (at(0, 14), at(0, 14))]
    )
    assert schedule.intervals == ((at(0, 9), at(0, 13)),)
    assert schedule.working_time_in_windows(
        [(at(0, 8), at(0, 10)), (at(0, 9), at(0, 11))]
    ) == timedelta(hours=2)
