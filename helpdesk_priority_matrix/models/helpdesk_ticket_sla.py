from datetime import timedelta

from odoo import api, fields, models

from ..tools import SlaPlanner
from ..tools.sla_status import SlaClock, evaluate

SLA_STATUSES = [
    ("on_track", "On Track"),
    ("at_risk", "At Risk"),
    ("breached", "Breached"),
    ("met", "Met"),
]
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
    sla_response_paused_hours = fields.Float(
        string="Paused Before First Response (business hours)",
        readonly=True,
        copy=False,
        help="Waiting time that moved the response deadline; pauses after the "
        "first reply no longer move it.",
    )
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
    # ------------------------------------------------------------------
    # Deadlines
    # ------------------------------------------------------------------

    def _sla_policy_line(self):
        self.ensure_one()
        if not self.sla_policy_id or not self.priority_level_id:
            return self.env["helpdesk.sla.policy.line"]
        return self.sla_policy_id._get_line(self.priority_level_id)

    def _sla_key(self):
        calendar_id = self.sla_policy_id._planning_terms().calendar_id
        return (self.env["resource.calendar"].browse(calendar_id), self.company_id)

    def _sla_planner(self):
        def load_schedule(key, date_from, date_to):
            calendar, company = key
            return calendar._sla_schedule(company, date_from, date_to)

        planner = SlaPlanner(load_schedule)
        for key, tickets in self.grouped(lambda t: t._sla_key()).items():
            planner.prepare(key, tickets.mapped("sla_start_date"))
        return planner

    @api.depends(
        "sla_policy_id",
        "sla_policy_id.at_risk_threshold",
        "priority_level_id",
        "sla_start_date",
        "sla_paused_hours",
        "sla_response_paused_hours",
        "sla_first_response_date",
        "company_id",
    )
    def _compute_sla_deadlines(self):
        planner = self._sla_planner()
        for ticket in self:
            terms = ticket.sla_policy_id and ticket.sla_policy_id._planning_terms()
            targets = terms and terms.targets.get(ticket.priority_level_id.id)
            if not targets or not ticket.sla_start_date:
                ticket.update(dict.fromkeys(SLA_DEADLINE_FIELDS, False))
                continue
            response_target, resolution_target = targets
            key = ticket._sla_key()
            start = ticket.sla_start_date
            paused = timedelta(hours=ticket.sla_paused_hours)
            response_paused = (
                timedelta(hours=ticket.sla_response_paused_hours)
                if ticket.sla_first_response_date
                else paused
            )
            response = planner.deadline(key, start, response_target, response_paused)
            resolution = planner.deadline(key, start, resolution_target, paused)
            current = resolution if ticket.sla_first_response_date else response
            threshold = terms.at_risk_share
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
        for name in SLA_DEADLINE_FIELDS + ["sla_status", "sla_next_check"]:
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
        "sla_paused_since",
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
            status, next_check = evaluate(ticket._sla_clock(), now)
            ticket.sla_status = status or False
            ticket.sla_next_check = next_check or False

    def _sla_clock(self):
        self.ensure_one()
        return SlaClock(
            deadline=self.sla_deadline or None,
            response_deadline=self.sla_response_deadline or None,
            resolution_deadline=self.sla_resolution_deadline or None,
            at_risk_date=self.sla_at_risk_date or None,
            first_response=self.sla_first_response_date or None,
            closed=self.stage_id.closed,
            closed_date=self.closed_date or None,
            paused=self.stage_id.sla_pause,
            paused_since=self.sla_paused_since or None,
        )

    # ------------------------------------------------------------------
    # Pauses and first response
    # ------------------------------------------------------------------

    def _sla_start_paused(self):
        """Tickets created in a waiting stage start with a paused clock."""
        waiting = self.filtered(lambda t: t.stage_id.sla_pause)
        if waiting:
            waiting.sudo().write({"sla_paused_since": fields.Datetime.now()})

    def _sla_pause_change(self, vals):
        """Before a stage change: which tickets resume, which pause, when."""
        if not vals.get("stage_id"):
            return None
        stage = self.env["helpdesk.ticket.stage"].browse(vals["stage_id"])
        pauses = bool(stage.sla_pause) and not stage.closed
        return (
            self.filtered(lambda t: t.sla_paused_since and not pauses),
            self.filtered(lambda t: not t.sla_paused_since and pauses),
            fields.Datetime.now(),
        )

    def _sla_apply_pause_change(self, change):
        if not change:
            return
        resuming, pausing, now = change
        resuming._sla_resume(now)
        pausing.sudo().write({"sla_paused_since": now})

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
            self.sudo().write(
                {
                    "sla_first_response_date": fields.Datetime.now(),
                    "sla_response_paused_hours": self.sla_paused_hours,
                }
            )
        return result

    def _is_sla_first_response(self, message):
        """A first response is the first public reply written by an agent,
        in the chatter or by email from their mail client: not an internal
        note, not an automatic message, not the client."""
        if len(self) != 1 or self.sla_first_response_date:
            return False
        if message.message_type not in ("comment", "email"):
            return False
        # An author with an internal user is not a "share" partner; the
        # client's emails stop here, before the subtype is read.
        author = message.author_id
        if not author or author.partner_share:
            return False
        root_id = self.env["ir.model.data"]._xmlid_to_res_id(
            "base.partner_root", raise_if_not_found=False
        )
        if author.id == root_id:
            return False
        return bool(message.subtype_id) and not message.subtype_id.internal
