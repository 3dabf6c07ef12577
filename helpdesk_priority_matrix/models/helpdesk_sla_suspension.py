from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.osv import expression


class HelpdeskSlaSuspension(models.Model):
    """A force-majeure window declared by the company (hosting outage, global
    attack…) during which no SLA clock of the company runs."""

    _name = "helpdesk.sla.suspension"
    _description = "Helpdesk SLA Suspension (Force Majeure)"
    _inherit = ["mail.thread", "helpdesk.config.cache.mixin"]
    _order = "date_from desc"

    name = fields.Char(string="Reason", required=True, tracking=True)
    company_id = fields.Many2one(
        comodel_name="res.company",
        required=True,
        default=lambda self: self.env.company,
        index=True,
    )
    date_from = fields.Datetime(string="From", required=True, tracking=True)
    date_to = fields.Datetime(string="To", required=True, tracking=True)
    description = fields.Html(help="What happened, as told to the clients.")

    @api.constrains("date_from", "date_to")
    def _check_dates(self):
        for suspension in self:
            if suspension.date_to <= suspension.date_from:
                raise ValidationError(
                    self.env._(
                        "The force majeure window %(name)s must end after it starts.",
                        name=suspension.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        suspensions = super().create(vals_list)
        suspensions._recompute_affected_tickets()
        return suspensions

    def write(self, vals):
        affected = self._affected_tickets()
        result = super().write(vals)
        (affected | self._affected_tickets())._recompute_sla_deadlines()
        return result

    def unlink(self):
        affected = self._affected_tickets()
        result = super().unlink()
        affected._recompute_sla_deadlines()
        return result

    def _recompute_affected_tickets(self):
        self._affected_tickets()._recompute_sla_deadlines()

    def _affected_tickets(self):
        """Open tickets whose clock could run inside one of the windows."""
        if not self:
            return self.env["helpdesk.ticket"]
        windows = expression.OR(
            [
                [
                    ("company_id", "=", suspension.company_id.id),
                    ("sla_start_date", "<", suspension.date_to),
                ]
                for suspension in self
            ]
        )
        return self.env["helpdesk.ticket"].search(
            expression.AND(
                [[("sla_policy_id", "!=", False), ("closed", "=", False)], windows]
            )
        )

    @api.model
    def _windows(self, company, date_from, date_to):
        """(start, end) UTC windows of ``company`` overlapping the range."""
        suspensions = self.sudo().search(
            [
                ("company_id", "=", company.id),
                ("date_from", "<", date_to),
                ("date_to", ">", date_from),
            ]
        )
        return [(s.date_from, s.date_to) for s in suspensions]

    @api.model
    def _portal_notices(self, companies, now=None):
        """The windows of ``companies`` that have not ended, for clients:
        read as superuser, since clients have no access to the model, and
        limited to the companies serving them."""
        return self.sudo().search(
            [
                ("company_id", "in", companies.ids),
                ("date_to", ">", now or fields.Datetime.now()),
            ],
            order="date_from",
        )
