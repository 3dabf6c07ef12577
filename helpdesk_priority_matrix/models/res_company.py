import pytz

from odoo import api, fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    helpdesk_sla_policy_id = fields.Many2one(
        comodel_name="helpdesk.sla.policy",
        string="Default SLA Policy",
        help="Service tier of tickets whose team has no SLA policy.",
    )
    helpdesk_authorized_requesters_only = fields.Boolean(
        string="Only Authorized Contacts May Open Tickets",
        help="Tickets received by email or from the portal from an unknown "
        "sender or a contact not authorized are saved but not started until "
        "an authorized contact of the client or an agent approves them.",
    )
    helpdesk_requests_need_contract = fields.Boolean(
        string="Requests Need a Contract",
        help="Requests and questions (configuration, how-to, improvements, "
        "training) are covered only by a plan, a wallet or contracted hours; "
        "the service policy alone covers incidents.",
    )
    helpdesk_default_team_id = fields.Many2one(
        comodel_name="helpdesk.ticket.team",
        string="Default Helpdesk Team",
        domain="[('company_id', 'in', [id, False])]",
        help="Team of the tickets received by email or from the portal without a team.",
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
