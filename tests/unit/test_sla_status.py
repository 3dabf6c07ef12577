from datetime import datetime, timedelta

import pytest
from sla_status import SlaClock, evaluate

START = datetime(2026, 11, 23, 9)
RESPONSE = START + timedelta(hours=1)
AT_RISK = START + timedelta(minutes=45)
RESOLUTION = START + timedelta(hours=8)


def minutes(count):
    return START + timedelta(minutes=count)


def clock(**values):
    """An open ticket waiting for its first reply, due at RESPONSE."""
    fields = {
        "deadline": RESPONSE,
        "response_deadline": RESPONSE,
        "resolution_deadline": RESOLUTION,
        "at_risk_date": AT_RISK,
    }
    fields.update(values)
    return SlaClock(**fields)


ANSWERED = {"first_response": minutes(30), "deadline": RESOLUTION}
ANSWERED_LATE = {"first_response": minutes(61), "deadline": RESOLUTION}


@pytest.mark.parametrize(
    ("case", "values", "now", "status", "next_check"),
    [
        ("no SLA", {"deadline": None}, minutes(0), None, None),
        ("on track", {}, minutes(10), "on_track", AT_RISK),
        (
            "on track without at-risk date",
            {"at_risk_date": None},
            minutes(10),
            "on_track",
            RESPONSE,
        ),
        ("at risk from the at-risk moment", {}, AT_RISK, "at_risk", RESPONSE),
        ("at risk until the deadline itself", {}, RESPONSE, "at_risk", RESPONSE),
        ("breached after the response deadline", {}, minutes(61), "breached", None),
        (
            "answered in time, resolution to come",
            ANSWERED,
            minutes(120),
            "at_risk",
            RESOLUTION,
        ),
        ("answered late", ANSWERED_LATE, minutes(62), "breached", None),
        (
            "answered exactly at the deadline",
            {"first_response": RESPONSE, "deadline": RESOLUTION},
            minutes(61),
            "at_risk",
            RESOLUTION,
        ),
        (
            "answered in time, left open past resolution",
            ANSWERED,
            RESOLUTION + timedelta(seconds=1),
            "breached",
            None,
        ),
        (
            "closed in time",
            {**ANSWERED, "closed": True, "closed_date": minutes(90)},
            minutes(900),
            "met",
            None,
        ),
        (
            "closed, answered exactly at the response deadline",
            {
                "first_response": RESPONSE,
                "deadline": RESOLUTION,
                "closed": True,
                "closed_date": minutes(90),
            },
            minutes(900),
            "met",
            None,
        ),
        (
            "closed at the resolution deadline",
            {**ANSWERED, "closed": True, "closed_date": RESOLUTION},
            minutes(900),
            "met",
            None,
        ),
        (
            "closed late",
            {
                **ANSWERED,
                "closed": True,
                "closed_date": RESOLUTION + timedelta(minutes=1),
            },
            minutes(900),
            "breached",
            None,
        ),
        (
            "closed in time after a late reply",
            {**ANSWERED_LATE, "closed": True, "closed_date": minutes(90)},
            minutes(900),
            "breached",
            None,
        ),
        (
            "closed unanswered before the response deadline",
            {"closed": True, "closed_date": minutes(50)},
            minutes(900),
            "met",
            None,
        ),
        (
            "closed unanswered after the response deadline",
            {"closed": True, "closed_date": minutes(70)},
            minutes(900),
            "breached",
            None,
        ),
        (
            "closed without a date is judged now",
            {**ANSWERED, "closed": True},
            minutes(100),
            "met",
            None,
        ),
        (
            "closed without a date, judged late",
            {**ANSWERED, "closed": True},
            RESOLUTION + timedelta(hours=1),
            "breached",
            None,
        ),
        (
            "paused after the at-risk moment, the clock stands still",
            {"paused": True, "paused_since": minutes(50)},
            minutes(70),
            "at_risk",
            None,
        ),
        (
            "paused at the at-risk moment",
            {"paused": True},
            AT_RISK,
            "at_risk",
            None,
        ),
        (
            "reopened: an old closed date does not count",
            {"closed_date": minutes(30)},
            minutes(70),
            "breached",
            None,
        ),
        (
            "answered in time, at the resolution deadline itself",
            ANSWERED,
            RESOLUTION,
            "at_risk",
            RESOLUTION,
        ),
        (
            "paused before the at-risk moment",
            {"paused": True},
            minutes(10),
            "on_track",
            None,
        ),
        (
            "paused without at-risk date",
            {"paused": True, "at_risk_date": None, "paused_since": minutes(50)},
            minutes(70),
            "on_track",
            None,
        ),
        (
            "paused after a late reply stays breached",
            {**ANSWERED_LATE, "paused": True},
            minutes(70),
            "breached",
            None,
        ),
        (
            "paused after a reply in time",
            {**ANSWERED, "paused": True, "paused_since": minutes(120)},
            RESOLUTION + timedelta(hours=1),
            "at_risk",
            None,
        ),
        (
            "paused once the response deadline had passed",
            {"paused": True, "paused_since": minutes(65)},
            minutes(300),
            "breached",
            None,
        ),
        (
            "paused before the at-risk moment stays on track for days",
            {"paused": True, "paused_since": minutes(10)},
            RESOLUTION + timedelta(days=3),
            "on_track",
            None,
        ),
    ],
)
def test_status_and_next_check(case, values, now, status, next_check):
    assert evaluate(clock(**values), now) == (status, next_check), case
