from odoo import models


class ProductPricelist(models.Model):
    _inherit = "product.pricelist"

    def _get_partner_pricelist_multi_search_domain_hook(self, company_id):
        """The wallet holders' pricelist is never anyone's default: sale
        orders choose it while the partner holds the right to it."""
        domain = super()._get_partner_pricelist_multi_search_domain_hook(company_id)
        holders = self.env["res.company"].sudo().search([]).wallet_discount_pricelist_id
        if holders:
            domain = [*domain, ("id", "not in", holders.ids)]
        return domain
