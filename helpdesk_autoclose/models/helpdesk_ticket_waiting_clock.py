from datetime import timedelta

from odoo import api, fields, models

from ..tools import priority_drop_due, waiting_due_dates

AUTOCLOSE_DUE_FIELDS = [
    "autoclose_reminder_due",
    "autoclose_close_due",
    "autoclose_priority_drop_due",
]


class HelpdeskTicket(models.Model):
    """The waiting-on-the-client clock: since when a ticket waits, and the
    due dates of its reminder, close and priority drop, counted in business
    days of its calendar and stored for the cron's indexed search."""

    _inherit = "helpdesk.ticket"

    autoclose_waiting_since = fields.Datetime(
        string="Waiting on Client Since",
        readonly=True,
        copy=False,
        tracking=True,
        help="When an agent's public reply or the move to a waiting stage "
        "asked the client something; cleared when the client answers.",
    )
    autoclose_reminded_since = fields.Datetime(
        readonly=True,
        copy=False,
        help="Waiting period whose reminder was sent (same value as the "
        "waiting date): a ticket is reminded once per period.",
    )
    autoclose_dropped_since = fields.Datetime(
        readonly=True,
        copy=False,
        help="Waiting period in which the priority was lowered.",
    )
    autoclose_reminder_due = fields.Datetime(
        string="Reminder Due",
        compute="_compute_autoclose_due",
        store=True,
        index="btree_not_null",
        copy=False,
    )
    autoclose_close_due = fields.Datetime(
        string="Closes On",
        compute="_compute_autoclose_due",
        store=True,
        index="btree_not_null",
        copy=False,
        help="When the ticket closes itself unless the client answers.",
    )
    autoclose_priority_drop_due = fields.Datetime(
        string="Priority Drops On",
        compute="_compute_autoclose_due",
        store=True,
        index="btree_not_null",
        copy=False,
    )

    # ------------------------------------------------------------------
    # Due dates
    # ------------------------------------------------------------------

    def _autoclose_clock_key(self):
        """(calendar, company) the waiting delays are counted on: business
        days follow the working hours of the ticket's service level, else
        the team's or the company's."""
        self.ensure_one()
        company = self.company_id or self.env.company
        calendar = (
            self.sla_policy_id.calendar_id
            or self.team_id.sla_policy_id.calendar_id
            or company.helpdesk_sla_policy_id.calendar_id
            or company.resource_calendar_id
        )
        return (calendar, company)

    def _autoclose_clock(self):
        """One business-time schedule per calendar for the whole batch."""
        clock = WaitingClock()
        waiting = self.filtered("autoclose_waiting_since")
        for key, tickets in waiting.grouped(lambda t: t._autoclose_clock_key()).items():
            if key[0]:
                clock.prepare(key, tickets.mapped("autoclose_waiting_since"))
        return clock

    @api.depends(
        "autoclose_waiting_since",
        "autoclose_reminded_since",
        "autoclose_dropped_since",
        "stage_id",
        "team_id",
        "company_id",
        "sla_policy_id",
        "priority_level_id",
    )
    def _compute_autoclose_due(self):
        clock = self._autoclose_clock()
        rules = {}
        for ticket in self:
            ticket.update(ticket._autoclose_due_values(clock, rules))

    def _autoclose_due_values(self, clock, rules):
        values = dict.fromkeys(AUTOCLOSE_DUE_FIELDS, False)
        since = self.autoclose_waiting_since
        kind = since and self._autoclose_stage_kind(rules)
        key = kind and self._autoclose_clock_key()
        if not key or not key[0]:
            return values
        rule = self._autoclose_rule(rules)
        schedule = clock.schedule(key, since)
        if kind == "validation":
            _reminder, close = waiting_due_dates(
                schedule, since, 0, rule.validation_days
            )
            values["autoclose_close_due"] = close or False
            return values
        reminder, close = waiting_due_dates(
            schedule, since, rule.reminder_days, rule.close_days
        )
        values["autoclose_close_due"] = close or False
        if self.autoclose_reminded_since != since:
            values["autoclose_reminder_due"] = reminder or False
        if self._autoclose_priority_may_drop(rule):
            values["autoclose_priority_drop_due"] = (
                priority_drop_due(schedule, since, rule.priority_drop_hours) or False
            )
        return values

    def _recompute_autoclose_due(self):
        """Plan the due dates again, e.g. after a rule changed."""
        for name in AUTOCLOSE_DUE_FIELDS:
            self.env.add_to_compute(self._fields[name], self)

    def _recompute_sla_deadlines(self):
        """What moves the SLA deadlines (a force-majeure window, working
        hours) moves the waiting delays too."""
        result = super()._recompute_sla_deadlines()
        self.filtered("autoclose_waiting_since")._recompute_autoclose_due()
        return result


class WaitingClock:
    """The working time of the calendars of a batch of waiting tickets.

    Schedules are the foundation's SLA schedules (public holidays and the
    company's force-majeure windows excluded, business days counted on the
    calendar's local dates, cached across transactions), loaded once per
    calendar and company for the whole batch, over a year: enough for the
    longest delay a rule allows on any calendar with one working day a week.
    """

    HORIZON = timedelta(days=366)

    def __init__(self):
        self._starts = {}
        self._schedules = {}

    def prepare(self, key, starts):
        """Declare the waiting dates of ``key`` (calendar, company), so that
        one schedule covers them all."""
        self._starts[key] = (min(starts), max(starts))

    def schedule(self, key, start):
        """A schedule of ``key`` from before ``start`` to a year after."""
        loaded = self._schedules.get(key)
        if loaded and loaded[0] <= start <= loaded[1]:
            return loaded[2]
        first, last = self._starts.get(key, (start, start))
        first, last = min(first, start), max(last, start)
        calendar, company = key
        schedule = calendar._sla_schedule(
            company, first - timedelta(days=1), last + self.HORIZON
        )
        self._schedules[key] = (first, last, schedule)
        return schedule
