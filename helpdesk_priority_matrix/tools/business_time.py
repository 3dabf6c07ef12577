"""Business-time arithmetic on a list of working intervals.

Pure Python, no Odoo: the addon feeds it the working intervals of a
``resource.calendar`` (public holidays already removed) once per calendar and
time window, as naive datetimes in the calendar's local time, then plans any
number of deadlines with binary searches over the interval starts and a
prefix sum of the working time before each interval.
"""

import bisect
from datetime import datetime, time, timedelta

ZERO = timedelta(0)


def merge_intervals(intervals):
    """Sorted, non-overlapping (start, end) pairs; empty ones are dropped."""
    merged = []
    for start, end in sorted(intervals):
        if start > end:
            raise ValueError(f"interval ends before it starts: {start} > {end}")
        if start == end:
            continue
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


class WorkSchedule:
    """The working time of one calendar over a window."""

    def __init__(self, intervals):
        self.intervals = tuple(merge_intervals(intervals))
        self._starts = [start for start, _end in self.intervals]
        self._worked_before = [ZERO]
        for start, end in self.intervals:
            self._worked_before.append(self._worked_before[-1] + (end - start))
        self._dates = sorted({start.date() for start, _end in self.intervals})

    @property
    def window_start(self):
        return self.intervals[0][0] if self.intervals else None

    @property
    def window_end(self):
        return self.intervals[-1][1] if self.intervals else None

    def _index(self, moment):
        """Index of the last interval starting at or before ``moment``."""
        return bisect.bisect_right(self._starts, moment) - 1

    def _worked_until(self, moment):
        """Working time from the window start to ``moment``."""
        index = self._index(moment)
        if index < 0:
            return ZERO
        start, end = self.intervals[index]
        return self._worked_before[index] + (min(moment, end) - start)

    def is_working(self, moment):
        index = self._index(moment)
        return index >= 0 and moment < self.intervals[index][1]

    def next_working_moment(self, moment):
        """``moment`` itself when it is working time, else the next start."""
        if self.is_working(moment):
            return moment
        index = self._index(moment) + 1
        return self.intervals[index][0] if index < len(self.intervals) else None

    def working_time_between(self, start, end):
        if end <= start:
            return ZERO
        return self._worked_until(end) - self._worked_until(start)

    def add_working_time(self, start, duration):
        """The earliest moment after ``start`` with ``duration`` of working
        time in between; an interval's end when the time runs out exactly
        there (as ``resource.calendar.plan_hours`` does). None when the
        window ends first."""
        if duration < ZERO:
            raise ValueError("a duration to add cannot be negative")
        if duration == ZERO:
            return self.next_working_moment(start)
        target = self._worked_until(start) + duration
        index = bisect.bisect_left(self._worked_before, target) - 1
        if index >= len(self.intervals):
            return None
        return self.intervals[index][0] + (target - self._worked_before[index])

    def add_working_days(self, start, days):
        """``days`` business days after ``start`` ("3 días hábiles").

        The working dates are the local dates with working time. The clock
        starts at the next working moment; the result is the same clock time
        on the ``days``-th working date after that one, moved to the next
        working moment of that date, or to the end of its work when the day
        is already over at that time. None beyond the window.
        """
        if days < 0:
            raise ValueError("a number of days to add cannot be negative")
        begin = self.next_working_moment(start)
        if begin is None:
            return None
        position = bisect.bisect_left(self._dates, begin.date()) + days
        if position >= len(self._dates):
            return None
        target_date = self._dates[position]
        same_time = datetime.combine(target_date, begin.time())
        candidate = self.next_working_moment(same_time)
        if candidate is not None and candidate.date() == target_date:
            return candidate
        next_day = datetime.combine(target_date + timedelta(days=1), time.min)
        return self.intervals[bisect.bisect_left(self._starts, next_day) - 1][1]

    def subtract(self, windows):
        """A new schedule without the given (start, end) windows, such as
        force-majeure suspensions."""
        windows = merge_intervals(windows)
        window_ends = [window_end for _start, window_end in windows]
        remaining = []
        for start, end in self.intervals:
            cursor = start
            first = bisect.bisect_right(window_ends, start)
            for window_start, window_end in windows[first:]:
                if window_start >= end:
                    break
                if window_start > cursor:
                    remaining.append((cursor, window_start))
                cursor = max(cursor, window_end)
            if cursor < end:
                remaining.append((cursor, end))
        return WorkSchedule(remaining)

    def working_time_in_windows(self, windows):
        """Working time covered by the windows, overlaps counted once."""
        return sum(
            (self.working_time_between(a, b) for a, b in merge_intervals(windows)),
            ZERO,
        )


def deadline(schedule, start, hours=None, days=None):
    """Deadline of a target in business hours or in business days."""
    if (hours is None) == (days is None):
        raise ValueError("give exactly one of hours and days")
    if days is not None:
        return schedule.add_working_days(start, days)
    return schedule.add_working_time(start, timedelta(hours=hours))
