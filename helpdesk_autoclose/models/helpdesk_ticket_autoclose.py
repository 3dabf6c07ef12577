from datetime import timedelta

from psycopg2 import errors as pg_errors

from odoo import api, fields, models
from odoo.tools import SQL

from ..tools import priority_drop_due, waiting_due_dates

AUTOCLOSE_DUE_FIELDS = [
    "autoclose_reminder_due",
    "autoclose_close_due",
    "autoclose_priority_drop_due",
]
CLOSE_REASONS = [
    ("inactivity", "No answer from the client"),
    ("solved", "Solution confirmed by the client"),
    ("accepted", "Solution accepted without answer"),
]
# Fields that decide whether a ticket waits on the client (its stage kind).
WAITING_KIND_FIELDS = {"stage_id", "team_id", "company_id"}
# Context key of the messages and stage moves this module makes by itself:
# they neither answer nor ask the client anything.
AUTOMATIC = "autoclose_automatic"


class HelpdeskTicket(models.Model):
    """Who spoke last: the waiting-on-the-client clock, its due dates and
    the cron that reminds, closes and lowers priorities when they are due.

    The stage moves, messages and creations that concern the other features
    (validation, reply after close, duplicates, priority drop) are routed
    from the one ``create``, ``write`` and message hook of this file to the
    named steps of their own files.
    """

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
    autoclose_close_reason = fields.Selection(
        selection=CLOSE_REASONS,
        string="Closed Because",
        readonly=True,
        copy=False,
        tracking=True,
    )

    # ------------------------------------------------------------------
    # Rule and stage kind
    # ------------------------------------------------------------------

    def _autoclose_rule(self, rules=None):
        """The inactivity rule of the ticket's team or company; ``rules``
        caches the answers while a batch is processed."""
        self.ensure_one()
        company = self.company_id or self.env.company
        key = (self.team_id.id, company.id)
        cache = {} if rules is None else rules
        if key not in cache:
            cache[key] = (
                self.env["helpdesk.autoclose.rule"]
                .sudo()
                ._for_team(self.team_id, company)
            )
        return cache[key]

    def _autoclose_stage_kind(self, rules=None):
        """``waiting`` when the stage waits on the client's answer,
        ``validation`` when it waits on the client's verdict on a solution,
        else False."""
        self.ensure_one()
        rule = self._autoclose_rule(rules)
        if not rule or self.stage_id.closed:
            return False
        return rule._stage_kinds().get(self.stage_id.id, False)

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

    # ------------------------------------------------------------------
    # create / write / messages
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        tickets = super().create(vals_list)
        tickets._autoclose_start_waiting()
        tickets._autoclose_flag_duplicates()
        return tickets

    def write(self, vals):
        # The team and the company choose the rule, hence whether the stage
        # waits on the client: moving a ticket is a stage change for it.
        if not WAITING_KIND_FIELDS & set(vals):
            return super().write(vals)
        rules = {}
        kinds_before = {
            ticket.id: ticket._autoclose_stage_kind(rules) for ticket in self
        }
        result = super().write(vals)
        self._autoclose_stage_changed(kinds_before, rules)
        return result

    def _autoclose_start_waiting(self):
        """Tickets created straight into a waiting stage wait from now."""
        now = fields.Datetime.now()
        rules = {}
        for ticket in self:
            kind = ticket._autoclose_stage_kind(rules)
            if kind:
                ticket.sudo().autoclose_waiting_since = now
            if kind == "validation":
                ticket._autoclose_propose_solution()

    def _autoclose_stage_changed(self, kinds_before, rules):
        """Start a waiting period on entering a waiting stage, end it on
        leaving one; a solution proposed asks the client for a verdict."""
        now = fields.Datetime.now()
        for ticket in self:
            kind, before = ticket._autoclose_stage_kind(rules), kinds_before[ticket.id]
            if kind == before:
                continue
            ticket.sudo().autoclose_waiting_since = now if kind else False
            if before == "validation":
                ticket._autoclose_withdraw_solution()
            if kind == "validation":
                ticket._autoclose_propose_solution()

    def _message_post_after_hook(self, message, msg_vals):
        result = super()._message_post_after_hook(message, msg_vals)
        if len(self) == 1 and not self.env.context.get(AUTOMATIC):
            speaker = self._autoclose_speaker(message)
            if speaker == "client":
                self._autoclose_client_spoke(message)
            elif speaker == "agent":
                self._autoclose_agent_spoke()
        return result

    def _autoclose_speaker(self, message):
        """``client`` or ``agent`` for a public message written by a person,
        False for internal notes, automatic and tracking messages, ratings
        and follower changes."""
        if message.message_type not in ("comment", "email"):
            return False
        if message.subtype_id != self.env.ref("mail.mt_comment"):
            return False
        author = message.author_id
        if author == self.env.ref("base.partner_root"):
            return False
        users = author.with_context(active_test=False).user_ids
        if users and not all(users.mapped("share")):
            return "agent"
        return "client"

    def _autoclose_client_spoke(self, message):
        """The client answered: the clock stops and the ticket goes back to
        the agents (``helpdesk_ticket_partner_response`` may have moved it
        already); on a closed ticket the reply-after-close policy applies."""
        if self.stage_id.closed:
            self._autoclose_reply_after_close(message)
            return
        if not self.autoclose_waiting_since:
            return
        rule = self._autoclose_rule()
        ticket = self.sudo().with_context(**{AUTOMATIC: True})
        if self._autoclose_stage_kind():
            ticket.write({"stage_id": rule.answered_stage_id.id})
        ticket.autoclose_waiting_since = False

    def _autoclose_agent_spoke(self):
        """An agent's public reply asks the client something: a waiting
        ticket waits again from now, and with the rule's setting an
        agent-side ticket moves to the waiting stage."""
        if self.stage_id.closed:
            return
        kind = self._autoclose_stage_kind()
        if kind == "waiting":
            self.sudo().autoclose_waiting_since = fields.Datetime.now()
            return
        rule = self._autoclose_rule()
        if not kind and rule.reply_wait_stage_id:
            self.sudo().write({"stage_id": rule.reply_wait_stage_id.id})

    # ------------------------------------------------------------------
    # Cron
    # ------------------------------------------------------------------

    def _autoclose_lock_due(self, field_name, now, limit):
        """Up to ``limit`` active tickets due by ``now`` on ``field_name``,
        locked for this transaction; rows another worker holds are skipped.

        One statement, in due order, through the partial index of the due
        date: the cost does not grow with the number of open tickets. A row
        that a worker changed and committed since this transaction's
        snapshot cannot be locked and fails the statement; the due rows are
        then locked one by one, each in a savepoint, skipping those.
        """
        if limit <= 0:
            return self.browse()
        self.flush_model([field_name, "active"])
        column = SQL.identifier(field_name)
        due = SQL(
            "SELECT id FROM helpdesk_ticket WHERE %s <= %s AND active "
            "ORDER BY %s, id LIMIT %s",
            column,
            now,
            column,
            limit,
        )
        try:
            with self.env.cr.savepoint(flush=False):
                self.env.cr.execute(SQL("%s FOR UPDATE SKIP LOCKED", due))
                return self.browse([row[0] for row in self.env.cr.fetchall()])
        except pg_errors.SerializationFailure:
            self.env.cr.execute(due)
            candidates = self.browse([row[0] for row in self.env.cr.fetchall()])
        return candidates._lock_for_batch()

    @api.model
    def _cron_autoclose(self, batch_size=100):
        """Remind, lower the priority of, and close the tickets that are due.

        One batch per call: ``ir.cron`` commits and calls again while
        progress remains. The markers (reminded period, lowered period,
        closing stage) are written in the same transaction as the messages,
        so a rerun, a crash in the middle of a batch or a second worker
        never reminds or closes twice.
        """
        now = fields.Datetime.now()
        done = 0
        for field_name, step in (
            ("autoclose_reminder_due", "_autoclose_remind"),
            ("autoclose_priority_drop_due", "_autoclose_lower_priority"),
            ("autoclose_close_due", "_autoclose_close_due_tickets"),
        ):
            tickets = self._autoclose_lock_due(field_name, now, batch_size - done)
            getattr(tickets, step)()
            tickets.flush_recordset()
            done += len(tickets)
        remaining = sum(
            self.search_count([(name, "<=", now)]) for name in AUTOCLOSE_DUE_FIELDS
        )
        self.env["ir.cron"]._notify_progress(done=done, remaining=remaining)

    def _autoclose_post(self, template_xmlid):
        """Post a client-facing template on the ticket as an automatic
        message (it neither answers nor asks anything)."""
        template = self.env.ref(template_xmlid, raise_if_not_found=False)
        if not template:
            return
        for ticket in self.with_context(**{AUTOMATIC: True}):
            ticket.message_post_with_source(
                template,
                subtype_xmlid="mail.mt_comment",
                partner_ids=ticket.partner_id.ids,
            )

    def _autoclose_remind(self):
        for ticket in self:
            ticket._autoclose_post(
                "helpdesk_autoclose.mail_template_autoclose_reminder"
            )
            ticket.autoclose_reminded_since = ticket.autoclose_waiting_since

    def _autoclose_close_due_tickets(self):
        """Close the due tickets: a solution without verdict as accepted, a
        question without answer for inactivity."""
        rules = {}
        validation = self.filtered(
            lambda t: t._autoclose_stage_kind(rules) == "validation"
        )
        validation._autoclose_close_solved("accepted")
        for ticket in (self - validation).with_context(**{AUTOMATIC: True}):
            rule = ticket._autoclose_rule()
            ticket.write(
                {
                    "stage_id": rule.close_stage_id.id,
                    "autoclose_close_reason": "inactivity",
                }
            )
            ticket._autoclose_post("helpdesk_autoclose.mail_template_autoclose_closed")


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
