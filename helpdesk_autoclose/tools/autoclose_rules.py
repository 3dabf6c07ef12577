"""Due dates and decisions of the waiting-on-the-client rules.

Plain Python, fed with a ``WorkSchedule`` of the foundation (any object with
``add_working_days`` and ``add_working_time`` will do), so that the business
days of 004 ("más de 2 días hábiles sin respuesta") are checked as tables
without Odoo.
"""

from datetime import timedelta

REOPEN = "reopen"
NEW_TICKET = "new_ticket"


def waiting_due_dates(schedule, waiting_since, reminder_days, close_days):
    """(reminder, close) moments of a waiting period started at
    ``waiting_since``, counted in business days of ``schedule``.

    A reminder is only planned when it comes before the close: with the
    same number of days, the client would get both at once. Either answer
    is None when the schedule cannot tell (window too short).
    """
    if close_days < 1:
        raise ValueError(
            f"a ticket closes after one business day at least: {close_days}"
        )
    if reminder_days < 0:
        raise ValueError(f"negative reminder delay: {reminder_days}")
    close = schedule.add_working_days(waiting_since, close_days)
    reminder = None
    if 0 < reminder_days < close_days:
        reminder = schedule.add_working_days(waiting_since, reminder_days)
    return reminder, close


def priority_drop_due(schedule, waiting_since, hours):
    """When an unanswered request for information lowers the priority:
    ``hours`` business hours after the question."""
    if hours <= 0:
        raise ValueError(f"the priority drops after a positive delay: {hours}")
    return schedule.add_working_time(waiting_since, timedelta(hours=hours))


def reply_after_close(policy, closed_at, replied_at, reopen_days):
    """What a client's message on a closed ticket does: ``REOPEN`` when the
    policy reopens and the message came within ``reopen_days`` calendar days
    of the close, else ``NEW_TICKET`` (004: "debe comenzar ... como si fuera
    un nuevo caso")."""
    if policy not in (REOPEN, NEW_TICKET):
        raise ValueError(f"unknown reply-after-close policy: {policy}")
    if (
        policy == REOPEN
        and closed_at
        and replied_at - closed_at <= timedelta(days=reopen_days)
    ):
        return REOPEN
    return NEW_TICKET


def lower_level(levels, current):
    """The level one step below ``current`` in ``levels`` (ordered from the
    most to the least urgent), or None at the bottom or when ``current`` is
    not among them."""
    try:
        index = levels.index(current)
    except ValueError:
        return None
    return levels[index + 1] if index + 1 < len(levels) else None
