"""The SLA status rules of a ticket, as one pure function.

A ticket is *on track* until the at-risk moment, *at risk* until its
current deadline, *breached* after it; a closed ticket is *met* or
*breached* for good. While the ticket waits on the customer its deadlines
move, so only a first reply that already came late is final.
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


def evaluate(clock, now):
    """``(status, next_check)``: the status at ``now`` and when it changes
    next if nothing happens (None when it cannot change by itself)."""
    if not clock.deadline:
        return None, None
    end = (clock.closed_date or now) if clock.closed else now
    response_late = (clock.first_response or end) > clock.response_deadline
    if clock.closed:
        late = response_late or end > clock.resolution_deadline
        return ("breached" if late else "met"), None
    if clock.paused:
        if clock.first_response and response_late:
            return "breached", None
        at_risk = clock.at_risk_date and now >= clock.at_risk_date
        return ("at_risk" if at_risk else "on_track"), None
    if response_late or now > clock.resolution_deadline:
        return "breached", None
    if clock.at_risk_date and now >= clock.at_risk_date:
        return "at_risk", clock.deadline
    return "on_track", clock.at_risk_date or clock.deadline
