from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    helpdesk_plan_required_from = fields.Date(
        related="company_id.helpdesk_plan_required_from", readonly=False
    )
    helpdesk_plan_notice_days = fields.Integer(
        related="company_id.helpdesk_plan_notice_days", readonly=False
    )
    helpdesk_plan_grace_days = fields.Integer(
        related="company_id.helpdesk_plan_grace_days", readonly=False
    )
