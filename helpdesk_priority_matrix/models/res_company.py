from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    helpdesk_sla_policy_id = fields.Many2one(
        comodel_name="helpdesk.sla.policy",
        string="Default SLA Policy",
        help="Service tier of tickets whose team has no SLA policy.",
    )
