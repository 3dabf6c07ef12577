from datetime import datetime, time, timedelta

import pytz

from odoo import models

from ..tools import WorkSchedule


class ResourceCalendar(models.Model):
    _inherit = "resource.calendar"

    def _sla_timezone(self):
        self.ensure_one()
        return pytz.timezone(self.tz or "UTC")

    def _sla_work_schedule(self, date_from, date_to, excluded_windows=()):
        """Business time of this calendar between two naive UTC datetimes.

        Public holidays (global leaves) are removed, and so are the
        ``excluded_windows`` (naive UTC pairs, e.g. force-majeure
        suspensions). The schedule is expressed in naive local time of the
        calendar, which is what business days are counted in.
        """
        self.ensure_one()
        tz = self._sla_timezone()
        start = pytz.utc.localize(date_from)
        end = pytz.utc.localize(date_to)
        intervals = self._work_intervals_batch(start, end)[False]
        schedule = WorkSchedule(
            (self._sla_to_local(a, tz), self._sla_to_local(b, tz))
            for a, b, _meta in intervals
        )
        if excluded_windows:
            schedule = schedule.subtract(
                [
                    (self._sla_utc_to_local(a, tz), self._sla_utc_to_local(b, tz))
                    for a, b in excluded_windows
                ]
            )
        return schedule

    @staticmethod
    def _sla_to_local(moment, tz):
        local = moment.astimezone(tz).replace(tzinfo=None)
        # resource.calendar ends a 24:00 attendance at 23:59:59.999999
        if local.time() == time.max:
            return datetime.combine(local.date() + timedelta(days=1), time.min)
        return local

    @staticmethod
    def _sla_utc_to_local(moment, tz):
        return pytz.utc.localize(moment).astimezone(tz).replace(tzinfo=None)

    def _sla_local_to_utc(self, moment):
        self.ensure_one()
        if not moment:
            return False
        local = self._sla_timezone().localize(moment, is_dst=False)
        return local.astimezone(pytz.utc).replace(tzinfo=None, microsecond=0)

    def _sla_utc_to_calendar(self, moment):
        self.ensure_one()
        return self._sla_utc_to_local(moment, self._sla_timezone())
