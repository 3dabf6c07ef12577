from odoo import api, fields, models
from odoo.exceptions import ValidationError


class HelpdeskSlaPolicy(models.Model):
    _inherit = "helpdesk.sla.policy"

    wallet_hour_cap = fields.Float(
        string="Time Cap per Wallet Ticket (hours)",
        default=1.0,
        help="Work time one wallet ticket of this service level includes. At "
        "80 % the agent is warned; above it the ticket may be closed as a "
        "diagnosis and become a sales opportunity.",
    )

    @api.constrains("wallet_hour_cap")
    def _check_wallet_hour_cap(self):
        for policy in self:
            if policy.wallet_hour_cap < 0:
                raise ValidationError(
                    self.env._(
                        "The time cap per wallet ticket of %(policy)s cannot be "
                        "negative.",
                        policy=policy.name,
                    )
                )
