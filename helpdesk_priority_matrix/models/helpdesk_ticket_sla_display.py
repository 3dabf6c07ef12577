from babel.dates import format_timedelta

from odoo import api, fields, models
from odoo.tools.misc import babel_locale_parse, get_lang

from ..tools.working_hours import format_ranges, weekly_summary

SLA_CLOCK_STATES = [("running", "Running"), ("paused", "Paused")]


class HelpdeskTicket(models.Model):
    """The SLA clock as people see it: paused or running, the next deadline
    of an open ticket, in the reader's time zone, and the service hours."""

    _inherit = "helpdesk.ticket"

    sla_clock_state = fields.Selection(
        selection=SLA_CLOCK_STATES,
        string="SLA Clock",
        compute="_compute_sla_clock_state",
        help="Paused while the ticket waits on the customer.",
    )

    @api.depends("sla_paused_since", "sla_policy_id")
    def _compute_sla_clock_state(self):
        for ticket in self:
            if not ticket.sla_policy_id:
                ticket.sla_clock_state = False
            elif ticket.sla_paused_since:
                ticket.sla_clock_state = "paused"
            else:
                ticket.sla_clock_state = "running"

    def _portal_timezone(self, user=None):
        """The time zone a client reads the ticket's dates in: the user's,
        else the one of the service's working hours, else the company's.

        Portal pages render tickets as superuser: they pass the visitor."""
        self.ensure_one()
        user = user or self.env.user
        return (
            user.tz
            or self.sudo().sla_policy_id.calendar_id.tz
            or (self.company_id or self.env.company)._helpdesk_timezone()
        )

    def _portal_next_deadline(self):
        """The deadline the client waits for, none once the ticket is
        closed or while the clock waits on the client."""
        self.ensure_one()
        if self.stage_id.closed or self.sla_paused_since:
            return False
        return self.sla_deadline

    def _portal_time_left(self, now=None):
        """'in 3 hours' or '2 hours ago', in the reader's language."""
        self.ensure_one()
        deadline = self._portal_next_deadline()
        if not deadline:
            return ""
        delta = deadline - (now or fields.Datetime.now())
        return format_timedelta(
            delta,
            add_direction=True,
            threshold=1.5,
            locale=babel_locale_parse(get_lang(self.env).code),
        )

    def _portal_working_hours(self):
        """The service's weekly hours, one line per run of equal days, e.g.
        'Monday - Friday: 08:30-12:30, 13:30-17:30'."""
        self.ensure_one()
        calendar = self.sudo().sla_policy_id.calendar_id
        if not calendar:
            return []
        wide = babel_locale_parse(get_lang(self.env).code).days["format"]["wide"]
        days = {day: name[:1].upper() + name[1:] for day, name in wide.items()}
        rows = [
            (int(att.dayofweek), att.hour_from, att.hour_to)
            for att in calendar.attendance_ids
            if att.day_period != "lunch" and not att.display_type
        ]
        lines = []
        for first, last, ranges in weekly_summary(rows):
            label = days[first] if first == last else f"{days[first]} - {days[last]}"
            lines.append(f"{label}: {format_ranges(ranges)}")
        return lines

    def _portal_force_majeure(self, now=None):
        """Force-majeure windows of the ticket's company that have not ended:
        the client sees why the clock stands still."""
        self.ensure_one()
        return self.env["helpdesk.sla.suspension"]._portal_notices(
            self.company_id or self.env.company, now
        )
