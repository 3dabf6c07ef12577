from odoo import api, fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    helpdesk_sla_policy_id = fields.Many2one(
        related="company_id.helpdesk_sla_policy_id",
        readonly=False,
        domain="[('company_id', 'in', [company_id, False])]",
    )
    helpdesk_authorized_requesters_only = fields.Boolean(
        related="company_id.helpdesk_authorized_requesters_only", readonly=False
    )
    helpdesk_requests_need_contract = fields.Boolean(
        related="company_id.helpdesk_requests_need_contract", readonly=False
    )
    helpdesk_default_team_id = fields.Many2one(
        related="company_id.helpdesk_default_team_id",
        readonly=False,
        domain="[('company_id', 'in', [company_id, False])]",
    )
    helpdesk_sla_utc_calendars = fields.Char(
        string="Working Hours in UTC",
        compute="_compute_helpdesk_sla_utc_calendars",
        help="Working hours used by an SLA policy and still set in UTC: their "
        "hours are probably meant in the company's local time.",
    )

    @api.depends("company_id")
    def _compute_helpdesk_sla_utc_calendars(self):
        for settings in self:
            policies = self.env["helpdesk.sla.policy"].search(
                [
                    ("company_id", "in", [settings.company_id.id, False]),
                    ("calendar_id.tz", "in", [False, "UTC"]),
                ]
            )
            settings.helpdesk_sla_utc_calendars = ", ".join(
                sorted(set(policies.calendar_id.mapped("name")))
            )
