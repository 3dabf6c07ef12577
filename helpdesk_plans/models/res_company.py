from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ResCompany(models.Model):
    _inherit = "res.company"

    helpdesk_plan_required_from = fields.Date(
        string="Plan Required From",
        help="From this day, a ticket is served only under an active support "
        "plan or add-on bag (administrative cases excepted). Before it, "
        "clients without a plan keep the service policy.",
    )
    helpdesk_plan_notice_days = fields.Integer(
        string="Cancellation Notice (days)",
        default=5,
        help="A plan can be cancelled up to this many days before it renews.",
    )
    helpdesk_plan_grace_days = fields.Integer(
        string="Payment Grace Period (days)",
        default=5,
        help="Days a plan keeps serving after its renewal charge failed.",
    )

    @api.constrains("helpdesk_plan_notice_days", "helpdesk_plan_grace_days")
    def _check_helpdesk_plan_days(self):
        for company in self:
            if company.helpdesk_plan_notice_days < 0 or (
                company.helpdesk_plan_grace_days < 0
            ):
                raise ValidationError(
                    self.env._(
                        "The cancellation notice and the payment grace period "
                        "cannot be negative."
                    )
                )
