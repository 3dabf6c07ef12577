"""Period, notice, bag and grace arithmetic of helpdesk_plans, as tables."""

from datetime import date, timedelta

import plan_periods as periods
import pytest


@pytest.mark.parametrize(
    ("anchor", "billing", "day", "expected"),
    [
        # 003: monthly plans, the quota resets every period.
        (
            date(2026, 7, 1),
            "monthly",
            date(2026, 7, 1),
            (date(2026, 7, 1), date(2026, 7, 31)),
        ),
        (
            date(2026, 7, 1),
            "monthly",
            date(2026, 7, 31),
            (date(2026, 7, 1), date(2026, 7, 31)),
        ),
        (
            date(2026, 7, 1),
            "monthly",
            date(2026, 8, 1),
            (date(2026, 8, 1), date(2026, 8, 31)),
        ),
        (
            date(2026, 7, 15),
            "monthly",
            date(2026, 8, 14),
            (date(2026, 7, 15), date(2026, 8, 14)),
        ),
        (
            date(2026, 7, 15),
            "monthly",
            date(2026, 8, 15),
            (date(2026, 8, 15), date(2026, 9, 14)),
        ),
        # Month ends: counted from the anchor, never chained.
        (
            date(2026, 1, 31),
            "monthly",
            date(2026, 2, 27),
            (date(2026, 1, 31), date(2026, 2, 27)),
        ),
        (
            date(2026, 1, 31),
            "monthly",
            date(2026, 2, 28),
            (date(2026, 2, 28), date(2026, 3, 30)),
        ),
        (
            date(2026, 1, 31),
            "monthly",
            date(2026, 3, 31),
            (date(2026, 3, 31), date(2026, 4, 29)),
        ),
        (
            date(2028, 1, 31),
            "monthly",
            date(2028, 2, 29),
            (date(2028, 2, 29), date(2028, 3, 30)),
        ),
        # Annual plans.
        (
            date(2026, 7, 1),
            "yearly",
            date(2027, 6, 30),
            (date(2026, 7, 1), date(2027, 6, 30)),
        ),
        (
            date(2026, 7, 1),
            "yearly",
            date(2027, 7, 1),
            (date(2027, 7, 1), date(2028, 6, 30)),
        ),
        (
            date(2028, 2, 29),
            "yearly",
            date(2029, 2, 28),
            (date(2029, 2, 28), date(2030, 2, 27)),
        ),
        # Late by several periods (a cron that did not run): still exact.
        (
            date(2026, 1, 10),
            "monthly",
            date(2026, 12, 9),
            (date(2026, 11, 10), date(2026, 12, 9)),
        ),
    ],
)
def test_period_containing(anchor, billing, day, expected):
    assert periods.period_containing(anchor, billing, day) == expected


def test_no_period_before_the_anchor():
    assert (
        periods.period_containing(date(2026, 7, 1), "monthly", date(2026, 6, 30))
        is None
    )


def test_interval_of_several_months():
    assert periods.period_containing(
        date(2026, 1, 1), "monthly", date(2026, 4, 2), interval=3
    ) == (date(2026, 4, 1), date(2026, 6, 30))


@pytest.mark.parametrize("billing", ["monthly", "yearly"])
def test_periods_tile_the_calendar(billing):
    """Consecutive days fall in consecutive periods without gap or overlap."""
    anchor = date(2026, 1, 31)
    previous = periods.period_containing(anchor, billing, anchor)
    day = anchor
    for _ in range(800):
        day += timedelta(days=1)
        current = periods.period_containing(anchor, billing, day)
        assert current[0] <= day <= current[1]
        if current != previous:
            assert current[0] == previous[1] + timedelta(days=1)
        previous = current


@pytest.mark.parametrize(
    ("renewal", "notice", "deadline"),
    [
        # 003: cancel up to 5 days before the renewal.
        (date(2026, 8, 1), 5, date(2026, 7, 27)),
        (date(2026, 3, 1), 5, date(2026, 2, 24)),
        (date(2026, 8, 1), 0, date(2026, 8, 1)),
    ],
)
def test_cancellation_deadline(renewal, notice, deadline):
    assert periods.cancellation_deadline(renewal, notice) == deadline


@pytest.mark.parametrize(
    ("purchase", "validity", "expiry"),
    [
        # 003: an extra bag lasts 30 days from its purchase.
        (date(2026, 7, 10), 30, date(2026, 8, 9)),
        (date(2026, 12, 20), 30, date(2027, 1, 19)),
        (date(2026, 7, 10), 7, date(2026, 7, 17)),
    ],
)
def test_bag_expiry(purchase, validity, expiry):
    assert periods.bag_expiry(purchase, validity) == expiry


def test_grace_end():
    assert periods.grace_end(date(2026, 8, 1), 5) == date(2026, 8, 6)


@pytest.mark.parametrize(
    ("day", "term_end", "expected"),
    [
        # A plan that renews: its periods go on past the term.
        (date(2026, 8, 10), None, (date(2026, 7, 15), date(2026, 8, 14))),
        (date(2026, 8, 20), None, (date(2026, 8, 15), date(2026, 9, 14))),
        # 003: cancelled, it serves until its last day, then not at all.
        (
            date(2026, 8, 10),
            date(2026, 8, 14),
            (date(2026, 7, 15), date(2026, 8, 14)),
        ),
        (
            date(2026, 8, 14),
            date(2026, 8, 14),
            (date(2026, 7, 15), date(2026, 8, 14)),
        ),
        (date(2026, 8, 15), date(2026, 8, 14), None),
        # A term stopped inside a period shortens it.
        (
            date(2026, 7, 20),
            date(2026, 8, 1),
            (date(2026, 7, 15), date(2026, 8, 1)),
        ),
        # A term ending after the period leaves it whole.
        (
            date(2026, 7, 20),
            date(2026, 9, 30),
            (date(2026, 7, 15), date(2026, 8, 14)),
        ),
        (date(2026, 7, 14), date(2026, 8, 14), None),
    ],
)
def test_period_in_term(day, term_end, expected):
    anchor = date(2026, 7, 15)
    assert periods.period_in_term(anchor, "monthly", day, term_end) == expected


@pytest.mark.parametrize(
    ("period_end", "term_end", "renewal"),
    [
        (date(2026, 8, 14), None, date(2026, 8, 15)),
        (date(2026, 12, 31), None, date(2027, 1, 1)),
        # 003: a cancelled plan does not renew after its last period.
        (date(2026, 8, 14), date(2026, 8, 14), None),
        (date(2026, 8, 14), date(2026, 8, 1), None),
        (date(2026, 8, 14), date(2026, 8, 15), date(2026, 8, 15)),
        (date(2026, 7, 14), date(2026, 8, 14), date(2026, 7, 15)),
    ],
)
def test_renewal_after(period_end, term_end, renewal):
    assert periods.renewal_after(period_end, term_end) == renewal


@pytest.mark.parametrize(
    ("day", "failed_on", "over"),
    [
        # The plan serves through the 5 days of grace, not a day more.
        (date(2026, 8, 1), date(2026, 8, 1), False),
        (date(2026, 8, 6), date(2026, 8, 1), False),
        (date(2026, 8, 7), date(2026, 8, 1), True),
        (date(2026, 12, 1), date(2026, 8, 1), True),
        # No charge failed: no grace runs out.
        (date(2026, 12, 1), None, False),
    ],
)
def test_grace_over(day, failed_on, over):
    assert periods.grace_over(day, failed_on, 5) is over


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2026, 7, 15), (date(2026, 7, 15), date(2027, 7, 14))),
        (date(2027, 7, 14), (date(2026, 7, 15), date(2027, 7, 14))),
        (date(2027, 7, 15), (date(2027, 7, 15), date(2028, 7, 14))),
    ],
)
def test_yearly_period_in_term(day, expected):
    assert periods.period_in_term(date(2026, 7, 15), "yearly", day) == expected


def test_period_months():
    assert periods.PERIOD_MONTHS == {"monthly": 1, "yearly": 12}
