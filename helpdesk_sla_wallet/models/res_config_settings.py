from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    wallet_credit_on = fields.Selection(
        related="company_id.wallet_credit_on", readonly=False
    )
    wallet_consume_on = fields.Selection(
        related="company_id.wallet_consume_on", readonly=False
    )
    wallet_low_balance_threshold = fields.Integer(
        related="company_id.wallet_low_balance_threshold", readonly=False
    )
    wallet_user_id = fields.Many2one(
        related="company_id.wallet_user_id", readonly=False
    )
    wallet_diagnosis_product_id = fields.Many2one(
        related="company_id.wallet_diagnosis_product_id", readonly=False
    )
    wallet_discount_pricelist_id = fields.Many2one(
        related="company_id.wallet_discount_pricelist_id", readonly=False
    )
    wallet_discount_categ_ids = fields.Many2many(
        related="company_id.wallet_discount_categ_ids", readonly=False
    )
    wallet_discount_percent = fields.Float(
        related="company_id.wallet_discount_percent", readonly=False
    )
    wallet_discount_days = fields.Integer(
        related="company_id.wallet_discount_days", readonly=False
    )
