from datetime import date, datetime, time, timedelta, timezone
from itertools import pairwise
from zoneinfo import ZoneInfo

import pytest
from business_time import WorkSchedule, merge_intervals
from hypothesis import example, given
from hypothesis import strategies as st

UTC = timezone.utc
SANTIAGO = ZoneInfo("America/Santiago")
MINUTE = timedelta(minutes=1)
HOUR = timedelta(hours=1)
ORIGIN = datetime(2026, 11, 16)  # a Monday
HORIZON = 4 * 24 * 60  # minutes covered by the random schedules
# Santiago leaves daylight-saving time at 2026-04-05 03:00 UTC (midnight
# becomes 23:00 the day before) and enters it at 2026-09-06 04:00 UTC
# (midnight becomes 01:00).
DST_ORIGINS = [datetime(2026, 4, 3), datetime(2026, 9, 4)]


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


def local(moment, tz):
    return moment.replace(tzinfo=UTC).astimezone(tz).replace(tzinfo=None)


def instant(wall_clock, tz):
    return wall_clock.replace(tzinfo=tz).astimezone(UTC).replace(tzinfo=None)


def santiago(*args):
    """The UTC instant of a Santiago wall-clock time."""
    return instant(datetime(*args), SANTIAGO)


def santiago_daily(first, last, from_h, to_h, weekdays=range(7)):
    """UTC intervals of the same Santiago wall-clock hours every day."""
    intervals = []
    day = first
    while day <= last:
        if day.weekday() in weekdays:
            midnight = datetime.combine(day, time.min)
            intervals.append(
                (
                    instant(midnight + timedelta(hours=from_h), SANTIAGO),
                    instant(midnight + timedelta(hours=to_h), SANTIAGO),
                )
            )
        day += timedelta(days=1)
    return intervals


MON_FRI_0830_1730 = weekly([(day, 8.5, 17.5) for day in range(5)])
EIGHT_BY_FIVE = weekly(
    [(day, 9, 14) for day in range(4)]
    + [(day, 15, 18) for day in range(4)]
    + [(4, 9, 15)]
)
ROUND_THE_CLOCK = weekly([(day, 0, 24) for day in range(7)])
# An evening shift: Monday to Thursday 16:00-24:00, Friday 16:00-22:00.
EVENING_SHIFT = weekly([(day, 16, 24) for day in range(4)] + [(4, 16, 22)])


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
        at_work_or_closing = start in minutes or start - MINUTE in minutes
        return start if at_work_or_closing else walk_next(minutes, start)
    left = duration
    for minute in sorted(m for m in minutes if m >= start):
        left -= MINUTE
        if left == timedelta(0):
            return minute + MINUTE
    return None


def walk_between(minutes, start, end):
    return MINUTE * sum(1 for minute in minutes if start <= minute < end)


def walk_days(minutes, start, days, tz=UTC):
    begin = walk_next(minutes, start)
    if begin is None:
        return None
    date_of = {minute: local(minute, tz).date() for minute in minutes}
    dates = sorted(set(date_of.values()))
    position = dates.index(date_of[begin]) + days
    if position >= len(dates):
        return None
    target = dates[position]
    on_target = [minute for minute in minutes if date_of[minute] == target]
    same_time = instant(datetime.combine(target, local(begin, tz).time()), tz)
    later = [minute for minute in on_target if minute >= same_time]
    if later:
        return min(later)
    day_end = max(on_target) + MINUTE
    return None if day_end == max(minutes) + MINUTE else day_end


def intervals_from(origin, longest=600):
    offsets = st.integers(min_value=0, max_value=HORIZON)
    lengths = st.integers(min_value=0, max_value=longest)
    return st.lists(
        st.tuples(offsets, lengths).map(
            lambda pair: (origin + pair[0] * MINUTE, origin + sum(pair) * MINUTE)
        ),
        max_size=8,
    )


random_intervals = intervals_from(ORIGIN)
moments = st.integers(min_value=0, max_value=HORIZON).map(
    lambda offset: ORIGIN + offset * MINUTE
)
durations = st.integers(min_value=0, max_value=900).map(lambda count: count * MINUTE)
day_counts = st.integers(min_value=0, max_value=3)
dst_cases = st.sampled_from(DST_ORIGINS).flatmap(
    lambda origin: st.tuples(
        intervals_from(origin, longest=1800),
        st.integers(min_value=0, max_value=HORIZON).map(
            lambda offset: origin + offset * MINUTE
        ),
    )
)

# Fixed boundary examples, tried on every run before the random ones.
DAY_SHIFT = [(at(0, 9), at(0, 17)), (at(1, 9), at(1, 17))]
TO_MIDNIGHT = [(at(0, 16), at(1, 0)), (at(3, 16), at(4, 0))]
APRIL_ROUND_THE_CLOCK = santiago_daily(date(2026, 4, 3), date(2026, 4, 6), 0, 24)
SEPTEMBER_EVENINGS = santiago_daily(date(2026, 9, 4), date(2026, 9, 7), 16, 24)


@given(random_intervals)
@example(DAY_SHIFT + TO_MIDNIGHT)
def test_merged_intervals_are_sorted_disjoint_and_cover_the_same_minutes(intervals):
    merged = merge_intervals(intervals)
    assert all(start < end for start, end in merged)
    assert all(a_end < b_start for (_a, a_end), (b_start, _b) in pairwise(merged))
    assert minute_set(merged) == minute_set(intervals)
    assert merge_intervals(reversed(intervals)) == merged


@given(random_intervals, moments)
@example(DAY_SHIFT, at(0, 17))  # closing time is not working time
@example(DAY_SHIFT, at(0, 9))  # opening time is
@example(TO_MIDNIGHT, at(1, 0))  # nor is the midnight a shift ends at
def test_is_working_matches_minute_walker(intervals, moment):
    assert WorkSchedule(intervals).is_working(moment) == (
        moment in minute_set(intervals)
    )


@given(random_intervals, moments)
@example(DAY_SHIFT, at(0, 17))
@example(TO_MIDNIGHT, at(1, 0))
@example(DAY_SHIFT, at(1, 17))  # after the last interval
def test_next_working_moment_matches_minute_walker(intervals, start):
    schedule = WorkSchedule(intervals)
    assert schedule.next_working_moment(start) == walk_next(
        minute_set(intervals), start
    )


@given(random_intervals, moments, moments)
@example(TO_MIDNIGHT, at(0, 23), at(1, 0))
@example(TO_MIDNIGHT, at(0, 23), at(3, 17))
@example(DAY_SHIFT, at(0, 17), at(1, 9))
def test_working_time_between_matches_minute_walker(intervals, start, end):
    schedule = WorkSchedule(intervals)
    expected = walk_between(minute_set(intervals), start, end)
    assert schedule.working_time_between(start, end) == expected


@given(random_intervals, moments, durations)
@example(DAY_SHIFT, at(0, 17), timedelta(0))  # zero at closing time stays
@example(DAY_SHIFT, at(0, 16), HOUR)  # runs out exactly at closing
@example(DAY_SHIFT, at(0, 9), timedelta(0))  # zero at opening
@example(DAY_SHIFT, at(0, 18), timedelta(0))  # zero after closing
@example(DAY_SHIFT, at(0, 16), 2 * HOUR)
@example(TO_MIDNIGHT, at(1, 0), timedelta(0))  # zero at midnight stays
@example(TO_MIDNIGHT, at(0, 23), HOUR)  # runs out at midnight
@example(TO_MIDNIGHT, at(0, 23), 2 * HOUR)
def test_add_working_time_matches_minute_walker(intervals, start, duration):
    schedule = WorkSchedule(intervals)
    expected = walk_add(minute_set(intervals), start, duration)
    assert schedule.add_working_time(start, duration) == expected


@given(random_intervals, moments, day_counts)
@example(TO_MIDNIGHT, at(0, 20), 1)
@example(TO_MIDNIGHT, at(0, 23, 30), 0)
@example(DAY_SHIFT, at(0, 17), 0)
@example(DAY_SHIFT + [(at(2, 9), at(2, 12))], at(1, 16), 1)  # short last day
@example(DAY_SHIFT + [(at(2, 9), at(2, 12)), (at(3, 9), at(3, 10))], at(1, 16), 1)
def test_add_working_days_matches_minute_walker(intervals, start, days):
    schedule = WorkSchedule(intervals)
    expected = walk_days(minute_set(intervals), start, days)
    assert schedule.add_working_days(start, days) == expected


@given(dst_cases, day_counts)
@example((APRIL_ROUND_THE_CLOCK, santiago(2026, 4, 4, 12)), 1)
@example((SEPTEMBER_EVENINGS, santiago(2026, 9, 5, 20)), 1)
def test_business_days_count_local_dates_across_daylight_saving(case, days):
    intervals, start = case
    schedule = WorkSchedule(intervals, SANTIAGO)
    expected = walk_days(minute_set(intervals), start, days, SANTIAGO)
    assert schedule.add_working_days(start, days) == expected


@given(dst_cases, durations)
def test_business_hours_are_real_time_across_daylight_saving(case, duration):
    intervals, start = case
    schedule = WorkSchedule(intervals, SANTIAGO)
    expected = walk_add(minute_set(intervals), start, duration)
    assert schedule.add_working_time(start, duration) == expected


@given(random_intervals, random_intervals, moments, moments)
def test_subtract_removes_exactly_the_windows(intervals, windows, start, end):
    remaining = WorkSchedule(intervals).subtract(windows)
    expected = minute_set(intervals) - minute_set(windows)
    assert remaining.is_working(start) == (start in expected)
    assert remaining.next_working_moment(start) == walk_next(expected, start)
    assert remaining.working_time_between(start, end) == walk_between(
        expected, start, end
    )


@given(random_intervals, moments, durations)
def test_adding_then_measuring_gives_the_duration_back(intervals, start, duration):
    schedule = WorkSchedule(intervals)
    end = schedule.add_working_time(start, duration)
    if end is not None:
        assert schedule.working_time_between(start, end) == duration


@given(random_intervals, moments, durations, durations)
def test_deadlines_grow_with_the_duration(intervals, start, first, second):
    shorter, longer = sorted((first, second))
    schedule = WorkSchedule(intervals)
    early = schedule.add_working_time(start, shorter)
    late = schedule.add_working_time(start, longer)
    if late is not None:
        assert early is not None
        assert early <= late


@given(random_intervals, moments, moments, durations)
def test_deadlines_grow_with_the_start(intervals, first, second, duration):
    earlier, later = sorted((first, second))
    schedule = WorkSchedule(intervals)
    early = schedule.add_working_time(earlier, duration)
    late = schedule.add_working_time(later, duration)
    if late is not None:
        assert early is not None
        assert early <= late


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


def test_zero_business_time_from_closing_time_stays_at_closing_time():
    schedule = WorkSchedule(EIGHT_BY_FIVE)
    assert schedule.add_working_time(at(4, 15), timedelta(0)) == at(4, 15)
    assert schedule.add_working_time(at(0, 14), timedelta(0)) == at(0, 14)
    assert schedule.add_working_time(at(4, 16), timedelta(0)) == at(7, 9)
    assert schedule.add_working_time(at(5, 0), timedelta(0)) == at(7, 9)


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
    day_deadline = schedule.add_working_days(at(3, 17), 1)
    assert day_deadline == at(4, 15)
    # No pause: the deadline stays at the end of the short Friday.
    assert schedule.add_working_time(day_deadline, timedelta(0)) == at(4, 15)
    assert schedule.add_working_time(day_deadline, HOUR) == at(7, 10)


def test_business_day_in_the_lunch_break_is_its_end():
    schedule = WorkSchedule(EIGHT_BY_FIVE)
    assert schedule.add_working_days(at(0, 13, 59), 1) == at(1, 13, 59)
    # The clock started at 15:00 for a ticket created during lunch.
    assert schedule.add_working_days(at(0, 14, 30), 1) == at(1, 15)


def test_round_the_clock_calendar_counts_every_date():
    schedule = WorkSchedule(ROUND_THE_CLOCK)
    assert schedule.next_working_moment(at(5, 0)) == at(5, 0)
    assert schedule.working_time_between(at(0, 0), at(7, 0)) == timedelta(days=7)
    assert schedule.add_working_days(at(2, 10), 3) == at(5, 10)
    assert schedule.add_working_time(at(4, 22), timedelta(hours=4)) == at(5, 2)


def test_evening_shift_ending_at_midnight_has_no_work_on_the_next_date():
    schedule = WorkSchedule(EVENING_SHIFT)
    assert not schedule.is_working(at(1, 0))
    assert schedule.is_working(at(0, 23, 59))
    assert schedule.add_working_time(at(0, 23), HOUR) == at(1, 0)
    assert schedule.add_working_time(at(1, 0), timedelta(0)) == at(1, 0)
    assert schedule.add_working_time(at(0, 23), 2 * HOUR) == at(1, 17)
    # Thursday's shift ends at Friday 00:00: Friday is the next business day.
    assert schedule.add_working_days(at(3, 20), 1) == at(4, 20)
    # Friday ends at 22:00, so one business day from Thursday 23:00 is then.
    assert schedule.add_working_days(at(3, 23), 1) == at(4, 22)
    # Friday's shift ends before midnight: Saturday is no business day.
    assert schedule.add_working_days(at(4, 20), 1) == at(7, 20)


def test_business_days_at_the_end_of_the_window_ask_for_a_wider_one():
    schedule = WorkSchedule(EIGHT_BY_FIVE)
    assert schedule.add_working_days(at(14, 10), 4) == at(18, 10)
    assert schedule.add_working_days(at(17, 17), 1) is None
    assert schedule.add_working_days(at(14, 10), 5) is None
    assert schedule.add_working_days(at(19, 10), 0) is None


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


def test_force_majeure_window_keeps_the_time_zone():
    days = santiago_daily(date(2026, 4, 2), date(2026, 4, 7), 9, 18, range(5))
    schedule = WorkSchedule(days, SANTIAGO).subtract(
        [(santiago(2026, 4, 3, 0), santiago(2026, 4, 4, 0))]
    )
    assert schedule.add_working_days(santiago(2026, 4, 2, 10), 1) == santiago(
        2026, 4, 6, 10
    )


def test_window_too_short_answers_none():
    schedule = WorkSchedule(MON_FRI_0830_1730)
    assert schedule.add_working_time(at(18, 9), timedelta(hours=100)) is None
    assert schedule.next_working_moment(at(18, 18)) is None


def test_empty_schedule_has_no_working_time():
    schedule = WorkSchedule([])
    assert schedule.window_end is None
    assert schedule.working_time_between(at(0, 0), at(7, 0)) == timedelta(0)
    assert schedule.add_working_time(at(0, 9), MINUTE) is None
    assert schedule.add_working_time(at(0, 9), timedelta(0)) is None
    assert schedule.add_working_days(at(0, 9), 1) is None


def test_window_end_is_the_last_end():
    assert WorkSchedule(MON_FRI_0830_1730).window_end == at(18, 17, 30)


def test_bad_input_is_refused():
    schedule = WorkSchedule(MON_FRI_0830_1730)
    with pytest.raises(ValueError, match="ends before it starts"):
        WorkSchedule([(at(0, 10), at(0, 9))])
    with pytest.raises(ValueError, match="negative duration"):
        schedule.add_working_time(at(0, 9), -MINUTE)
    with pytest.raises(ValueError, match="negative number of days"):
        schedule.add_working_days(at(0, 9), -1)
    with pytest.raises(ValueError, match="ends before it starts"):
        schedule.subtract([(at(0, 12), at(0, 11))])


def test_overlapping_touching_and_empty_intervals_are_merged():
    merged = merge_intervals(
        [
            (at(0, 11), at(0, 13)),
            (at(0, 9), at(0, 12)),
            (at(0, 13), at(0, 14)),
            (at(0, 10), at(0, 11)),
            (at(0, 16), at(0, 16)),
        ]
    )
    assert merged == [(at(0, 9), at(0, 14))]


# ----------------------------------------------------------------------
# Daylight-saving changes: instants for durations, local dates for days
# ----------------------------------------------------------------------


def round_the_clock_in_santiago(first, last):
    return WorkSchedule(santiago_daily(first, last, 0, 24), SANTIAGO)


def test_the_april_change_makes_a_25_hour_day():
    schedule = round_the_clock_in_santiago(date(2026, 4, 1), date(2026, 4, 8))
    day = schedule.working_time_between(santiago(2026, 4, 4), santiago(2026, 4, 5))
    assert day == timedelta(hours=25)


def test_24_business_hours_across_the_april_change_end_an_hour_earlier():
    schedule = round_the_clock_in_santiago(date(2026, 4, 1), date(2026, 4, 8))
    start = santiago(2026, 4, 4, 12)
    deadline = schedule.add_working_time(start, timedelta(hours=24))
    assert deadline == start + timedelta(hours=24)
    assert local(deadline, SANTIAGO) == datetime(2026, 4, 5, 11)


def test_24_business_hours_across_the_september_change_end_an_hour_later():
    schedule = round_the_clock_in_santiago(date(2026, 9, 2), date(2026, 9, 9))
    start = santiago(2026, 9, 5, 12)
    deadline = schedule.add_working_time(start, timedelta(hours=24))
    assert deadline == start + timedelta(hours=24)
    assert local(deadline, SANTIAGO) == datetime(2026, 9, 6, 13)
    sunday = schedule.working_time_between(santiago(2026, 9, 6), santiago(2026, 9, 7))
    assert sunday == timedelta(hours=23)


def test_a_business_day_across_the_change_keeps_the_wall_clock_time():
    schedule = round_the_clock_in_santiago(date(2026, 4, 1), date(2026, 4, 8))
    assert schedule.add_working_days(santiago(2026, 4, 4, 12), 1) == santiago(
        2026, 4, 5, 12
    )
    schedule = round_the_clock_in_santiago(date(2026, 9, 2), date(2026, 9, 9))
    assert schedule.add_working_days(santiago(2026, 9, 5, 12), 2) == santiago(
        2026, 9, 7, 12
    )


def test_eight_by_five_in_santiago_across_the_april_change():
    mornings = santiago_daily(date(2026, 3, 30), date(2026, 4, 10), 9, 14, range(4))
    afternoons = santiago_daily(date(2026, 3, 30), date(2026, 4, 10), 15, 18, range(4))
    fridays = santiago_daily(date(2026, 3, 30), date(2026, 4, 10), 9, 15, [4])
    schedule = WorkSchedule(mornings + afternoons + fridays, SANTIAGO)
    thursday = santiago(2026, 4, 2, 17)
    assert schedule.add_working_days(thursday, 1) == santiago(2026, 4, 3, 15)
    assert schedule.add_working_days(thursday, 2) == santiago(2026, 4, 6, 17)
    assert schedule.add_working_time(thursday, timedelta(hours=8)) == santiago(
        2026, 4, 6, 10
    )


def test_an_evening_shift_ending_at_a_skipped_midnight():
    # Saturday 5 September's 24:00 does not exist: the clock jumps to 01:00.
    schedule = WorkSchedule(
        santiago_daily(date(2026, 9, 4), date(2026, 9, 8), 16, 24), SANTIAGO
    )
    saturday_end = datetime(2026, 9, 6, 4)  # UTC
    assert santiago(2026, 9, 5, 16) + timedelta(hours=8) == saturday_end
    assert schedule.add_working_time(santiago(2026, 9, 5, 23), HOUR) == saturday_end
    assert schedule.add_working_days(santiago(2026, 9, 5, 20), 1) == santiago(
        2026, 9, 6, 20
    )
