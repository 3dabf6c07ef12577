from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    helpdesk_sla_policy_id = fields.Many2one(
        related="company_id.helpdesk_sla_policy_id",
        readonly=False,
        domain="[('company_id', 'in', [company_id, False])]",
    )
