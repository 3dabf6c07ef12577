"""Plan SLA deadlines of many tickets with one schedule per calendar.

The planner knows nothing of Odoo: it is given a ``load_schedule`` callable
that returns the :class:`WorkSchedule` of a calendar for a key (calendar and
company, which decides the force-majeure windows) over a UTC range, and two
conversions between UTC and the calendar's local time. Schedules are loaded
once per key and widened only when a deadline falls beyond them.
"""

from datetime import timedelta

DEFAULT_HORIZON = timedelta(days=120)
MAX_HORIZON = timedelta(days=3 * 366)


class SlaPlanner:
    def __init__(self, load_schedule, to_local, to_utc, horizon=DEFAULT_HORIZON):
        self._load_schedule = load_schedule
        self._to_local = to_local
        self._to_utc = to_utc
        self._horizon = horizon
        self._schedules = {}
        self._starts = {}

    def prepare(self, key, starts):
        """Declare the clock starts that will be planned for ``key``, so that
        one schedule covers them all."""
        starts = [start for start in starts if start]
        if starts:
            self._starts[key] = (min(starts), max(starts))

    def schedule(self, key, start):
        cached = self._schedules.get(key)
        if cached and cached[0] <= start:
            return cached
        first, last = self._starts.get(key, (start, start))
        first = min(first, start)
        return self._load(key, first, max(last, start) + self._horizon)

    def _load(self, key, date_from, date_to):
        date_from = date_from - timedelta(days=1)
        schedule = self._load_schedule(key, date_from, date_to)
        self._schedules[key] = (date_from, date_to, schedule)
        return self._schedules[key]

    def _widen(self, key, start):
        date_from, date_to, _schedule = self._schedules[key]
        span = (date_to - date_from) * 2
        if date_from + span - start > MAX_HORIZON:
            return None
        return self._load(key, date_from, date_from + span)

    def _plan(self, key, start, plan):
        """Run ``plan(schedule, local_start)`` and widen the schedule until it
        answers; None when the calendar has no working time that far."""
        entry = self.schedule(key, start)
        local_start = self._to_local(key, start)
        while entry:
            result = plan(entry[2], local_start)
            if result is not None:
                return result
            entry = self._widen(key, start)
        return None

    def deadline(self, key, start, target, paused=timedelta(0)):
        """UTC deadline of a target given as ``("hours", timedelta)`` or
        ``("days", int)``, moved by the ``paused`` business time."""
        unit, amount = target

        def plan(schedule, local_start):
            if unit == "days":
                base = schedule.add_working_days(local_start, amount)
                if base is None:
                    return None
                return schedule.add_working_time(base, paused)
            return schedule.add_working_time(local_start, amount + paused)

        local = self._plan(key, start, plan)
        return self._to_utc(key, local) if local else None

    def at_risk(self, key, start, deadline, paused, threshold):
        """UTC moment when ``threshold`` (0..1) of the business time allowed
        between ``start`` and ``deadline`` (minus the paused time) is used."""
        local_deadline = self._to_local(key, deadline)

        def plan(schedule, local_start):
            allowed = schedule.working_time_between(local_start, local_deadline)
            return schedule.add_working_time(
                local_start, paused + (allowed - paused) * threshold
            )

        local = self._plan(key, start, plan)
        return self._to_utc(key, local) if local else None

    def working_time(self, key, date_from, date_to):
        """Business time between two UTC moments."""
        if date_to <= date_from:
            return timedelta(0)
        local_to = self._to_local(key, date_to)

        def plan(schedule, local_from):
            if schedule.window_end is None or schedule.window_end < local_to:
                return None
            return schedule.working_time_between(local_from, local_to)

        return self._plan(key, date_from, plan) or timedelta(0)
