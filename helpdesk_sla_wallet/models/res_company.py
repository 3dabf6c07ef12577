from odoo import api, fields, models
from odoo.exceptions import ValidationError

WALLET_CREDIT_MOMENTS = [
    ("paid", "When the invoice is paid"),
    ("confirm", "When the sale order is confirmed"),
]
WALLET_DEBIT_MOMENTS = [
    ("create", "When the ticket is created"),
    ("first_move", "When an agent first moves it out of the new stage"),
]


class ResCompany(models.Model):
    _inherit = "res.company"

    wallet_credit_on = fields.Selection(
        selection=WALLET_CREDIT_MOMENTS,
        string="Credit Ticket Packs",
        default="paid",
        required=True,
    )
    wallet_consume_on = fields.Selection(
        selection=WALLET_DEBIT_MOMENTS,
        string="Use a Wallet Ticket",
        default="create",
        required=True,
    )
    wallet_low_balance_threshold = fields.Integer(
        string="Low Balance Threshold",
        default=1,
        help="When a wallet has this many tickets left or fewer, the client "
        "is told and the salesperson gets an activity.",
    )
    wallet_user_id = fields.Many2one(
        comodel_name="res.users",
        string="Wallet Responsible",
        help="Gets the activities of clients without a salesperson.",
    )
    wallet_diagnosis_product_id = fields.Many2one(
        comodel_name="product.product",
        string="Diagnosis Service",
        help="Hourly service whose price values the opportunities of tickets "
        "closed as diagnosis.",
    )
    wallet_discount_pricelist_id = fields.Many2one(
        comodel_name="product.pricelist",
        string="Wallet Holders' Pricelist",
        help="Pricelist of the quotations of wallet holders; its rules give "
        "the discount on the chosen product categories.",
    )
    wallet_discount_categ_ids = fields.Many2many(
        comodel_name="product.category",
        string="Discounted Categories",
        help="Improvements, developments, trainings, strategic consulting.",
    )
    wallet_discount_percent = fields.Float(
        string="Wallet Holders' Discount (%)", default=5.0
    )
    wallet_discount_days = fields.Integer(
        string="Discount Period (days)",
        default=365,
        help="A client whose wallet is empty keeps the discount this many "
        "days after buying a pack.",
    )

    @api.constrains(
        "wallet_low_balance_threshold",
        "wallet_discount_percent",
        "wallet_discount_days",
    )
    def _check_wallet_settings(self):
        for company in self:
            if (
                company.wallet_low_balance_threshold < 0
                or company.wallet_discount_days < 0
            ):
                raise ValidationError(
                    self.env._("Wallet thresholds and periods cannot be negative.")
                )
            if not 0 <= company.wallet_discount_percent <= 100:
                raise ValidationError(
                    self.env._(
                        "The wallet holders' discount is a percentage from 0 to 100."
                    )
                )

    def write(self, vals):
        result = super().write(vals)
        if {
            "wallet_discount_pricelist_id",
            "wallet_discount_categ_ids",
            "wallet_discount_percent",
        } & set(vals):
            self._wallet_sync_discount_rules()
        return result

    def _wallet_sync_discount_rules(self):
        """One percentage rule per discounted category in the holders'
        pricelist: the discount is the pricelist's, shown on the quotation
        line, never computed by hand."""
        for company in self.filtered("wallet_discount_pricelist_id"):
            company._wallet_sync_pricelist_rules()

    def _wallet_sync_pricelist_rules(self):
        self.ensure_one()
        pricelist = self.wallet_discount_pricelist_id.sudo()
        wanted = self.wallet_discount_categ_ids
        rules = pricelist.item_ids.filtered(
            lambda i: (
                i.applied_on == "2_product_category" and i.compute_price == "percentage"
            )
        )
        stale = rules.filtered(lambda r: r.categ_id not in wanted)
        kept = rules - stale
        stale.unlink()
        kept.write({"percent_price": self.wallet_discount_percent})
        pricelist.write(
            {
                "item_ids": [
                    fields.Command.create(
                        {
                            "applied_on": "2_product_category",
                            "categ_id": category.id,
                            "compute_price": "percentage",
                            "percent_price": self.wallet_discount_percent,
                        }
                    )
                    for category in wanted - kept.categ_id
                ]
            }
        )
