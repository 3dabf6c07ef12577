from datetime import timedelta

from markupsafe import Markup, escape

from odoo import api, fields, models
from odoo.tools import SQL, format_datetime

from ..tools import SlaPlanner

SLA_STATUSES = [
    ("on_track", "On Track"),
    ("at_risk", "At Risk"),
    ("breached", "Breached"),
    ("met", "Met"),
]
ESCALATION_RANK = {False: 0, "at_risk": 1, "breached": 2}
SLA_DEADLINE_FIELDS = [
    "sla_response_deadline",
    "sla_resolution_deadline",
    "sla_deadline",
    "sla_at_risk_date",
]


class HelpdeskTicket(models.Model):
    """The SLA clock: deadlines in business time, pauses, status, escalation."""

    _inherit = "helpdesk.ticket"

    sla_start_date = fields.Datetime(
        string="Reported On",
        default=fields.Datetime.now,
        tracking=True,
        copy=False,
        help="When the client reported the case; the SLA clock starts at the "
        "next working minute after it. Set it when a phone or chat request is "
        "registered later.",
    )
    sla_response_deadline = fields.Datetime(
        string="Response Deadline",
        compute="_compute_sla_deadlines",
        store=True,
        tracking=True,
    )
    sla_resolution_deadline = fields.Datetime(
        string="Resolution Deadline",
        compute="_compute_sla_deadlines",
        store=True,
        tracking=True,
    )
    sla_deadline = fields.Datetime(
        string="Next SLA Deadline",
        compute="_compute_sla_deadlines",
        store=True,
        index=True,
        help="The response deadline until the first reply, then the "
        "resolution deadline.",
    )
    sla_at_risk_date = fields.Datetime(
        string="At Risk From",
        compute="_compute_sla_deadlines",
        store=True,
    )
    sla_first_response_date = fields.Datetime(
        string="First Response On", readonly=True, copy=False
    )
    sla_first_response_hours = fields.Float(
        string="First Response Time (business hours)",
        compute="_compute_sla_first_response_hours",
        store=True,
        aggregator="avg",
    )
    sla_paused_hours = fields.Float(
        string="Paused Time (business hours)",
        readonly=True,
        copy=False,
        help="Business time spent waiting on the customer; the deadlines move "
        "by this amount.",
    )
    sla_paused_since = fields.Datetime(readonly=True, copy=False)
    sla_status = fields.Selection(
        selection=SLA_STATUSES,
        string="SLA Status",
        compute="_compute_sla_status",
        store=True,
        index=True,
    )
    sla_next_check = fields.Datetime(
        compute="_compute_sla_status",
        store=True,
        index=True,
        help="When the SLA status changes next if nothing happens.",
    )
    sla_escalation = fields.Selection(
        selection=[("at_risk", "At Risk"), ("breached", "Breached")],
        string="Escalated As",
        readonly=True,
        copy=False,
    )
    sla_explanation = fields.Html(
        string="How Priority and Deadlines Were Set",
        compute="_compute_sla_explanation",
        sanitize=False,
    )

    # ------------------------------------------------------------------
    # Deadlines
    # ------------------------------------------------------------------

    def _sla_policy_line(self):
        self.ensure_one()
        if not self.sla_policy_id or not self.priority_level_id:
            return self.env["helpdesk.sla.policy.line"]
        return self.sla_policy_id._get_line(self.priority_level_id)

    def _sla_key(self):
        return (self.sla_policy_id.calendar_id, self.company_id)

    def _sla_planner(self):
        suspensions = self.env["helpdesk.sla.suspension"]

        def load_schedule(key, date_from, date_to):
            calendar, company = key
            windows = suspensions._windows(company, date_from, date_to)
            return calendar._sla_work_schedule(date_from, date_to, windows)

        timezones = {}

        def timezone(key):
            calendar = key[0]
            if calendar.id not in timezones:
                timezones[calendar.id] = calendar._sla_timezone()
            return timezones[calendar.id]

        calendars = self.env["resource.calendar"]
        planner = SlaPlanner(
            load_schedule,
            to_local=lambda key, moment: calendars._sla_utc_to_local(
                moment, timezone(key)
            ),
            to_utc=lambda key, moment: calendars._sla_local_to_utc(
                moment, timezone(key)
            ),
        )
        for key, tickets in self.grouped(lambda t: t._sla_key()).items():
            planner.prepare(key, tickets.mapped("sla_start_date"))
        return planner

    @api.depends(
        "sla_policy_id",
        "priority_level_id",
        "sla_start_date",
        "sla_paused_hours",
        "sla_first_response_date",
        "company_id",
    )
    def _compute_sla_deadlines(self):
        planner = self._sla_planner()
        for ticket in self:
            line = ticket._sla_policy_line()
            if not line or not ticket.sla_start_date:
                ticket.update(dict.fromkeys(SLA_DEADLINE_FIELDS, False))
                continue
            key = ticket._sla_key()
            start = ticket.sla_start_date
            paused = timedelta(hours=ticket.sla_paused_hours)
            response = planner.deadline(key, start, line._target("response"), paused)
            resolution = planner.deadline(
                key, start, line._target("resolution"), paused
            )
            current = resolution if ticket.sla_first_response_date else response
            threshold = ticket.sla_policy_id.at_risk_threshold / 100.0
            ticket.update(
                {
                    "sla_response_deadline": response or False,
                    "sla_resolution_deadline": resolution or False,
                    "sla_deadline": current or False,
                    "sla_at_risk_date": current
                    and planner.at_risk(key, start, current, paused, threshold)
                    or False,
                }
            )

    def _recompute_sla_deadlines(self):
        """Plan the deadlines again, e.g. after a force-majeure window or a
        target of the policy changed."""
        for name in SLA_DEADLINE_FIELDS:
            self.env.add_to_compute(self._fields[name], self)

    @api.depends("sla_first_response_date", "sla_start_date", "sla_policy_id")
    def _compute_sla_first_response_hours(self):
        responded = self.filtered(
            lambda t: t.sla_first_response_date and t.sla_policy_id
        )
        (self - responded).sla_first_response_hours = 0.0
        if not responded:
            return
        planner = responded._sla_planner()
        for ticket in responded:
            spent = planner.working_time(
                ticket._sla_key(),
                ticket.sla_start_date,
                ticket.sla_first_response_date,
            )
            ticket.sla_first_response_hours = spent.total_seconds() / 3600

    # ------------------------------------------------------------------
    # Status
    # ------------------------------------------------------------------

    @api.depends(
        "sla_deadline",
        "sla_at_risk_date",
        "sla_response_deadline",
        "sla_resolution_deadline",
        "sla_first_response_date",
        "stage_id",
        "closed_date",
    )
    def _compute_sla_status(self):
        now = fields.Datetime.now()
        for ticket in self:
            ticket.sla_status, ticket.sla_next_check = ticket._sla_evaluate(now)

    def _sla_evaluate(self, now):
        """(status, next check) of the ticket at ``now``."""
        self.ensure_one()
        if not self.sla_deadline:
            return False, False
        closed = self.stage_id.closed
        end = (self.closed_date or now) if closed else now
        response_late = (
            self.sla_first_response_date or end
        ) > self.sla_response_deadline
        if closed:
            late = response_late or end > self.sla_resolution_deadline
            return ("breached" if late else "met"), False
        if self.stage_id.sla_pause:
            # The deadlines move while the customer is awaited: only a reply
            # that already came late is final.
            if self.sla_first_response_date and response_late:
                return "breached", False
            at_risk = self.sla_at_risk_date and now >= self.sla_at_risk_date
            return ("at_risk" if at_risk else "on_track"), False
        if response_late or now > self.sla_resolution_deadline:
            return "breached", False
        if self.sla_at_risk_date and now >= self.sla_at_risk_date:
            return "at_risk", self.sla_deadline
        return "on_track", self.sla_at_risk_date or self.sla_deadline

    # ------------------------------------------------------------------
    # Pauses and first response
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        tickets = super().create(vals_list)
        tickets.filtered(lambda t: t.stage_id.sla_pause).sudo().write(
            {"sla_paused_since": fields.Datetime.now()}
        )
        return tickets

    def write(self, vals):
        if "stage_id" not in vals:
            return super().write(vals)
        stage = self.env["helpdesk.ticket.stage"].browse(vals["stage_id"])
        pauses = bool(stage.sla_pause) and not stage.closed
        now = fields.Datetime.now()
        self.filtered(lambda t: t.sla_paused_since and not pauses)._sla_resume(now)
        pausing = self.filtered(lambda t: not t.sla_paused_since and pauses)
        result = super().write(vals)
        pausing.sudo().write({"sla_paused_since": now})
        return result

    def _sla_resume(self, now):
        """Add the business time spent waiting on the customer to the pause
        total, which moves the deadlines."""
        planner = self._sla_planner()
        for ticket in self.sudo():
            waited = timedelta(0)
            if ticket.sla_policy_id:
                waited = planner.working_time(
                    ticket._sla_key(), ticket.sla_paused_since, now
                )
            ticket.write(
                {
                    "sla_paused_hours": ticket.sla_paused_hours
                    + waited.total_seconds() / 3600,
                    "sla_paused_since": False,
                }
            )

    def _message_post_after_hook(self, message, msg_vals):
        result = super()._message_post_after_hook(message, msg_vals)
        if self._is_sla_first_response(message):
            self.sudo().write({"sla_first_response_date": fields.Datetime.now()})
        return result

    def _is_sla_first_response(self, message):
        """A first response is the first public reply written by an agent:
        not an internal note, not an automatic message, not the client."""
        if len(self) != 1 or self.sla_first_response_date:
            return False
        if message.message_type != "comment" or message.subtype_id.internal:
            return False
        if not message.subtype_id:
            return False
        author_users = message.author_id.user_ids
        root = self.env.ref("base.partner_root", raise_if_not_found=False)
        return (
            bool(author_users)
            and not all(author_users.mapped("share"))
            and message.author_id != root
        )

    # ------------------------------------------------------------------
    # Escalation
    # ------------------------------------------------------------------

    def _lock_for_sla(self):
        """The tickets of ``self`` that no other worker is processing."""
        if not self:
            return self
        self.env.cr.execute(
            SQL(
                "SELECT id FROM helpdesk_ticket WHERE id IN %s FOR UPDATE SKIP LOCKED",
                tuple(self.ids),
            )
        )
        return self.browse([row[0] for row in self.env.cr.fetchall()])

    def _sla_escalation_domain(self):
        return [
            ("closed", "=", False),
            "|",
            "&",
            ("sla_status", "=", "at_risk"),
            ("sla_escalation", "=", False),
            "&",
            ("sla_status", "=", "breached"),
            ("sla_escalation", "in", [False, "at_risk"]),
        ]

    @api.model
    def _cron_sla_update(self, batch_size=200):
        """Refresh the SLA status of the tickets whose status is due to
        change, then escalate the new at-risk and breached ones.

        One batch per call: ``ir.cron`` commits and calls again while
        progress remains. Rows are locked with SKIP LOCKED, and a ticket is
        escalated once per status, so a rerun or a second worker neither
        notifies twice nor waits.
        """
        now = fields.Datetime.now()
        due_domain = [("sla_next_check", "<=", now)]
        due = self.search(due_domain, limit=batch_size)._lock_for_sla()
        due._compute_sla_status()
        due.flush_recordset()
        escalating = self.browse()
        if len(due) < batch_size:
            escalating = self.search(
                self._sla_escalation_domain(), limit=batch_size - len(due)
            )._lock_for_sla()
            escalating._sla_escalate()
        remaining = self.search_count(due_domain) + self.search_count(
            self._sla_escalation_domain()
        )
        self.env["ir.cron"]._notify_progress(
            done=len(due) + len(escalating), remaining=remaining
        )

    def _sla_escalate(self):
        for ticket in self:
            status = ticket.sla_status
            if ESCALATION_RANK[status] <= ESCALATION_RANK[ticket.sla_escalation]:
                continue
            body = ticket._sla_escalation_message()
            leader = ticket.team_id.user_id or ticket.user_id
            if leader:
                ticket.activity_schedule(
                    "helpdesk_priority_matrix.mail_activity_type_sla_escalation",
                    user_id=leader.id,
                    summary=body,
                    date_deadline=fields.Date.context_today(ticket),
                )
            ticket.message_post(
                body=body,
                subtype_xmlid=f"helpdesk_priority_matrix.mt_ticket_sla_{status}",
            )
            ticket.sla_escalation = status

    def _sla_escalation_message(self):
        self.ensure_one()
        deadline = format_datetime(self.env, self.sla_deadline, dt_format="short")
        if self.sla_status == "breached":
            return self.env._(
                "SLA breached: the deadline of %(deadline)s was missed.",
                deadline=deadline,
            )
        return self.env._(
            "SLA at risk: the deadline is %(deadline)s.", deadline=deadline
        )

    # ------------------------------------------------------------------
    # Explanation
    # ------------------------------------------------------------------

    @api.depends(
        "priority_level_id",
        "impact",
        "urgency",
        "sla_policy_id",
        "sla_deadline",
        "sla_paused_hours",
        "sla_paused_since",
    )
    def _compute_sla_explanation(self):
        for ticket in self:
            lines = [ticket._explain_priority()] + ticket._explain_deadlines()
            ticket.sla_explanation = Markup("<ul>%s</ul>") % Markup("").join(
                Markup("<li>%s</li>") % line for line in lines if line
            )

    def _explain_priority(self):
        labels = dict(self._fields["impact"]._description_selection(self.env))
        matrix = self._priority_matrix()
        if not self.priority_level_id:
            return self.env._("No priority level yet.")
        if self.priority_level_overridden:
            return self.env._(
                "Priority %(level)s set by an agent; the matrix %(matrix)s "
                "gives %(matrix_level)s for impact %(impact)s and urgency "
                "%(urgency)s.",
                level=self.priority_level_id.display_name,
                matrix=matrix.name,
                matrix_level=self.matrix_priority_level_id.display_name,
                impact=labels.get(self.impact),
                urgency=labels.get(self.urgency),
            )
        return self.env._(
            "Priority %(level)s from the matrix %(matrix)s: impact %(impact)s "
            "and urgency %(urgency)s.",
            level=self.priority_level_id.display_name,
            matrix=matrix.name or "-",
            impact=labels.get(self.impact),
            urgency=labels.get(self.urgency),
        )

    def _explain_deadlines(self):
        if not self.sla_policy_id:
            return [self.entitlement_message or self.env._("No SLA policy applies.")]
        line = self._sla_policy_line()
        calendar = self.sla_policy_id.calendar_id
        if not line:
            return [
                self.env._(
                    "The policy %(policy)s has no target for %(level)s.",
                    policy=self.sla_policy_id.name,
                    level=self.priority_level_id.display_name,
                )
            ]
        explanation = [
            self.env._(
                "Policy %(policy)s, line %(level)s: response within %(response)s, "
                "resolution within %(resolution)s.",
                policy=self.sla_policy_id.name,
                level=line.level_id.display_name,
                response=line._format_target("response"),
                resolution=line._format_target("resolution"),
            ),
            self.env._(
                "Working hours %(calendar)s (%(tz)s); public holidays and force "
                "majeure windows do not count. The clock started at the first "
                "working minute after %(start)s.",
                calendar=calendar.name,
                tz=calendar.tz or "UTC",
                start=format_datetime(self.env, self.sla_start_date, dt_format="short"),
            ),
        ]
        if self.sla_paused_hours:
            explanation.append(
                self.env._(
                    "Waiting on the customer paused the clock for %(hours)s "
                    "business hours; the deadlines moved by as much.",
                    hours=format(self.sla_paused_hours, ".2f"),
                )
            )
        if self.sla_paused_since:
            explanation.append(
                self.env._(
                    "Paused since %(since)s: the ticket waits on the customer.",
                    since=format_datetime(
                        self.env, self.sla_paused_since, dt_format="short"
                    ),
                )
            )
        return [escape(text) for text in explanation]
