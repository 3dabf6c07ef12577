"""Table tests of the ticket wallet's rules, without Odoo."""

from datetime import date, datetime

import pytest
import wallet_rules as rules

Credit = rules.Credit
TODAY = date(2026, 11, 23)
OLD = datetime(2026, 1, 10, 9, 0)
NEW = datetime(2026, 6, 1, 9, 0)


@pytest.mark.parametrize(
    ("credits", "expected"),
    [
        ([], None),
        ([Credit("a", OLD, 0)], None),
        ([Credit("a", OLD, 3)], "a"),
        ([Credit("new", NEW, 5), Credit("old", OLD, 1)], "old"),
        ([Credit("new", NEW, 5), Credit("old", OLD, 0)], "new"),
        ([Credit("old", OLD, 2, date(2026, 11, 22)), Credit("new", NEW, 5)], "new"),
        ([Credit("old", OLD, 2, date(2026, 11, 23)), Credit("new", NEW, 5)], "old"),
        ([Credit("b", OLD, 1), Credit("a", OLD, 1)], "a"),
    ],
)
def test_next_credit_is_the_oldest_usable(credits, expected):
    assert rules.next_credit(credits, TODAY) == expected


@pytest.mark.parametrize(
    ("quantity", "expected"),
    [
        (1, [("old", 1)]),
        (2, [("old", 2)]),
        (3, [("old", 2), ("new", 1)]),
        (7, [("old", 2), ("new", 5)]),
    ],
)
def test_take_from_credits_oldest_first(quantity, expected):
    credits = [Credit("new", NEW, 5), Credit("old", OLD, 2)]
    assert rules.take_from_credits(credits, quantity, TODAY) == expected


def test_take_from_credits_skips_expired_credits():
    credits = [Credit("old", OLD, 2, date(2026, 11, 22)), Credit("new", NEW, 5)]
    assert rules.take_from_credits(credits, 3, TODAY) == [("new", 3)]


@pytest.mark.parametrize(
    ("quantity", "message"),
    [
        (0, "^quantity must be positive$"),
        (-1, "^quantity must be positive$"),
        (8, "^not enough tickets$"),
    ],
)
def test_take_from_credits_refuses(quantity, message):
    credits = [Credit("new", NEW, 5), Credit("old", OLD, 2)]
    with pytest.raises(ValueError, match=message):
        rules.take_from_credits(credits, quantity, TODAY)


@pytest.mark.parametrize(
    ("requested", "remaining", "expected"),
    [
        (5, 5, (5, 0)),
        (5, 3, (3, 2)),
        (5, 0, (0, 5)),
        (10, 12, (10, 0)),
        (0, 4, (0, 0)),
        (3, -1, (0, 3)),
    ],
)
def test_refund_split(requested, remaining, expected):
    assert rules.refund_split(requested, remaining) == expected


@pytest.mark.parametrize(
    ("hours", "cap", "expected"),
    [
        (0.0, 1.0, rules.TIME_OK),
        (47 / 60, 1.0, rules.TIME_OK),
        (48 / 60, 1.0, rules.TIME_WARNING),
        (1.0, 1.0, rules.TIME_WARNING),
        (61 / 60, 1.0, rules.TIME_EXCEEDED),
        (1.5, 2.0, rules.TIME_OK),
        (1.6, 2.0, rules.TIME_WARNING),
        (5.0, 0.0, rules.TIME_OK),
        (5.0, None, rules.TIME_OK),
        (5.0, -1.0, rules.TIME_OK),
    ],
)
def test_time_state(hours, cap, expected):
    assert rules.time_state(hours, cap) == expected


@pytest.mark.parametrize(
    ("balance", "last_purchase", "period", "expected"),
    [
        (3, None, 0, True),
        (1, None, 0, True),
        (0, None, 365, False),
        (0, date(2026, 1, 1), 365, True),
        (0, date(2025, 11, 23), 365, True),
        (0, date(2025, 11, 22), 365, False),
        (0, date(2026, 11, 1), 0, False),
        (0, TODAY, 0, False),
        (0, TODAY, -1, False),
        (0, date(2026, 11, 22), 1, True),
        (0, date(2026, 11, 21), 1, False),
    ],
)
def test_discount_applies(balance, last_purchase, period, expected):
    assert rules.discount_applies(balance, last_purchase, TODAY, period) == expected
