"""Plan SLA deadlines of many tickets with one schedule per calendar.

The planner knows nothing of Odoo: it is given a ``load_schedule`` callable
that returns the :class:`~.business_time.WorkSchedule` of a calendar for a
key (calendar and company, which decides the force-majeure windows) over a
range of naive UTC datetimes. All moments it is given and returns are naive
UTC, like Odoo's datetime fields; those it returns are rounded to the
second. Schedules are loaded once per key and widened only when an answer
falls beyond them.
"""

from collections import namedtuple
from datetime import timedelta

ZERO = timedelta(0)
DEFAULT_HORIZON = timedelta(days=120)
MAX_HORIZON = timedelta(days=3 * 366)

Window = namedtuple("Window", "date_from date_to schedule")


def _whole_second(moment):
    """``moment`` rounded to the nearest second; None stays None."""
    if moment is None:
        return None
    return (moment + timedelta(microseconds=500_000)).replace(microsecond=0)


class SlaPlanner:
    """Deadlines, at-risk moments and measured business time of tickets.

    ``horizon`` is how far past the latest declared clock start the first
    schedule of a key reaches: far enough for nearly every deadline, so that
    a batch of tickets is planned on one load. An answer beyond it widens
    the schedule, up to ``MAX_HORIZON`` past the clock start; beyond that the
    calendar is taken to have no more working time and the answer is None.
    """

    def __init__(self, load_schedule, horizon=DEFAULT_HORIZON):
        self._load_schedule = load_schedule
        self._horizon = horizon
        self._windows = {}
        self._starts = {}

    def prepare(self, key, starts):
        """Declare the clock starts that will be planned for ``key``, so that
        one schedule covers them all."""
        starts = [start for start in starts if start]
        if starts:
            self._starts[key] = (min(starts), max(starts))

    def deadline(self, key, start, target, paused=ZERO):
        """Deadline of a target given as ``("hours", timedelta)`` or
        ``("days", int)`` for a clock started at ``start``, moved by the
        ``paused`` business time."""
        unit, amount = target

        def plan(schedule):
            if unit == "days":
                day_deadline = schedule.add_working_days(start, amount)
                if day_deadline is None:
                    return None
                return schedule.add_working_time(day_deadline, paused)
            return schedule.add_working_time(start, amount + paused)

        return _whole_second(self._plan(key, start, start, plan))

    def at_risk(self, key, start, deadline, paused, threshold):
        """The moment when ``threshold`` (0..1) of the business time allowed
        between ``start`` and ``deadline`` (minus the paused time) is used."""

        def plan(schedule):
            allowed = schedule.working_time_between(start, deadline)
            return schedule.add_working_time(
                start, paused + (allowed - paused) * threshold
            )

        return _whole_second(self._plan(key, start, deadline, plan))

    def working_time(self, key, date_from, date_to):
        """Business time between two moments, zero when ``date_to`` does not
        come after ``date_from``."""
        if date_to <= date_from:
            return ZERO

        def plan(schedule):
            return schedule.working_time_between(date_from, date_to)

        return self._plan(key, date_from, date_to, plan) or ZERO

    def _plan(self, key, start, until, plan):
        """Run ``plan(schedule)`` on a schedule covering ``start`` to
        ``until`` and widen it until it answers; None when the calendar has
        no working time that far."""
        window = self._window(key, start, until)
        while window:
            result = plan(window.schedule)
            if result is not None:
                return result
            window = self._widen(key, start)
        return None

    def _window(self, key, start, until):
        """The loaded window of ``key`` if it covers ``start`` to ``until``,
        else a new one covering that, the declared starts and what was
        loaded before."""
        window = self._windows.get(key)
        if window and window.date_from <= start and until <= window.date_to:
            return window
        first, last = self._starts.get(key, (start, start))
        date_from = min(first, start)
        date_to = max(last, until) + self._horizon
        if window:
            date_from = min(date_from, window.date_from)
            date_to = max(date_to, window.date_to)
        return self._load(key, date_from, date_to)

    def _widen(self, key, start):
        """The window of ``key`` reaching twice as far past ``start``, at
        most ``MAX_HORIZON``; None when it reaches that far already."""
        window = self._windows[key]
        reach = window.date_to - start
        if reach >= MAX_HORIZON:
            return None
        reach = min(max(2 * reach, timedelta(days=1)), MAX_HORIZON)
        return self._load(key, window.date_from, start + reach)

    def _load(self, key, date_from, date_to):
        schedule = self._load_schedule(key, date_from, date_to)
        self._windows[key] = Window(date_from, date_to, schedule)
        return self._windows[key]
