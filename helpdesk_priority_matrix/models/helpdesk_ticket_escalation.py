from odoo import api, fields, models
from odoo.tools import format_datetime

ESCALATION_RANK = {False: 0, "at_risk": 1, "breached": 2}
ESCALATIONS = [("at_risk", "At Risk"), ("breached", "Breached")]


class HelpdeskTicket(models.Model):
    """Escalation: the SLA cron refreshes due statuses and tells the team
    leader, once per status, about tickets at risk or breached."""

    _name = "helpdesk.ticket"
    _inherit = ["helpdesk.ticket", "helpdesk.batch.lock.mixin"]

    sla_escalation = fields.Selection(
        selection=ESCALATIONS,
        string="Escalated As",
        readonly=True,
        copy=False,
    )
    sla_escalation_pending = fields.Selection(
        selection=ESCALATIONS,
        string="Escalation Due",
        compute="_compute_sla_escalation_pending",
        store=True,
        # Only tickets waiting for an escalation carry a value: the cron's
        # search stays as small as the work to do.
        index="btree_not_null",
        copy=False,
    )

    @api.depends("sla_status", "sla_escalation", "stage_id.closed")
    def _compute_sla_escalation_pending(self):
        for ticket in self:
            status = ticket.sla_status if not ticket.stage_id.closed else False
            if ESCALATION_RANK.get(status, 0) > ESCALATION_RANK[ticket.sla_escalation]:
                ticket.sla_escalation_pending = status
            else:
                ticket.sla_escalation_pending = False

    # ------------------------------------------------------------------
    # The cron
    # ------------------------------------------------------------------

    @api.model
    def _cron_sla_update(self, batch_size=200):
        """Refresh the SLA status of the tickets whose status is due to
        change, then escalate the new at-risk and breached ones.

        One batch per call: ``ir.cron`` commits and calls again while
        progress remains. Rows another worker holds, or that changed since
        this transaction's snapshot, are left for the next call; a ticket is
        escalated once per status, so a rerun or a second worker neither
        notifies twice nor waits.
        """
        now = fields.Datetime.now()
        due_domain = [("sla_next_check", "<=", now)]
        due = self.search(due_domain, limit=batch_size)._lock_for_batch()
        due._compute_sla_status()
        self.env.flush_all()
        pending_domain = [("sla_escalation_pending", "!=", False)]
        escalating = self.browse()
        if len(due) < batch_size:
            escalating = self.search(
                pending_domain, limit=batch_size - len(due)
            )._lock_for_batch()
            escalating._sla_escalate()
        self.env["ir.cron"]._notify_progress(
            done=len(due) + len(escalating),
            remaining=self.search_count(due_domain) + self.search_count(pending_domain),
        )

    # ------------------------------------------------------------------
    # Escalating
    # ------------------------------------------------------------------

    def _sla_escalate(self):
        """One activity for the team leader and one internal note per
        ticket, created in batches; the clients of the policies that say so
        are told when their ticket is escalated for a breach."""
        tickets = self.filtered("sla_escalation_pending")
        if not tickets:
            return
        tickets._sla_schedule_escalation_activities()
        tickets._sla_log_escalation_notes()
        tickets._sla_notify_client_escalation()
        for status, batch in tickets.grouped("sla_escalation_pending").items():
            batch.sla_escalation = status

    def _sla_schedule_escalation_activities(self):
        activity_type = self.env.ref(
            "helpdesk_priority_matrix.mail_activity_type_sla_escalation"
        )
        model_id = self.env["ir.model"]._get_id(self._name)
        today = fields.Date.context_today(self)
        # The activity itself tells the leader (their to-do list and the
        # chatter note); the "assigned to you" email would cost a rendered
        # mail per ticket in the cron's batch.
        activities = self.env["mail.activity"].sudo()
        activities.with_context(mail_activity_quick_update=True).create(
            [
                {
                    "res_model_id": model_id,
                    "res_id": ticket.id,
                    "activity_type_id": activity_type.id,
                    "summary": ticket._sla_escalation_message(user.lang),
                    "user_id": user.id,
                    "date_deadline": today,
                }
                for ticket in self
                for user in (ticket.team_id.user_id or ticket.user_id)
            ]
        )

    def _sla_log_escalation_notes(self):
        """The internal note, in the company's language: the cron's user
        speaks none in particular."""
        subtypes = {
            status: self.env["ir.model.data"]._xmlid_to_res_id(
                f"helpdesk_priority_matrix.mt_ticket_sla_{status}"
            )
            for status in ESCALATION_RANK
            if status
        }
        author = self.env.user.partner_id
        self.env["mail.message"].sudo().create(
            [
                {
                    "model": self._name,
                    "res_id": ticket.id,
                    "body": ticket._sla_escalation_message(
                        (ticket.company_id or self.env.company).partner_id.lang
                    ),
                    "message_type": "notification",
                    "subtype_id": subtypes[ticket.sla_escalation_pending],
                    "is_internal": True,
                    "author_id": author.id,
                    "email_from": author.email_formatted,
                }
                for ticket in self
            ]
        )

    def _sla_notify_client_escalation(self):
        """Tell the client, in their language and time zone, that a breached
        ticket was escalated, where the policy promises it."""
        told = self.filtered(
            lambda t: (
                t.sla_escalation_pending == "breached"
                and t.partner_id
                and t.sla_policy_id.notify_client_on_escalation
            )
        )
        if not told:
            return
        template = self.env.ref(
            "helpdesk_priority_matrix.mail_template_ticket_escalated"
        )
        for ticket in told:
            ticket.message_post_with_source(template, subtype_xmlid="mail.mt_comment")

    def _sla_escalation_message(self, lang=None):
        """The escalation text in ``lang``, its deadline in the time zone of
        the policy's working hours, named."""
        self.ensure_one()
        ticket = self.with_context(lang=lang or self.env.lang)
        company = self.company_id or self.env.company
        tz = self.sla_policy_id.calendar_id.tz or company._helpdesk_timezone()
        deadline = "{} ({})".format(
            format_datetime(ticket.env, self.sla_deadline, tz=tz, dt_format="short"),
            tz,
        )
        if self.sla_escalation_pending == "breached":
            return ticket.env._(
                "SLA breached: the deadline of %(deadline)s was missed.",
                deadline=deadline,
            )
        return ticket.env._(
            "SLA at risk: the deadline is %(deadline)s.", deadline=deadline
        )
