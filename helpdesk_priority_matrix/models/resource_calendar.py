from datetime import time, timedelta, timezone
from zoneinfo import ZoneInfo

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import ormcache

from ..tools import WorkSchedule


class ResourceCalendar(models.Model):
    _inherit = "resource.calendar"

    # The service hours a client reads on the portal and in the mails are
    # named in the reader's language.
    name = fields.Char(translate=True)

    def write(self, vals):
        result = super().write(vals)
        if {"attendance_ids", "tz", "leave_ids", "global_leave_ids"} & set(vals):
            self._sla_replan()
        return result

    def _sla_replan(self):
        """Open tickets planned on these calendars get their deadlines
        planned again: a public holiday, new working hours or another time
        zone move them."""
        self.env.registry.clear_cache()
        policies = self.env["helpdesk.sla.policy"].with_context(active_test=False)
        policies.search([("calendar_id", "in", self.ids)])._recompute_open_tickets()

    @api.ondelete(at_uninstall=False)
    def _unlink_except_sla_policy(self):
        policies = (
            self.env["helpdesk.sla.policy"]
            .with_context(active_test=False)
            .search([("calendar_id", "in", self.ids)])
        )
        if policies:
            raise UserError(
                self.env._(
                    "These working hours are used by the SLA policies %(policies)s: "
                    "give those policies other working hours first.",
                    policies=", ".join(policies.mapped("name")),
                )
            )

    def _sla_timezone(self):
        self.ensure_one()
        # zoneinfo rather than pytz: converting thousands of deadlines is on
        # the hot path, and pytz's localize() costs more than the planning.
        return ZoneInfo(self.tz or "UTC")

    def _sla_work_schedule(self, date_from, date_to, excluded_windows=()):
        """Business time of this calendar between two naive UTC datetimes.

        Public holidays (global leaves) are removed, and so are the
        ``excluded_windows`` (naive UTC pairs, e.g. force-majeure
        suspensions). Each interval's bounds are converted to UTC on their
        own, so that the day a daylight-saving change makes 23 or 25 hours
        long counts as such; the schedule counts business days on the
        calendar's local dates.
        """
        self.ensure_one()
        start = date_from.replace(tzinfo=timezone.utc)
        end = date_to.replace(tzinfo=timezone.utc)
        intervals = self._work_intervals_batch(start, end)[False]
        schedule = WorkSchedule(
            ((self._sla_utc(a), self._sla_utc(b)) for a, b, _meta in intervals),
            self._sla_timezone(),
        )
        if excluded_windows:
            schedule = schedule.subtract(excluded_windows)
        return schedule

    @staticmethod
    def _sla_utc(moment):
        """Naive UTC instant of an interval bound given in local time."""
        # resource.calendar ends a 24:00 attendance at 23:59:59.999999
        if moment.time() == time.max:
            moment += timedelta.resolution
        return moment.astimezone(timezone.utc).replace(tzinfo=None)

    def _sla_schedule(self, company, date_from, date_to):
        """The SLA schedule of this calendar for ``company`` (whose
        force-majeure windows it excludes), over whole months around the
        range: the same months serve every ticket created in them, across
        transactions, until the calendar, its leaves or the windows change."""
        month_from = date_from.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
        month_to = (date_to.replace(day=1) + timedelta(days=32)).replace(
            day=1, hour=0, minute=0, second=0, microsecond=0
        )
        return self._sla_cached_schedule(company.id, month_from, month_to)

    @ormcache("self.id", "company_id", "date_from", "date_to")
    def _sla_cached_schedule(self, company_id, date_from, date_to):
        company = self.env["res.company"].browse(company_id)
        windows = self.env["helpdesk.sla.suspension"]._windows(
            company, date_from, date_to
        )
        return self._sla_work_schedule(date_from, date_to, windows)
