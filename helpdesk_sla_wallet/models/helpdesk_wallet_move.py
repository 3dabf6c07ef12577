from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL

# Moves that undo part of a purchase: what is left of it is what it still
# credits.
UNDOING_KINDS = ("refund", "cancellation")

MOVE_KINDS = [
    ("purchase", "Pack purchase"),
    ("consumption", "Ticket used"),
    ("reversal", "Ticket given back"),
    ("refund", "Credit note"),
    ("cancellation", "Order cancelled"),
    ("expiry", "Expiry"),
    ("adjustment", "Adjustment"),
]


class HelpdeskWalletMove(models.Model):
    """One line of a wallet's ledger: + on purchase, - on consumption, + on
    reversal, - on credit note or expiry, +/- on a manager's adjustment.

    A credit (a purchase or a positive adjustment) carries the service level
    of its pack; every other move takes from or gives back to one credit, so
    that what is left of each credit is known.
    """

    _name = "helpdesk.wallet.move"
    _description = "Helpdesk Ticket Wallet Move"
    _order = "date desc, id desc"

    wallet_id = fields.Many2one(
        comodel_name="helpdesk.wallet",
        required=True,
        index=True,
        ondelete="restrict",
    )
    partner_id = fields.Many2one(
        related="wallet_id.partner_id",
        string="Client",
        store=True,
        precompute=True,
        index=True,
    )
    company_id = fields.Many2one(
        related="wallet_id.company_id", store=True, precompute=True, index=True
    )
    date = fields.Datetime(required=True, default=fields.Datetime.now, index=True)
    kind = fields.Selection(selection=MOVE_KINDS, required=True, index=True)
    amount = fields.Integer(
        string="Tickets",
        required=True,
        aggregator="sum",
        help="Tickets added (positive) or taken (negative).",
    )
    is_credit = fields.Boolean(
        readonly=True,
        index=True,
        help="A pack purchase or a positive adjustment: tickets that later "
        "moves consume.",
    )
    credit_id = fields.Many2one(
        comodel_name="helpdesk.wallet.move",
        index=True,
        ondelete="restrict",
        help="The credit this move takes tickets from or gives them back to.",
    )
    debit_ids = fields.One2many(
        comodel_name="helpdesk.wallet.move", inverse_name="credit_id"
    )
    remaining = fields.Integer(
        compute="_compute_remaining",
        store=True,
        precompute=True,
        help="Tickets of this credit not used yet.",
    )
    origin_id = fields.Many2one(
        comodel_name="helpdesk.wallet.move",
        string="Reversed Move",
        index=True,
        ondelete="restrict",
    )
    reversal_ids = fields.One2many(
        comodel_name="helpdesk.wallet.move", inverse_name="origin_id"
    )
    sla_policy_id = fields.Many2one(
        comodel_name="helpdesk.sla.policy",
        string="Service Level",
        ondelete="restrict",
    )
    hour_cap = fields.Float(
        string="Time Cap (hours)",
        help="Work time a ticket of this credit includes; empty: the service level's.",
    )
    expiry_date = fields.Date(help="Tickets of this credit not used by then expire.")
    ticket_id = fields.Many2one(
        comodel_name="helpdesk.ticket", index=True, ondelete="restrict"
    )
    sale_line_id = fields.Many2one(
        comodel_name="sale.order.line",
        string="Sale Order Line",
        index=True,
        ondelete="restrict",
    )
    sale_order_id = fields.Many2one(
        related="sale_line_id.order_id",
        string="Sale Order",
        store=True,
        precompute=True,
        index=True,
    )
    invoice_id = fields.Many2one(
        comodel_name="account.move", index=True, ondelete="restrict"
    )
    product_id = fields.Many2one(comodel_name="product.product", string="Pack")
    reason = fields.Text(help="Why a manager adjusted the wallet.")
    user_id = fields.Many2one(
        comodel_name="res.users",
        string="Posted By",
        default=lambda self: self.env.user,
        readonly=True,
    )

    def init(self):
        # A sale line is credited once per paid invoice, a consumption
        # reversed once, a credit note line taken back once: the database
        # refuses a second time even when two transactions race past the ORM
        # checks. (Credits on confirmation have no invoice: an order
        # confirmed again after a cancellation credits again.)
        self.env.cr.execute("DROP INDEX IF EXISTS helpdesk_wallet_move_purchase_once")
        for name, columns, kind in (
            (
                "helpdesk_wallet_move_purchase_once_per_invoice",
                "sale_line_id, invoice_id",
                "purchase",
            ),
            ("helpdesk_wallet_move_reversal_once", "origin_id", "reversal"),
            ("helpdesk_wallet_move_refund_once", "invoice_id, credit_id", "refund"),
        ):
            self.env.cr.execute(
                SQL(
                    "CREATE UNIQUE INDEX IF NOT EXISTS %s ON helpdesk_wallet_move "
                    "(%s) WHERE kind = %s",
                    SQL.identifier(name),
                    SQL(columns),
                    kind,
                )
            )

    @api.depends("amount", "is_credit", "debit_ids.amount")
    def _compute_remaining(self):
        taken = self._debited_totals()
        for move in self:
            if move.is_credit:
                move.remaining = move.amount + taken.get(move._origin.id, 0)
            else:
                move.remaining = 0

    def _debited_totals(self):
        """``{credit id: tickets its moves took (negative) or gave back}``,
        summed by the database: a pack's debits grow with every ticket."""
        credits = self.filtered("is_credit")._origin
        if not credits:
            return {}
        groups = self.sudo()._read_group(
            [("credit_id", "in", credits.ids)], ["credit_id"], ["amount:sum"]
        )
        return {credit.id: total for credit, total in groups}

    def _still_credited(self):
        """Tickets these purchases still credit: what they added, less what
        credit notes and cancellations took back (consumption does not
        count: a used ticket was credited)."""
        return sum(
            move.amount
            + sum(
                move.debit_ids.filtered(lambda m: m.kind in UNDOING_KINDS).mapped(
                    "amount"
                )
            )
            for move in self
        )

    @api.depends("kind", "amount", "wallet_id")
    def _compute_display_name(self):
        kinds = dict(self._fields["kind"]._description_selection(self.env))
        for move in self:
            move.display_name = f"{kinds.get(move.kind, '')} ({move.amount:+d})"

    @api.constrains("kind", "reason", "amount", "credit_id", "sla_policy_id")
    def _check_move(self):
        for move in self:
            if move.kind == "adjustment" and not (move.reason or "").strip():
                raise ValidationError(
                    self.env._(
                        "Say why the ticket wallet is adjusted: a reason is required."
                    )
                )
            if not move.amount:
                raise ValidationError(
                    self.env._("A wallet move must add or take at least one ticket.")
                )
            if move.is_credit and (move.amount < 0 or not move.sla_policy_id):
                raise ValidationError(
                    self.env._("A credit adds tickets at a service level.")
                )
            if not move.is_credit and not move.credit_id:
                raise ValidationError(
                    self.env._(
                        "A wallet move that is not a credit must name its credit."
                    )
                )
            if move.credit_id and move.credit_id.wallet_id != move.wallet_id:
                raise ValidationError(
                    self.env._("A wallet move cannot use the credit of another wallet.")
                )
            if move.credit_id and move.credit_id.remaining < 0:
                raise ValidationError(
                    self.env._(
                        "No ticket is left in the credit %(credit)s.",
                        credit=move.credit_id.display_name,
                    )
                )

    def write(self, vals):
        if self:
            raise UserError(
                self.env._(
                    "Wallet moves are never changed: post an adjustment with a "
                    "reason to correct a balance."
                )
            )
        return super().write(vals)

    def unlink(self):
        if self:
            raise UserError(
                self.env._(
                    "Wallet moves are never deleted: post an adjustment with a "
                    "reason to correct a balance."
                )
            )
        return super().unlink()
