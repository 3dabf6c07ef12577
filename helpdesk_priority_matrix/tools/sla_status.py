"""The SLA status rules of a ticket, as one pure function.

A ticket is *on track* until the at-risk moment, *at risk* until its
current deadline, *breached* after it; a closed ticket is *met* or
*breached* for good. While the ticket waits on the customer its clock
stands still: the status is the one of the moment the wait began.
"""

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class SlaClock:
    """What the status depends on; naive UTC datetimes or None."""

    deadline: datetime | None
    response_deadline: datetime | None
    resolution_deadline: datetime | None
    at_risk_date: datetime | None = None
    first_response: datetime | None = None
    closed: bool = False
    closed_date: datetime | None = None
    paused: bool = False
    paused_since: datetime | None = None


def evaluate(clock, now):
    """``(status, next_check)``: the status at ``now`` and when it changes
    next if nothing happens (None when it cannot change by itself)."""
    if not clock.deadline:
        return None, None
    if clock.closed:
        end = clock.closed_date or now
        late = (clock.first_response or end) > clock.response_deadline
        late = late or end > clock.resolution_deadline
        return ("breached" if late else "met"), None
    if clock.paused:
        now = min(clock.paused_since or now, now)
    response_late = (clock.first_response or now) > clock.response_deadline
    if response_late or now > clock.resolution_deadline:
        status, next_check = "breached", None
    elif clock.at_risk_date and now >= clock.at_risk_date:
        status, next_check = "at_risk", clock.deadline
    else:
        status, next_check = "on_track", clock.at_risk_date or clock.deadline
    return status, None if clock.paused else next_check
