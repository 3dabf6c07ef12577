from collections import defaultdict

from markupsafe import Markup

from odoo import api, fields, models
from odoo.tools import SQL

from ..tools.entitlement import SEQUENCE_POLICY, Candidate, choose
from ..tools.row_lock import RaceLost, race_savepoint


class HelpdeskTicket(models.Model):
    """Entitlement: which service covers the ticket, with which SLA policy.

    A chain in three steps that the modules selling coverage extend through
    ``super()``:

    1. :meth:`_entitlement_candidates` lists the possible answers, without
       side effects;
    2. :meth:`_entitlement_claim` lets the chosen candidate's module take
       the coverage (a debit, a quota) under a row lock, or refuse it when
       nothing is left, in which case the next candidate is tried;
    3. :meth:`_entitlement_release_claim` gives a claim back, once (a
       duplicate cancelled, a ticket merged or rejected before work).

    :meth:`_entitlement_apply` runs the chain at creation, when the team,
    partner or category of an open ticket changes, when a released ticket is
    reopened, and when a module is installed on existing tickets. A ticket
    never holds two claims: one that holds a claim keeps it through re-saves,
    stage changes and team changes; a change of category gives it back and
    claims as the new category says.

    A claim that loses a race on its rows (many tickets of one client at
    once) never loses the ticket: it is saved uncovered and pending, and a
    cron claims again in a transaction of its own.
    """

    _inherit = "helpdesk.ticket"

    sla_policy_id = fields.Many2one(
        comodel_name="helpdesk.sla.policy",
        string="SLA Policy",
        tracking=True,
        index=True,
        domain="[('company_id', 'in', [company_id, False])]",
        help="Service tier whose targets apply; set from the entitlement when "
        "the ticket is created.",
    )
    entitlement_source = fields.Selection(
        selection=[("none", "Not covered"), ("policy", "Service policy")],
        string="Covered By",
        default="none",
        readonly=True,
        copy=False,
        tracking=True,
    )
    is_covered = fields.Boolean(string="Covered", readonly=True, copy=False)
    entitlement_message = fields.Char(readonly=True, copy=False)
    entitlement_state = fields.Selection(
        selection=[("claimed", "Claimed"), ("released", "Released")],
        string="Coverage Claim",
        readonly=True,
        copy=False,
        help="Claimed: the coverage consumed something (a wallet ticket, a plan "
        "quota). Released: it was given back.",
    )
    entitlement_partner_id = fields.Many2one(
        comodel_name="res.partner",
        string="Claimed For",
        readonly=True,
        copy=False,
        help="Commercial partner whose coverage the claim consumed.",
    )
    entitlement_pending = fields.Boolean(
        string="Coverage Pending",
        readonly=True,
        copy=False,
        index=True,
        help="The coverage could not be claimed yet because other tickets of "
        "the same client were claiming it at the same moment; it is claimed "
        "again in a moment.",
    )

    # ------------------------------------------------------------------
    # The chain: candidates, claim, release
    # ------------------------------------------------------------------

    def _entitlement_candidates(self):
        """The possible answers for this ticket, as a list of
        :class:`~..tools.entitlement.Candidate`. No side effect.

        The foundation proposes the service policy: the team's, else the
        company's default. Modules append their own candidates (and may drop
        the ones their rule supersedes) and return the list.
        """
        self.ensure_one()
        policy = self.team_id.sla_policy_id or self.company_id.helpdesk_sla_policy_id
        if not policy:
            return []
        return [Candidate(source="policy", sequence=SEQUENCE_POLICY, sla_policy=policy)]

    def _entitlement_claim(self, candidate):
        """Take the coverage of a consuming ``candidate``; False when nothing
        is left once the module's row is locked. Modules handle their own
        ``candidate.source`` and pass the others to ``super()``."""
        self.ensure_one()
        return True

    def _entitlement_release_claim(self):
        """Give back what the claim of ``entitlement_source`` consumed.
        Called once per claim; modules handle their own source."""
        self.ensure_one()

    # ------------------------------------------------------------------
    # Running the chain
    # ------------------------------------------------------------------

    def _entitlement_apply(self, keep_policy=False, creating=False):
        """Entitle the tickets of ``self`` that may be (re-)entitled.

        With ``keep_policy``, an SLA policy already set by hand is kept when
        the answer consumes nothing. Tickets with the same answer are written
        together, so that their deadlines are planned in one batch. The
        clients of tickets that are new, or were covered and are not any
        more, are told.
        """
        moved = self.filtered(
            lambda t: (
                t.entitlement_state == "claimed"
                and t.entitlement_partner_id != t.partner_id.commercial_partner_id
            )
        )
        if moved:
            moved._entitlement_release()
            moved.write({"entitlement_state": False})
        covered_before = self.filtered("is_covered")
        pending_before = self.filtered("entitlement_pending")
        batches = defaultdict(lambda: self.browse())
        for ticket in self.filtered(lambda t: not t.entitlement_state):
            vals = dict({"entitlement_pending": False}, **ticket._entitlement_answer())
            if keep_policy and ticket.sla_policy_id and not vals["entitlement_state"]:
                del vals["sla_policy_id"]
            batches[tuple(sorted(vals.items()))] |= ticket
        for vals, tickets in batches.items():
            tickets.write(dict(vals))
        told = (self if creating else covered_before) | pending_before
        # A held ticket is not started, hence neither covered nor a lead for
        # the sales team: its sender gets the notice of the requester check.
        told.filtered(
            lambda t: (
                not t.is_covered
                and not t.entitlement_pending
                and t.requester_authorized
            )
        )._entitlement_notify_uncovered()
        if self.filtered("entitlement_pending"):
            self._entitlement_queue_retry()

    def _entitlement_answer(self):
        """Run candidates and claims for one ticket; the values to store."""
        self.ensure_one()
        candidates = self._entitlement_candidates()
        try:
            chosen, reasons = choose(candidates, self._entitlement_claim_guarded)
        except RaceLost:
            return self._entitlement_pending_answer()
        if chosen:
            return {
                "is_covered": True,
                "entitlement_source": chosen.source,
                "entitlement_message": chosen.message,
                "entitlement_state": "claimed" if chosen.consumes else False,
                "entitlement_partner_id": chosen.consumes
                and self.partner_id.commercial_partner_id.id,
                "sla_policy_id": chosen.sla_policy.id if chosen.sla_policy else False,
            }
        return {
            "is_covered": False,
            "entitlement_source": "none",
            "entitlement_message": " ".join(
                reason.reason for reason in reasons if reason.reason
            )
            or self._entitlement_default_message(),
            "entitlement_state": False,
            "entitlement_partner_id": False,
            "sla_policy_id": False,
        }

    def _entitlement_claim_guarded(self, candidate):
        """Claim ``candidate`` with the rows locked, in a savepoint: a claim
        that loses a race on its rows is rolled back and raises
        :class:`RaceLost`, so that the chain stops (the next candidate must
        not be taken for a claim that may still succeed)."""
        with race_savepoint(self.env) as race:
            claimed = self._entitlement_claim(candidate)
        if race.lost:
            raise RaceLost(candidate.source)
        return claimed

    def _entitlement_pending_answer(self):
        return {
            "is_covered": False,
            "entitlement_source": "none",
            "entitlement_message": self._entitlement_pending_message(),
            "entitlement_state": False,
            "entitlement_partner_id": False,
            "entitlement_pending": True,
            "sla_policy_id": False,
        }

    def _entitlement_pending_message(self):
        return self.env._(
            "Your request was received and saved. We are confirming which "
            "support service covers it; you will be told in a moment."
        )

    def _entitlement_default_message(self):
        return self.env._(
            "Your request was received and saved, but no support service "
            "covers it yet. We will contact you to agree on how to serve it."
        )

    def _entitlement_release(self):
        """Give back the claim of each ticket that holds one, exactly once."""
        claimed = self.filtered(lambda t: t.entitlement_state == "claimed")
        if not claimed:
            return
        claimed = claimed._entitlement_lock()
        for ticket in claimed:
            ticket._entitlement_release_claim()
        claimed.write({"entitlement_state": "released"})

    def _entitlement_lock(self):
        """Lock the claimed tickets and re-read their state: two workers
        releasing the same ticket give back one claim."""
        self.flush_recordset(["entitlement_state"])
        self.env.cr.execute(
            SQL(
                "SELECT id FROM helpdesk_ticket WHERE id IN %s "
                "AND entitlement_state = 'claimed' FOR NO KEY UPDATE",
                tuple(self.ids),
            )
        )
        ids = [row[0] for row in self.env.cr.fetchall()]
        self.invalidate_recordset(["entitlement_state"])
        return self.browse(ids)

    @api.model
    def _entitlement_apply_open(self):
        """Entitle the open tickets that hold no claim, e.g. when a module
        that sells coverage is installed on an existing database."""
        self.search(
            [("closed", "=", False), ("entitlement_state", "=", False)]
        )._entitlement_apply(keep_policy=True)

    def _entitlement_notify_uncovered(self):
        """Tell the clients of uncovered tickets why, and how to be served.
        Modules extend it, e.g. with an activity for the salesperson."""
        if not self:
            return
        template = self.env.ref(
            "helpdesk_priority_matrix.mail_template_ticket_uncovered",
            raise_if_not_found=False,
        )
        if not template:
            return
        for ticket in self.filtered("partner_id"):
            ticket.message_post_with_source(template, subtype_xmlid="mail.mt_comment")

    def _entitlement_ask_salesperson(self, user, summary, note):
        """Ask ``user``, with an activity, to sell coverage for the ticket;
        once: the chain runs again on an uncovered ticket whose category or
        team changes, and the salesperson is asked already."""
        self.ensure_one()
        ticket = self.sudo()
        if ticket.activity_ids.filtered(
            lambda a: a.user_id == user and a.summary == summary
        ):
            return
        ticket.activity_schedule(
            "mail.mail_activity_data_todo", user_id=user.id, summary=summary, note=note
        )

    # ------------------------------------------------------------------
    # Steps of create and write
    # ------------------------------------------------------------------

    def _entitlement_category_change(self, vals):
        """Before ``write``: the claimed tickets whose category ``vals``
        changes, with their category before."""
        if "category_id" not in vals:
            return {}
        return {
            ticket: ticket.category_id
            for ticket in self.filtered(lambda t: t.entitlement_state == "claimed")
            if ticket.category_id.id != vals["category_id"]
        }

    def _entitlement_on_write(self, vals, category_change=None):
        """Re-entitle open tickets whose team, partner or category changed,
        release the claim of tickets moved to a releasing stage, and claim
        again for the released tickets reopened in a working stage.

        ``category_change`` (from :meth:`_entitlement_category_change`):
        the claimed tickets whose category changed give their claim back and
        claim as the new category says.
        """
        if vals.get("stage_id"):
            stage = self.env["helpdesk.ticket.stage"].browse(vals["stage_id"])
            if stage.entitlement_release:
                self._entitlement_release()
            elif not stage.closed:
                self._entitlement_reclaim(
                    self.filtered(lambda t: t.entitlement_state == "released"),
                    self.env._(
                        "The ticket was reopened: its coverage is claimed again."
                    ),
                )
        if {"team_id", "partner_id", "category_id"} & set(vals) and (
            "sla_policy_id" not in vals
        ):
            recategorized = self.browse(
                [ticket.id for ticket in category_change or {}]
            ).filtered(lambda t: not t.closed)
            self._entitlement_reclaim(
                recategorized,
                self.env._(
                    "The category changed: the coverage was given back and "
                    "claimed again as the new category says."
                ),
                release=True,
            )
            (self - recategorized).filtered(lambda t: not t.closed)._entitlement_apply()

    def _entitlement_reclaim(self, tickets, reason, release=False):
        """Run the chain again for ``tickets``, giving their claim back
        first with ``release``; a note tells the agents the coverage before
        and after."""
        if not tickets:
            return
        before = {ticket: ticket._entitlement_summary() for ticket in tickets}
        if release:
            tickets._entitlement_release()
        tickets.write({"entitlement_state": False})
        tickets._entitlement_apply()
        for ticket in tickets:
            ticket.message_post(
                body=Markup("<p>%s</p><p>%s</p>")
                % (
                    reason,
                    self.env._(
                        "Before: %(before)s Now: %(after)s",
                        before=before[ticket],
                        after=ticket._entitlement_summary(),
                    ),
                ),
                subtype_xmlid="mail.mt_note",
            )

    def _entitlement_summary(self):
        """The coverage in one line, for the agents' notes."""
        self.ensure_one()
        sources = dict(
            self._fields["entitlement_source"]._description_selection(self.env)
        )
        return self.env._(
            "%(covered_by)s (%(policy)s).",
            covered_by=sources.get(self.entitlement_source, ""),
            policy=self.sla_policy_id.display_name or "-",
        )

    # ------------------------------------------------------------------
    # Claims that lost a race
    # ------------------------------------------------------------------

    def _entitlement_queue_retry(self):
        """Wake the retry cron: it claims in a transaction of its own, whose
        snapshot sees the claims that won."""
        self._helpdesk_wake_cron(
            "helpdesk_priority_matrix.ir_cron_helpdesk_entitlement_retry"
        )

    @api.model
    def _cron_entitlement_retry(self, batch_size=50):
        """Claim again for the pending tickets, oldest first, one batch per
        call: ``ir.cron`` commits and calls again while some remain. A
        ticket another worker holds is left for the next call; one whose
        claim loses a race again stays pending and wakes the cron again (a
        lost race means another claim was committed: the retries end)."""
        domain = [
            ("entitlement_pending", "=", True),
            ("entitlement_state", "=", False),
            ("closed", "=", False),
        ]
        tickets = self.search(domain, order="create_date, id", limit=batch_size)
        tickets = tickets._lock_for_batch()
        tickets._entitlement_apply()
        tickets.filtered(
            lambda t: t.confirmation_queued_at and not t.entitlement_pending
        )._confirmation_wake()
        self.env["ir.cron"]._notify_progress(
            done=len(tickets.filtered(lambda t: not t.entitlement_pending)),
            remaining=self.search_count(domain),
        )
