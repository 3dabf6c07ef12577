from odoo import fields, models


class ContractLine(models.Model):
    _inherit = "contract.line"

    helpdesk_plan_subscription_ids = fields.One2many(
        comodel_name="helpdesk.plan.subscription",
        inverse_name="contract_line_id",
        string="Plan Subscriptions",
    )
