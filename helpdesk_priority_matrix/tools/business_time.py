"""Business-time arithmetic over the working intervals of one calendar.

SLA deadlines are planned for every ticket on every cron pass, so the addon
asks ``resource.calendar`` for its working intervals (public holidays already
removed) once per calendar and time window and plans every deadline on that
one schedule. Each question is then a binary search over the interval starts
plus a prefix sum of the working time before each interval, instead of a walk
through the calendar.

The intervals are instants: naive datetimes in UTC, each bound converted on
its own from the calendar's local time. Durations are therefore real elapsed
time, also on the day a daylight-saving change makes 23 or 25 hours long.
Business *days* are counted on the calendar's local dates, which is the only
use of its time zone here.

Pure Python on purpose: without Odoo the rules can be checked against a
brute-force minute walker in plain pytest.
"""

import bisect
from datetime import datetime, time, timedelta, timezone
from itertools import accumulate

ZERO = timedelta(0)
ONE_DAY = timedelta(days=1)


def merge_intervals(intervals):
    """Sort (start, end) pairs and merge them into disjoint spans.

    Calendars hand over overlapping attendances, back-to-back lines and
    zero-length leftovers of removed leaves. Merged spans let one binary
    search find the only span that can contain a moment. Touching spans are
    joined as well, so a 24/7 calendar becomes one long span.
    """
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
    """The working time of one calendar over a window, built for many look-ups.

    ``intervals`` are (start, end) pairs of naive UTC datetimes; ``tz`` is the
    calendar's time zone (a ``tzinfo``), in which business days are counted.

    Construction costs O(n log n) once; every question afterwards costs one
    or two binary searches. A question whose answer lies beyond the window
    gets None, so that the caller can load a wider window and ask again.
    """

    def __init__(self, intervals, tz=timezone.utc):
        self._tz = tz
        self._intervals = tuple(merge_intervals(intervals))
        self._starts = [start for start, _end in self._intervals]
        self._worked_before = list(
            accumulate((end - start for start, end in self._intervals), initial=ZERO)
        )
        self._dates = self._working_dates()

    def _local(self, moment):
        """The calendar's wall-clock time at the UTC instant ``moment``."""
        aware = moment.replace(tzinfo=timezone.utc).astimezone(self._tz)
        return aware.replace(tzinfo=None)

    def _instant(self, local):
        """The UTC instant of the calendar's wall-clock time ``local``; a
        time that a daylight-saving change skips or repeats is read with the
        offset in force before the change."""
        aware = local.replace(tzinfo=self._tz).astimezone(timezone.utc)
        return aware.replace(tzinfo=None)

    def _working_dates(self):
        """The distinct local dates with working time, sorted. An interval
        ending at midnight has none on the date that midnight begins."""
        dates = []
        for start, end in self._intervals:
            day = self._local(start).date()
            last = self._local(end - timedelta.resolution).date()
            if dates and day <= dates[-1]:
                day = dates[-1] + ONE_DAY
            while day <= last:
                dates.append(day)
                day += ONE_DAY
        return dates

    @property
    def window_end(self):
        """The end of the last working interval, None without any."""
        return self._intervals[-1][1] if self._intervals else None

    def _index(self, moment):
        """Index of the last interval starting at or before ``moment``; -1
        when there is none."""
        return bisect.bisect_right(self._starts, moment) - 1

    def _worked_until(self, moment):
        """Working time from the window start to ``moment``: the prefix sum
        that turns every duration question into a subtraction."""
        index = self._index(moment)
        if index < 0:
            return ZERO
        start, end = self._intervals[index]
        return self._worked_before[index] + (min(moment, end) - start)

    def is_working(self, moment):
        """Whether ``moment`` is working time; intervals are half-open, so
        closing time itself is not."""
        index = self._index(moment)
        return index >= 0 and moment < self._intervals[index][1]

    def next_working_moment(self, moment):
        """When the SLA clock actually starts for a ticket created at
        ``moment``: the moment itself during work, else the next opening.
        None when the window has no more work."""
        if self.is_working(moment):
            return moment
        index = self._index(moment) + 1
        return self._intervals[index][0] if index < len(self._intervals) else None

    def working_time_between(self, start, end):
        """Business time in [start, end), e.g. how much of the SLA a pause
        or a waiting stage consumed; zero when ``end`` precedes ``start``."""
        return max(self._worked_until(end) - self._worked_until(start), ZERO)

    def add_working_time(self, start, duration):
        """The earliest moment with ``duration`` of business time since
        ``start``: the deadline of an SLA target in hours.

        When the time runs out exactly at closing, the answer is that closing
        time rather than the next opening, as ``resource.calendar.plan_hours``
        does. A zero duration gives ``start`` itself when it is working time
        or the closing time of an interval (a deadline already at the end of
        a day stays there), else the next opening. None when the window ends
        first.
        """
        if duration < ZERO:
            raise ValueError(f"cannot add a negative duration: {duration}")
        if duration == ZERO:
            index = self._index(start)
            if index >= 0 and start <= self._intervals[index][1]:
                return start
            return self.next_working_moment(start)
        target = self._worked_until(start) + duration
        index = bisect.bisect_left(self._worked_before, target) - 1
        if index >= len(self._intervals):
            return None
        return self._intervals[index][0] + (target - self._worked_before[index])

    def add_working_days(self, start, days):
        """The deadline of a target in business days ("N días hábiles").

        Policies count days, not hours: a ticket due in 3 business days from
        Tuesday 10:00 is due Friday 10:00, whatever the length of the days in
        between. The rule, in the calendar's local time:

        * the working dates are the distinct local dates with working time;
        * the clock starts at ``next_working_moment(start)``, so a ticket
          created on Saturday, or after closing, counts from the next opening;
        * the target date is the ``days``-th working date after the date the
          clock starts on;
        * the deadline is the same wall-clock time on the target date, moved
          to the next working moment of that date if that time is not working
          (e.g. a lunch break); if the target date's work has already ended
          by then (a short Friday), it is the end of that date's work.

        None when the target date lies beyond the window, and also when the
        answer would be the end of the window itself: a schedule cannot tell
        a short last day from a window cut short, and the caller's retry with
        a wider window settles it.
        """
        if days < 0:
            raise ValueError(f"cannot add a negative number of days: {days}")
        begin = self.next_working_moment(start)
        if begin is None:
            return None
        local_begin = self._local(begin)
        position = bisect.bisect_left(self._dates, local_begin.date()) + days
        if position >= len(self._dates):
            return None
        target = self._dates[position]
        same_time = self.next_working_moment(
            self._instant(datetime.combine(target, local_begin.time()))
        )
        if same_time is not None and self._local(same_time).date() == target:
            return same_time
        day_end = self._end_of_work_on(target)
        return None if day_end == self.window_end else day_end

    def _end_of_work_on(self, day):
        """When work ends on the local date ``day``, a date with working
        time."""
        midnight = self._instant(datetime.combine(day + ONE_DAY, time.min))
        index = bisect.bisect_left(self._starts, midnight) - 1
        return min(self._intervals[index][1], midnight)

    def subtract(self, windows):
        """A new schedule without the given (start, end) windows.

        Force-majeure suspensions stop the SLA clock for everybody: removing
        them from the schedule makes every deadline and every measured
        duration skip them without any further bookkeeping.
        """
        windows = merge_intervals(windows)
        window_ends = [end for _start, end in windows]
        remaining = []
        for start, end in self._intervals:
            cursor = start
            first = bisect.bisect_right(window_ends, start)
            for cut_start, cut_end in windows[first:]:
                if cut_start >= end:
                    break
                if cut_start > cursor:
                    remaining.append((cursor, cut_start))
                cursor = max(cursor, cut_end)
            if cursor < end:
                remaining.append((cursor, end))
        return WorkSchedule(remaining, self._tz)
