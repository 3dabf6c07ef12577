import pytz

from odoo import api, fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    helpdesk_sla_policy_id = fields.Many2one(
        comodel_name="helpdesk.sla.policy",
        string="Default SLA Policy",
        help="Service tier of tickets whose team has no SLA policy.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        companies = super().create(vals_list)
        companies._create_default_priority_matrix()
        return companies

    def _create_default_priority_matrix(self):
        """Every company starts with a copy of the shipped matrix, so that its
        tickets get a priority level from the first one."""
        template = self.env.ref(
            "helpdesk_priority_matrix.priority_matrix_main_company",
            raise_if_not_found=False,
        )
        if not template:
            return
        for company in self:
            template.sudo().copy({"company_id": company.id, "team_id": False})

    def _helpdesk_timezone(self):
        """The time zone the company works in: its working hours', its
        address', the current user's, else the main one of its country."""
        self.ensure_one()
        for tz in (
            self.resource_calendar_id.tz,
            self.partner_id.tz,
            self.env.user.tz,
        ):
            if tz and tz != "UTC":
                return tz
        zones = pytz.country_timezones.get((self.country_id.code or "").upper())
        return zones[0] if zones else "UTC"
