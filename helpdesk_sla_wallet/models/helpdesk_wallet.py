from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.helpdesk_priority_matrix.tools.row_lock import lock_rows

from ..tools import Credit, next_credit, take_from_credits


class HelpdeskWallet(models.Model):
    """The prepaid support tickets of a client (a commercial partner) in one
    company. Its balance is the sum of its ledger, which only grows by new
    moves: nothing in it is ever edited or deleted."""

    _name = "helpdesk.wallet"
    _description = "Helpdesk Ticket Wallet"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "helpdesk.coverage.holder.mixin",
    ]
    _order = "partner_id, company_id"
    _rec_name = "partner_id"

    partner_id = fields.Many2one(
        comodel_name="res.partner",
        string="Client",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
        domain="[('parent_id', '=', False)]",
        help="The commercial partner whose contacts' tickets use this wallet.",
    )
    company_id = fields.Many2one(
        comodel_name="res.company",
        required=True,
        index=True,
        tracking=True,
        default=lambda self: self.env.company,
    )
    user_id = fields.Many2one(
        comodel_name="res.users",
        string="Salesperson",
        related="partner_id.user_id",
    )
    move_ids = fields.One2many(
        comodel_name="helpdesk.wallet.move",
        inverse_name="wallet_id",
        string="Ledger",
    )
    balance = fields.Integer(
        compute="_compute_balance",
        store=True,
        readonly=True,
        tracking=True,
        aggregator="sum",
        help="Tickets left: the sum of the ledger. It changes only through "
        "new moves (a purchase, a ticket, an adjustment with a reason).",
    )
    sla_policy_id = fields.Many2one(
        comodel_name="helpdesk.sla.policy",
        string="Service Level",
        compute="_compute_sla_policy_id",
        help="Service level of the credit the next ticket consumes (the "
        "oldest pack with tickets left).",
    )
    last_credit_id = fields.Many2one(
        comodel_name="helpdesk.wallet.move",
        compute="_compute_sla_policy_id",
    )
    last_purchase_date = fields.Datetime(
        compute="_compute_last_purchase_date",
        store=True,
    )
    low_balance_notified = fields.Boolean(
        readonly=True,
        copy=False,
        help="The client was told the balance is low; set back on the next credit.",
    )
    tickets_used = fields.Integer(compute="_compute_ticket_counts")
    ticket_count = fields.Integer(compute="_compute_ticket_counts")

    _sql_constraints = [
        (
            "partner_company_unique",
            "unique(partner_id, company_id)",
            "A client has one ticket wallet per company.",
        ),
        (
            "balance_not_negative",
            "CHECK(balance >= 0)",
            "The balance of a ticket wallet cannot be negative.",
        ),
    ]

    @api.depends("move_ids.amount")
    def _compute_balance(self):
        for wallet in self:
            wallet.balance = sum(wallet.move_ids.mapped("amount"))

    @api.depends("move_ids.remaining", "move_ids.expiry_date")
    def _compute_sla_policy_id(self):
        for wallet in self:
            credits = wallet._credits()
            wallet.last_credit_id = credits[-1:]
            wallet.sla_policy_id = (wallet._next_credit() or credits[-1:]).sla_policy_id

    @api.depends("move_ids.kind", "move_ids.date")
    def _compute_last_purchase_date(self):
        for wallet in self:
            purchases = wallet.move_ids.filtered(lambda m: m.kind == "purchase")
            wallet.last_purchase_date = max(purchases.mapped("date"), default=False)

    @api.depends("move_ids.kind", "move_ids.amount")
    def _compute_ticket_counts(self):
        for wallet in self:
            consumptions = wallet.move_ids.filtered(
                lambda m: m.kind in ("consumption", "reversal")
            )
            wallet.tickets_used = -sum(consumptions.mapped("amount"))
            wallet.ticket_count = len(consumptions.ticket_id)

    @api.constrains("partner_id")
    def _check_commercial_partner(self):
        for wallet in self:
            if wallet.partner_id != wallet.partner_id.commercial_partner_id:
                raise ValidationError(
                    self.env._(
                        "A ticket wallet belongs to a company or an individual "
                        "client, not to the contact %(contact)s: use %(client)s.",
                        contact=wallet.partner_id.display_name,
                        client=wallet.partner_id.commercial_partner_id.display_name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        if any("balance" in vals for vals in vals_list):
            self._refuse_balance_write()
        return super().create(vals_list)

    def write(self, vals):
        if "balance" in vals:
            self._refuse_balance_write()
        if {"partner_id", "company_id"} & set(vals):
            self._check_owner_change(vals)
        return super().write(vals)

    def _refuse_balance_write(self):
        raise UserError(
            self.env._(
                "The balance of a ticket wallet is the sum of its ledger and "
                "cannot be written: use Adjust to add or remove tickets, with "
                "a reason."
            )
        )

    def _check_owner_change(self, vals):
        """A wallet with moves keeps its client and company: its ledger is
        that client's history. Tickets go to another client by a transfer
        (:meth:`_transfer`)."""
        for wallet in self.filtered("move_ids"):
            if wallet.partner_id.id != vals.get(
                "partner_id", wallet.partner_id.id
            ) or wallet.company_id.id != vals.get("company_id", wallet.company_id.id):
                raise UserError(
                    self.env._(
                        "The ticket wallet of %(client)s has moves: it cannot "
                        "change client or company. To move tickets to another "
                        "client, use Adjust and choose the wallet to transfer "
                        "them to.",
                        client=wallet.partner_id.display_name,
                    )
                )

    def unlink(self):
        if self.move_ids:
            raise UserError(
                self.env._(
                    "A ticket wallet with moves cannot be deleted: its ledger "
                    "is the history of what the client bought and used."
                )
            )
        return super().unlink()

    # ------------------------------------------------------------------
    # Finding and locking
    # ------------------------------------------------------------------

    @api.model
    def _for_partner(self, partner, company=None, create=False):
        """The wallet of ``partner``'s commercial partner in ``company``."""
        commercial = partner.commercial_partner_id
        company = company or self.env.company
        if not commercial or not (create or self._is_holder(commercial, company)):
            return self.browse()
        wallet = (
            self.sudo()
            .with_context(active_test=False)
            .search(
                [("partner_id", "=", commercial.id), ("company_id", "=", company.id)],
                limit=1,
            )
        )
        if not wallet and create:
            wallet = self.sudo().create(
                {"partner_id": commercial.id, "company_id": company.id}
            )
        return wallet

    def _lock(self):
        """Take the row lock of these wallets until the transaction ends, then
        read their ledger again: a move posted by a transaction that
        committed meanwhile is seen, or the transaction is retried."""
        if not self:
            return
        self.env.flush_all()
        lock_rows(self.env.cr, self._table, self.ids)
        self.invalidate_recordset()
        self.move_ids.invalidate_recordset()

    # ------------------------------------------------------------------
    # Credits
    # ------------------------------------------------------------------

    def _credits(self):
        self.ensure_one()
        return self.move_ids.filtered("is_credit").sorted(lambda m: (m.date, m.id))

    def _credit_rows(self):
        return [
            Credit(
                key=move.id,
                date=move.date,
                remaining=move.remaining,
                expiry_date=move.expiry_date or None,
            )
            for move in self._credits()
        ]

    def _next_credit(self):
        """The credit the next ticket consumes (oldest first), or an empty
        recordset."""
        self.ensure_one()
        key = next_credit(self._credit_rows(), fields.Date.context_today(self))
        return self.env["helpdesk.wallet.move"].browse(key or [])

    # ------------------------------------------------------------------
    # Posting moves
    # ------------------------------------------------------------------

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
        consumption = self.move_ids.filtered(
            lambda m: (
                m.kind == "consumption" and m.ticket_id == ticket and not m.reversal_ids
            )
        )[-1:]
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

    # ------------------------------------------------------------------
    # Notifications
    # ------------------------------------------------------------------

    def _notify_low_balance(self):
        """Tell the client once that few tickets are left, and give the
        salesperson an activity to offer a new pack."""
        self.ensure_one()
        threshold = self.company_id.wallet_low_balance_threshold
        if self.low_balance_notified or self.balance > threshold:
            return
        self.sudo().low_balance_notified = True
        template = self.env.ref(
            "helpdesk_sla_wallet.mail_template_wallet_low_balance",
            raise_if_not_found=False,
        )
        wallet = self.sudo()
        if template:
            wallet.message_post_with_source(template, subtype_xmlid="mail.mt_comment")
        wallet.activity_schedule(
            "mail.mail_activity_data_todo",
            summary=self.env._("Offer a new ticket pack"),
            note=self.env._(
                "%(client)s has %(balance)s support tickets left.",
                client=wallet.partner_id.display_name,
                balance=wallet.balance,
            ),
            user_id=wallet._responsible().id,
        )

    def _responsible(self):
        """Who offers the next pack: the client's salesperson, else the
        company's wallet responsible, else the administrator."""
        self.ensure_one()
        return (
            self.partner_id.user_id
            or self.company_id.wallet_user_id
            or self.env.ref("base.user_admin")
        )

    def _notify_credit(self):
        """Tell the client the pack was credited (the template reads it as
        ``last_credit_id``)."""
        self.ensure_one()
        template = self.env.ref(
            "helpdesk_sla_wallet.mail_template_wallet_credited",
            raise_if_not_found=False,
        )
        if template:
            self.sudo().message_post_with_source(
                template, subtype_xmlid="mail.mt_comment"
            )

    def _empty_message(self):
        """What the client of an empty wallet reads: the ticket is saved and
        how to buy a pack."""
        self.ensure_one()
        return self.env._(
            "Your request was saved, but your ticket wallet has no tickets "
            "left, so it is not covered yet. Buy a support ticket pack from "
            "your portal (My Account > Ticket Wallet, /my/wallet) or ask your "
            "salesperson %(salesperson)s; we will serve it as soon as your "
            "wallet is credited.",
            salesperson=self._responsible().name,
        )

    def _action_open(self):
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "helpdesk_sla_wallet.helpdesk_wallet_action"
        )
        if len(self) == 1:
            action.update({"res_id": self.id, "views": [(False, "form")]})
        else:
            action["domain"] = [("id", "in", self.ids)]
        return action

    def action_open_adjust_wizard(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Adjust the Ticket Wallet"),
            "res_model": "helpdesk.wallet.adjust",
            "view_mode": "form",
            "target": "new",
            "context": {"default_wallet_id": self.id},
        }

    def action_open_tickets(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "helpdesk_mgmt.helpdesk_ticket_action"
        )
        action["domain"] = [("wallet_move_ids.wallet_id", "=", self.id)]
        action["context"] = {"create": False}
        return action
