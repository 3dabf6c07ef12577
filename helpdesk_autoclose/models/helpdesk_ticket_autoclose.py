from odoo import api, fields, models

# Fields that decide whether a ticket waits on the client (its stage kind).
WAITING_KIND_FIELDS = {"stage_id", "team_id", "company_id"}
# Context key of the messages and stage moves this module makes by itself:
# they neither answer nor ask the client anything.
AUTOMATIC = "autoclose_automatic"


class HelpdeskTicket(models.Model):
    """Who spoke last: the one ``create``, ``write`` and message hook of
    this module on tickets, and the rule and stage kind they ask.

    The stage moves, messages and creations that concern the features are
    routed from here to the named steps of their own files: the waiting
    clock and its due dates (``helpdesk_ticket_waiting_clock.py``), the cron
    that reminds and closes (``helpdesk_ticket_autoclose_cron.py``),
    validation, reply after close, duplicates and priority drop.
    """

    _inherit = "helpdesk.ticket"

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
        # The external ids' cache spares a query at every message.
        xmlid_to_res_id = self.env["ir.model.data"]._xmlid_to_res_id
        if message.subtype_id.id != xmlid_to_res_id("mail.mt_comment"):
            return False
        author = message.author_id
        if author.id == xmlid_to_res_id("base.partner_root"):
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
