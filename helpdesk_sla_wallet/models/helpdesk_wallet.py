from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.helpdesk_priority_matrix.tools.row_lock import lock_rows

from ..tools import Credit, next_credit


class HelpdeskWallet(models.Model):
    """The prepaid support tickets of a client (a commercial partner) in one
    company. Its balance is the sum of its ledger, which only grows by new
    moves: nothing in it is ever edited or deleted.

    Here: the wallet itself, its guards, finding and locking it, and which
    credit comes next. The moves are posted in ``helpdesk_wallet_ledger.py``;
    what the client is told in ``helpdesk_wallet_notice.py``."""

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
        compute="_compute_ledger_totals",
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
        compute="_compute_ledger_totals",
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

    @api.depends("move_ids.amount", "move_ids.kind", "move_ids.date")
    def _compute_ledger_totals(self):
        """The balance and the last purchase, summed by the database in one
        query: the ledger grows with every ticket, and both change with each
        of its moves."""
        totals = self._ledger_totals(["amount:sum", "date:max"], groupby=["kind"])
        for wallet in self:
            by_kind = totals.get(wallet._origin.id, {})
            wallet.balance = sum(amount for amount, _date in by_kind.values())
            wallet.last_purchase_date = by_kind.get("purchase", (0, False))[1]

    @api.depends("move_ids.remaining", "move_ids.expiry_date")
    def _compute_sla_policy_id(self):
        credits_by_wallet = self._credits().grouped("wallet_id")
        no_credit = self.env["helpdesk.wallet.move"]
        for wallet in self:
            credits = credits_by_wallet.get(wallet._origin, no_credit)
            wallet.last_credit_id = credits[-1:]
            next_credit = wallet._next_credit(credits)
            wallet.sla_policy_id = (next_credit or credits[-1:]).sla_policy_id

    @api.depends("move_ids.kind", "move_ids.amount")
    def _compute_ticket_counts(self):
        counts = self._ledger_totals(
            ["amount:sum", "ticket_id:count_distinct"],
            [("kind", "in", ("consumption", "reversal"))],
        )
        for wallet in self:
            used, tickets = counts.get(wallet._origin.id, (0, 0))
            wallet.tickets_used = -used
            wallet.ticket_count = tickets

    def _ledger_totals(self, aggregates, domain=(), groupby=()):
        """``{wallet id: (aggregate, ...)}`` over the moves of these wallets
        that match ``domain``, or with ``groupby`` ``{wallet id: {group:
        (aggregate, ...)}}``, computed by the database."""
        if not self._origin:
            return {}
        groups = (
            self.env["helpdesk.wallet.move"]
            .sudo()
            ._read_group(
                [("wallet_id", "in", self._origin.ids), *domain],
                ["wallet_id", *groupby],
                aggregates,
            )
        )
        if not groupby:
            return {wallet.id: values for wallet, *values in groups}
        totals = {}
        for wallet, group, *values in groups:
            totals.setdefault(wallet.id, {})[group] = tuple(values)
        return totals

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
        # Without reading the ledger to forget it: it is read next.
        self.env["helpdesk.wallet.move"].invalidate_model()

    # ------------------------------------------------------------------
    # Credits
    # ------------------------------------------------------------------

    def _credits(self):
        """The credits of these wallets, oldest first, in one query: a few
        packs and adjustments each, however long their ledgers."""
        return self.env["helpdesk.wallet.move"].search_fetch(
            [("wallet_id", "in", self._origin.ids), ("is_credit", "=", True)],
            [
                "amount",
                "date",
                "expiry_date",
                "is_credit",
                "remaining",
                "sla_policy_id",
                "wallet_id",
            ],
            order="date, id",
        )

    def _credit_rows(self, credits=None):
        """The wallet's credits (``credits`` when already read) as the
        rules of ``tools`` take them."""
        self.ensure_one()
        if credits is None:
            credits = self._credits()
        return [
            Credit(
                key=move.id,
                date=move.date,
                remaining=move.remaining,
                expiry_date=move.expiry_date or None,
            )
            for move in credits
        ]

    def _next_credit(self, credits=None):
        """The credit the next ticket consumes (oldest first), or an empty
        recordset; ``credits`` when the wallet's are already read."""
        self.ensure_one()
        rows = self._credit_rows(credits)
        key = next_credit(rows, fields.Date.context_today(self))
        return self.env["helpdesk.wallet.move"].browse(key or [])

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------

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
