from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError

from ..tools import take_from_credits


class HelpdeskWallet(models.Model):
    """The ledger: every change of a balance is a move posted under the
    wallet's row lock. Credits (purchases, positive adjustments) cover the
    tickets that waited for them; a ticket debits the oldest usable credit
    and a reversal gives it back; adjustments, transfers and expiries take
    unused tickets back."""

    _inherit = "helpdesk.wallet"

    def _post(self, vals_list):
        """Append moves to the ledger of this (locked) wallet; the balance
        never becomes negative."""
        self.ensure_one()
        moves = (
            self.env["helpdesk.wallet.move"]
            .sudo()
            .create([dict(vals, wallet_id=self.id) for vals in vals_list])
        )
        # Checked before the flush, so that the client reads this message
        # rather than the database's constraint.
        if self.balance < 0:
            raise ValidationError(
                self.env._(
                    "This would leave the ticket wallet of %(client)s with a "
                    "negative balance (%(balance)s).",
                    client=self.partner_id.display_name,
                    balance=self.balance,
                )
            )
        self.env.flush_all()
        return moves

    def _credit_tickets(self, quantity, sla_policy, **vals):
        """Add a credit of ``quantity`` tickets at ``sla_policy``'s level."""
        self.ensure_one()
        self._lock()
        move = self._post(
            [dict(vals, amount=quantity, sla_policy_id=sla_policy.id, is_credit=True)]
        )
        self.sudo().low_balance_notified = False
        self._cover_waiting_tickets()
        return move

    def _cover_waiting_tickets(self):
        """The open tickets that arrived while the wallet was empty are
        covered by the new credit, oldest first, as their clients were
        promised."""
        self.ensure_one()
        waiting = (
            self.env["helpdesk.ticket"]
            .sudo()
            .search(
                [
                    ("partner_id", "child_of", self.partner_id.id),
                    ("company_id", "=", self.company_id.id),
                    ("closed", "=", False),
                    ("is_covered", "=", False),
                    ("entitlement_state", "=", False),
                ],
                order="create_date, id",
            )
        )
        for ticket in waiting:
            ticket._entitlement_apply()

    def _debit_ticket(self, ticket):
        """Consume one ticket for ``ticket`` under the wallet's row lock.

        Returns the consumption move, or an empty recordset when no usable
        ticket is left (another transaction may have taken the last one).
        """
        self.ensure_one()
        self._lock()
        credit = self._next_credit()
        if not credit:
            return credit
        move = self._post(
            [
                {
                    "kind": "consumption",
                    "amount": -1,
                    "credit_id": credit.id,
                    "sla_policy_id": credit.sla_policy_id.id,
                    "ticket_id": ticket.id,
                }
            ]
        )
        self._notify_low_balance()
        return move

    def _reverse_ticket(self, ticket):
        """Give back the ticket consumed by ``ticket``, once."""
        self.ensure_one()
        self._lock()
        consumption = self.env["helpdesk.wallet.move"].search(
            [
                ("wallet_id", "=", self.id),
                ("kind", "=", "consumption"),
                ("ticket_id", "=", ticket.id),
                ("reversal_ids", "=", False),
            ],
            order="date, id",
            limit=1,
        )
        if not consumption:
            return consumption
        return self._post(
            [
                {
                    "kind": "reversal",
                    "amount": 1,
                    "credit_id": consumption.credit_id.id,
                    "origin_id": consumption.id,
                    "sla_policy_id": consumption.sla_policy_id.id,
                    "ticket_id": ticket.id,
                }
            ]
        )

    def _take_back(self, credit, quantity, kind, **vals):
        """Take back up to ``quantity`` unused tickets of ``credit``; returns
        the move (empty when nothing is left to take back)."""
        self.ensure_one()
        if quantity <= 0:
            return self.env["helpdesk.wallet.move"]
        return self._post(
            [
                dict(
                    vals,
                    kind=kind,
                    amount=-quantity,
                    credit_id=credit.id,
                    sla_policy_id=credit.sla_policy_id.id,
                )
            ]
        )

    def _adjust(self, quantity, reason, sla_policy=None):
        """A manager's correction of ``quantity`` tickets (signed), with a
        mandatory reason. A positive one is a new credit; a negative one takes
        from the oldest credits."""
        self.ensure_one()
        if not self.env.user.has_group("helpdesk_mgmt.group_helpdesk_manager"):
            raise AccessError(
                self.env._("Only helpdesk managers can adjust ticket wallets.")
            )
        if not (reason or "").strip():
            raise ValidationError(
                self.env._(
                    "Say why the ticket wallet is adjusted: a reason is required."
                )
            )
        if not quantity:
            raise ValidationError(
                self.env._("An adjustment must add or remove at least one ticket.")
            )
        if quantity > 0:
            policy = sla_policy or self.sla_policy_id
            if not policy:
                raise ValidationError(
                    self.env._("Choose the service level of the tickets you add.")
                )
            return self._credit_tickets(
                quantity, policy, kind="adjustment", reason=reason
            )
        self._lock()
        try:
            parts = take_from_credits(
                self._credit_rows(), -quantity, fields.Date.context_today(self)
            )
        except ValueError as error:
            raise ValidationError(
                self.env._(
                    "The ticket wallet of %(client)s has %(balance)s usable "
                    "tickets: %(quantity)s cannot be removed.",
                    client=self.partner_id.display_name,
                    balance=self.balance,
                    quantity=-quantity,
                )
            ) from error
        credits = self.env["helpdesk.wallet.move"].browse([key for key, __ in parts])
        return self._post(
            [
                {
                    "kind": "adjustment",
                    "amount": -tickets,
                    "credit_id": credit.id,
                    "sla_policy_id": credit.sla_policy_id.id,
                    "reason": reason,
                }
                for credit, (__, tickets) in zip(credits, parts, strict=True)
            ]
        )

    def _transfer(self, target, quantity, reason):
        """Move ``quantity`` unused tickets to the wallet ``target``: two
        adjustments with the same reason, the tickets keeping their service
        level. Both wallets are locked first, in the order of their ids."""
        self.ensure_one()
        if target == self or target.company_id != self.company_id or quantity <= 0:
            raise ValidationError(
                self.env._(
                    "Transfer a positive number of tickets to the wallet of "
                    "another client of the same company."
                )
            )
        (self | target)._lock()
        taken = self._adjust(-quantity, reason)
        for move in taken:
            target._adjust(-move.amount, reason, move.sla_policy_id)
        return taken

    @api.model
    def _cron_expire_credits(self, batch_size=100):
        """Post an expiry move for what is left of each expired credit.

        One batch of credits per call: ``ir.cron`` commits and calls again
        while some remain. A rerun finds nothing left to expire in the
        credits already handled (their remaining is zero).
        """
        domain = [
            ("is_credit", "=", True),
            ("remaining", ">", 0),
            ("expiry_date", "<", fields.Date.context_today(self)),
        ]
        moves = self.env["helpdesk.wallet.move"]
        credits = moves.search(domain, limit=batch_size)
        for wallet, wallet_credits in credits.grouped("wallet_id").items():
            wallet._lock()
            for credit in wallet_credits.filtered(lambda m: m.remaining > 0):
                wallet._take_back(
                    credit,
                    credit.remaining,
                    "expiry",
                    reason=self.env._(
                        "The pack expired on %(date)s.", date=credit.expiry_date
                    ),
                )
        self.env["ir.cron"]._notify_progress(
            done=len(credits), remaining=moves.search_count(domain)
        )
