from datetime import datetime, timedelta
from itertools import pairwise

import pytest
from business_time import WorkSchedule, deadline, merge_intervals
from hypothesis import given, settings
from hypothesis import strategies as st

MINUTE = timedelta(minutes=1)
ORIGIN = datetime(2026, 11, 16)  # a Monday
HORIZON = 4 * 24 * 60  # minutes covered by the random schedules


def at(day, hour, minute=0):
    """A moment of the weeks starting Monday 16 November 2026 (day 0)."""
    return ORIGIN + timedelta(days=day, hours=hour, minutes=minute)


def weekly(blocks, weeks=3):
    """Intervals repeating every week, from blocks of (weekday, from_h, to_h)."""
    return [
        (
            at(7 * week + day, 0) + timedelta(hours=a),
            at(7 * week + day, 0) + timedelta(hours=b),
        )
        for week in range(weeks)
        for day, a, b in blocks
    ]


MON_FRI_0830_1730 = weekly([(day, 8.5, 17.5) for day in range(5)])
EIGHT_BY_FIVE = weekly(
    [(day, 9, 14) for day in range(4)]
    + [(day, 15, 18) for day in range(4)]
    + [(4, 9, 15)]
)
ROUND_THE_CLOCK = weekly([(day, 0, 24) for day in range(7)])


# ----------------------------------------------------------------------
# Brute force: the rules restated minute by minute
# ----------------------------------------------------------------------


def minute_set(intervals):
    """Every working minute of the intervals, overlaps and all."""
    minutes = set()
    for start, end in intervals:
        cursor = start
        while cursor < end:
            minutes.add(cursor)
            cursor += MINUTE
    return minutes


def walk_next(minutes, start):
    later = [minute for minute in minutes if minute >= start]
    return min(later) if later else None


def walk_add(minutes, start, duration):
    if duration == timedelta(0):
        return walk_next(minutes, start)
    left = duration
    for minute in sorted(m for m in minutes if m >= start):
        left -= MINUTE
        if left == timedelta(0):
            return minute + MINUTE
    return None


def walk_between(minutes, start, end):
    return MINUTE * sum(1 for minute in minutes if start <= minute < end)


def walk_days(minutes, start, days):
    begin = walk_next(minutes, start)
    if begin is None:
        return None
    dates = sorted({minute.date() for minute in minutes})
    position = dates.index(begin.date()) + days
    if position >= len(dates):
        return None
    target = dates[position]
    on_target = [minute for minute in minutes if minute.date() == target]
    same_time = datetime.combine(target, begin.time())
    later = [minute for minute in on_target if minute >= same_time]
    if later:
        return min(later)
    day_end = max(on_target) + MINUTE
    return None if day_end == max(minutes) + MINUTE else day_end


minute_offsets = st.integers(min_value=0, max_value=HORIZON)
random_intervals = st.lists(
    st.tuples(minute_offsets, st.integers(min_value=0, max_value=600)).map(
        lambda pair: (ORIGIN + pair[0] * MINUTE, ORIGIN + (pair[0] + pair[1]) * MINUTE)
    ),
    max_size=8,
)
moments = minute_offsets.map(lambda offset: ORIGIN + offset * MINUTE)
durations = st.integers(min_value=0, max_value=900).map(lambda count: count * MINUTE)
day_counts = st.integers(min_value=0, max_value=3)

fast = settings(max_examples=200, deadline=None)


@fast
@given(random_intervals)
def test_merged_intervals_are_sorted_disjoint_and_cover_the_same_minutes(intervals):
    merged = merge_intervals(intervals)
    assert all(start < end for start, end in merged)
    assert all(a_end < b_start for (_a, a_end), (b_start, _b) in pairwise(merged))
    assert minute_set(merged) == minute_set(intervals)
    assert WorkSchedule(reversed(intervals)).intervals == tuple(merged)


@fast
@given(random_intervals, moments)
def test_is_working_matches_minute_walker(intervals, moment):
    assert WorkSchedule(intervals).is_working(moment) == (
        moment in minute_set(intervals)
    )


@fast
@given(random_intervals, moments)
def test_next_working_moment_matches_minute_walker(intervals, start):
    schedule = WorkSchedule(intervals)
    assert schedule.next_working_moment(start) == walk_next(
        minute_set(intervals), start
    )


@fast
@given(random_intervals, moments, moments)
def test_working_time_between_matches_minute_walker(intervals, start, end):
    schedule = WorkSchedule(intervals)
    expected = walk_between(minute_set(intervals), start, end)
    assert schedule.working_time_between(start, end) == expected


@fast
@given(random_intervals, moments, durations)
def test_add_working_time_matches_minute_walker(intervals, start, duration):
    schedule = WorkSchedule(intervals)
    expected = walk_add(minute_set(intervals), start, duration)
    assert schedule.add_working_time(start, duration) == expected


@fast
@given(random_intervals, moments, day_counts)
def test_add_working_days_matches_minute_walker(intervals, start, days):
    schedule = WorkSchedule(intervals)
    expected = walk_days(minute_set(intervals), start, days)
    assert schedule.add_working_days(start, days) == expected


@fast
@given(random_intervals, random_intervals, moments, moments)
def test_subtract_removes_exactly_the_windows(intervals, windows, start, end):
    remaining = WorkSchedule(intervals).subtract(windows)
    expected = minute_set(intervals) - minute_set(windows)
    assert minute_set(remaining.intervals) == expected
    assert remaining.working_time_between(start, end) == walk_between(
        expected, start, end
    )


@fast
@given(random_intervals, random_intervals)
def test_working_time_in_windows_counts_overlaps_once(intervals, windows):
    schedule = WorkSchedule(intervals)
    covered = minute_set(intervals) & minute_set(windows)
    assert schedule.working_time_in_windows(windows) == MINUTE * len(covered)


@fast
@given(random_intervals, moments, durations)
def test_adding_then_measuring_gives_the_duration_back(intervals, start, duration):
    schedule = WorkSchedule(intervals)
    end = schedule.add_working_time(start, duration)
    if end is not None:
        assert schedule.working_time_between(start, end) == duration


@fast
@given(random_intervals, moments, durations, durations)
def test_deadlines_grow_with_the_duration(intervals, start, first, second):
    shorter, longer = sorted((first, second))
    schedule = WorkSchedule(intervals)
    early = schedule.add_working_time(start, shorter)
    late = schedule.add_working_time(start, longer)
    if late is not None:
        assert early is not None
        assert early <= late


@fast
@given(random_intervals, moments, moments, durations)
def test_deadlines_grow_with_the_start(intervals, first, second, duration):
    earlier, later = sorted((first, second))
    schedule = WorkSchedule(intervals)
    early = schedule.add_working_time(earlier, duration)
    late = schedule.add_working_time(later, duration)
    if late is not None:
        assert early is not None
        assert early <= late


@fast
@given(random_intervals, moments, day_counts, day_counts)
def test_business_day_deadlines_grow_with_the_days(intervals, start, first, second):
    fewer, more = sorted((first, second))
    schedule = WorkSchedule(intervals)
    early = schedule.add_working_days(start, fewer)
    late = schedule.add_working_days(start, more)
    if early is not None and late is not None:
        assert early <= late


# ----------------------------------------------------------------------
# The policies' numbers
# ----------------------------------------------------------------------


def test_friday_evening_ticket_is_due_monday_0845():
    schedule = WorkSchedule(MON_FRI_0830_1730)
    assert schedule.add_working_time(at(4, 17, 15), 30 * MINUTE) == at(7, 8, 45)


def test_holiday_on_monday_moves_the_deadline_to_tuesday_0845():
    holiday = (at(7, 8, 30), at(7, 17, 30))
    schedule = WorkSchedule(i for i in MON_FRI_0830_1730 if i != holiday)
    assert schedule.add_working_time(at(4, 17, 15), 30 * MINUTE) == at(8, 8, 45)


def test_eight_by_five_thursday_17_plus_three_hours_is_friday_11():
    schedule = WorkSchedule(EIGHT_BY_FIVE)
    assert schedule.add_working_time(at(3, 17), timedelta(hours=3)) == at(4, 11)


def test_lunch_break_is_not_business_time():
    schedule = WorkSchedule(EIGHT_BY_FIVE)
    assert schedule.working_time_between(at(0, 13), at(0, 16)) == timedelta(hours=2)
    assert schedule.add_working_time(at(0, 13), timedelta(hours=2)) == at(0, 16)


def test_ticket_created_on_saturday_starts_monday_0830():
    schedule = WorkSchedule(MON_FRI_0830_1730)
    assert not schedule.is_working(at(5, 10))
    assert schedule.next_working_moment(at(5, 10)) == at(7, 8, 30)
    assert schedule.add_working_time(at(5, 10), timedelta(hours=1)) == at(7, 9, 30)


def test_deadline_exactly_at_closing_time_stays_that_day():
    schedule = WorkSchedule(MON_FRI_0830_1730)
    assert schedule.add_working_time(at(4, 17), 30 * MINUTE) == at(4, 17, 30)


def test_three_business_days_from_tuesday_10_is_friday_10():
    schedule = WorkSchedule(MON_FRI_0830_1730)
    assert schedule.add_working_days(at(1, 10), 3) == at(4, 10)


def test_five_business_days_from_friday_16_is_next_friday_16():
    schedule = WorkSchedule(MON_FRI_0830_1730)
    assert schedule.add_working_days(at(4, 16), 5) == at(11, 16)


def test_business_days_count_from_the_next_opening():
    schedule = WorkSchedule(MON_FRI_0830_1730)
    assert schedule.add_working_days(at(5, 11), 1) == at(8, 8, 30)
    assert schedule.add_working_days(at(1, 18), 0) == at(2, 8, 30)


def test_business_days_skip_a_holiday():
    schedule = WorkSchedule(MON_FRI_0830_1730).subtract([(at(3, 0), at(4, 0))])
    assert schedule.add_working_days(at(1, 10), 3) == at(7, 10)


def test_business_day_landing_off_work_moves_to_the_next_working_moment():
    schedule = WorkSchedule(MON_FRI_0830_1730).subtract([(at(2, 10), at(2, 12))])
    assert schedule.add_working_days(at(1, 10, 30), 1) == at(2, 12)


def test_business_day_on_a_short_friday_ends_with_the_day():
    schedule = WorkSchedule(EIGHT_BY_FIVE)
    assert schedule.add_working_days(at(3, 17), 1) == at(4, 15)


def test_round_the_clock_calendar_counts_every_date():
    schedule = WorkSchedule(ROUND_THE_CLOCK)
    assert len(schedule.intervals) == 1
    assert schedule.add_working_days(at(2, 10), 3) == at(5, 10)
    assert schedule.add_working_time(at(4, 22), timedelta(hours=4)) == at(5, 2)


def test_business_days_at_the_end_of_the_window_ask_for_a_wider_one():
    schedule = WorkSchedule(EIGHT_BY_FIVE)
    assert schedule.add_working_days(at(14, 10), 4) == at(18, 10)
    assert schedule.add_working_days(at(17, 17), 1) is None
    assert schedule.add_working_days(at(14, 10), 5) is None


def test_paused_business_hours_move_the_deadline_as_much():
    schedule = WorkSchedule(MON_FRI_0830_1730)
    paused = schedule.working_time_between(at(0, 16, 30), at(1, 9, 30))
    assert paused == timedelta(hours=2)
    target = timedelta(hours=8)
    assert schedule.add_working_time(at(0, 9), target) == at(0, 17)
    moved = schedule.add_working_time(at(0, 9), target + paused)
    assert moved == at(1, 10)
    assert schedule.working_time_between(at(0, 17), moved) == paused


def test_force_majeure_window_removes_time_from_the_schedule():
    schedule = WorkSchedule(MON_FRI_0830_1730)
    suspended = schedule.subtract([(at(1, 8), at(1, 12)), (at(1, 11), at(1, 13))])
    assert suspended.working_time_between(at(1, 0), at(2, 0)) == timedelta(
        hours=4, minutes=30
    )
    assert suspended.add_working_time(at(1, 8), timedelta(hours=1)) == at(1, 14)
    assert schedule.working_time_in_windows(
        [(at(1, 8), at(1, 12)), (at(1, 11), at(1, 13))]
    ) == (timedelta(hours=4, minutes=30))


def test_window_too_short_answers_none():
    schedule = WorkSchedule(MON_FRI_0830_1730)
    assert schedule.add_working_time(at(18, 9), timedelta(hours=100)) is None
    assert schedule.next_working_moment(at(18, 18)) is None


def test_empty_schedule_has_no_working_time():
    schedule = WorkSchedule([])
    assert schedule.intervals == ()
    assert schedule.window_start is None and schedule.window_end is None
    assert schedule.working_time_between(at(0, 0), at(7, 0)) == timedelta(0)
    assert schedule.add_working_time(at(0, 9), MINUTE) is None
    assert schedule.add_working_days(at(0, 9), 1) is None


def test_window_bounds_are_the_first_start_and_the_last_end():
    schedule = WorkSchedule(MON_FRI_0830_1730)
    assert schedule.window_start == at(0, 8, 30)
    assert schedule.window_end == at(18, 17, 30)


def test_deadline_helper_takes_hours_or_days():
    schedule = WorkSchedule(MON_FRI_0830_1730)
    assert deadline(schedule, at(1, 10), hours=4) == at(1, 14)
    assert deadline(schedule, at(1, 10), hours=0.25) == at(1, 10, 15)
    assert deadline(schedule, at(1, 10), days=3) == at(4, 10)
    with pytest.raises(ValueError):
        deadline(schedule, at(1, 10))
    with pytest.raises(ValueError):
        deadline(schedule, at(1, 10), hours=1, days=1)


def test_bad_input_is_refused():
    schedule = WorkSchedule(MON_FRI_0830_1730)
    with pytest.raises(ValueError):
        WorkSchedule([(at(0, 10), at(0, 9))])
    with pytest.raises(ValueError):
        schedule.add_working_time(at(0, 9), -MINUTE)
    with pytest.raises(ValueError):
        schedule.add_working_days(at(0, 9), -1)
    with pytest.raises(ValueError):
        schedule.subtract([(at(0, 12), at(0, 11))])


def test_overlapping_touching_and_empty_intervals_are_merged():
    schedule = WorkSchedule(
        [
            (at(0, 11), at(0, 13)),
            (at(0, 9), at(0, 12)),
            (at(0, 13), at(0, 14)),
            (at(0, 16), at(0, 16)),
        ]
    )
    assert schedule.intervals == ((at(0, 9), at(0, 14)),)
