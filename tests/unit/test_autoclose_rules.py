"""Due dates of the waiting-on-the-client rules, on the business-time engine
of the foundation, without Odoo (004: reminder at 1, close at 2 business
days)."""

from datetime import datetime, timedelta

import autoclose_rules as rules
import pytest
from business_time import WorkSchedule

MONDAY = datetime(2026, 11, 16)
HOLIDAY = datetime(2026, 11, 23)  # the Monday after


def office_hours(weeks=3, holidays=(HOLIDAY,)):
    """Monday to Friday 08:30-17:30 from 16 November 2026, without holidays."""
    intervals = []
    for day in range(7 * weeks):
        date = MONDAY + timedelta(days=day)
        if date.weekday() < 5 and date not in holidays:
            intervals.append(
                (
                    date + timedelta(hours=8, minutes=30),
                    date + timedelta(hours=17, minutes=30),
                )
            )
    return WorkSchedule(intervals)


def at(day, hour, minute=0):
    return datetime(2026, 11, day, hour, minute)


@pytest.mark.parametrize(
    ("since", "reminder", "close"),
    [
        # 004: Thursday 16:00, Monday holiday -> Friday 16:00, Tuesday 16:00.
        (at(19, 16), at(20, 16), at(24, 16)),
        # Friday 10:00: Monday is a holiday, Tuesday and Wednesday count.
        (at(20, 10), at(24, 10), at(25, 10)),
        # Saturday: the clock starts on the next opening (Tuesday 08:30).
        (at(21, 11), at(25, 8, 30), at(26, 8, 30)),
        # After closing on Wednesday: counts from Thursday's opening.
        (at(18, 19), at(20, 8, 30), at(24, 8, 30)),
        # Exactly at closing time: no work left that day either.
        (at(17, 17, 30), at(19, 8, 30), at(20, 8, 30)),
    ],
)
def test_due_dates_in_business_days(since, reminder, close):
    assert rules.waiting_due_dates(office_hours(), since, 1, 2) == (reminder, close)


def test_without_the_holiday_it_closes_on_monday():
    schedule = office_hours(holidays=())
    assert rules.waiting_due_dates(schedule, at(19, 16), 1, 2) == (
        at(20, 16),
        at(23, 16),
    )


def test_one_business_day_is_the_shortest_close():
    assert rules.waiting_due_dates(office_hours(), at(19, 16), 0, 1) == (
        None,
        at(20, 16),
    )


@pytest.mark.parametrize("reminder_days", [0, 2, 3])
def test_no_reminder_unless_before_the_close(reminder_days):
    reminder, close = rules.waiting_due_dates(
        office_hours(), at(19, 16), reminder_days, 2
    )
    assert reminder is None
    assert close == at(24, 16)


def test_beyond_the_window_gives_none():
    schedule = office_hours(weeks=1, holidays=())
    assert rules.waiting_due_dates(schedule, at(19, 16), 1, 10) == (at(20, 16), None)


@pytest.mark.parametrize(
    ("reminder_days", "close_days", "message"),
    [
        (1, 0, "^a ticket closes after one business day at least: 0$"),
        (1, -1, "^a ticket closes after one business day at least: -1$"),
        (-1, 2, "^negative reminder delay: -1$"),
    ],
)
def test_bad_delays_are_refused(reminder_days, close_days, message):
    with pytest.raises(ValueError, match=message):
        rules.waiting_due_dates(office_hours(), at(19, 16), reminder_days, close_days)


@pytest.mark.parametrize(
    ("since", "hours", "due"),
    [
        (at(19, 16), 4, at(20, 11)),  # 1h30 on Thursday, 2h30 on Friday
        (at(20, 16), 2, at(24, 9)),  # over the weekend and the holiday
        (at(21, 10), 9, at(24, 17, 30)),  # a whole day from Tuesday's opening
        (at(19, 16), 1, at(19, 17)),  # the shortest delay in whole hours
        (at(19, 16), 0.5, at(19, 16, 30)),
    ],
)
def test_priority_drop_in_business_hours(since, hours, due):
    assert rules.priority_drop_due(office_hours(), since, hours) == due


@pytest.mark.parametrize("hours", [0, -2])
def test_priority_drop_needs_a_delay(hours):
    with pytest.raises(
        ValueError, match=f"^the priority drops after a positive delay: {hours}$"
    ):
        rules.priority_drop_due(office_hours(), at(19, 16), hours)


CLOSED = at(20, 16)


@pytest.mark.parametrize(
    ("policy", "replied", "reopen_days", "expected"),
    [
        (rules.NEW_TICKET, at(20, 17), 30, rules.NEW_TICKET),
        (rules.REOPEN, at(22, 16), 2, rules.REOPEN),
        (rules.REOPEN, at(22, 16, 1), 2, rules.NEW_TICKET),
        (rules.REOPEN, at(20, 16), 0, rules.REOPEN),
    ],
)
def test_reply_after_close(policy, replied, reopen_days, expected):
    assert rules.reply_after_close(policy, CLOSED, replied, reopen_days) == expected


def test_reply_after_close_unknown_policy():
    with pytest.raises(ValueError, match="^unknown reply-after-close policy: ignore$"):
        rules.reply_after_close("ignore", CLOSED, at(21, 9), 2)


@pytest.mark.parametrize(
    ("current", "expected"),
    [("P1", "P2"), ("P2", "P3"), ("P4", "P5"), ("P5", None), ("X", None)],
)
def test_lower_level(current, expected):
    assert rules.lower_level(["P1", "P2", "P3", "P4", "P5"], current) == expected
