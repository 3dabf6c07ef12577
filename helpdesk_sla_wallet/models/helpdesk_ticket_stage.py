from odoo import api, fields, models
from odoo.exceptions import ValidationError


class HelpdeskTicketStage(models.Model):
    _inherit = "helpdesk.ticket.stage"

    wallet_diagnosis = fields.Boolean(
        string="Closes as Diagnosis",
        help="Wallet tickets that exceed their time cap are closed here when "
        "they become a sales opportunity. The wallet ticket stays used.",
    )

    @api.constrains("wallet_diagnosis", "closed")
    def _check_wallet_diagnosis_closed(self):
        for stage in self.filtered("wallet_diagnosis"):
            if not stage.closed:
                raise ValidationError(
                    self.env._(
                        "The diagnosis stage %(stage)s must be a closing stage.",
                        stage=stage.name,
                    )
                )
