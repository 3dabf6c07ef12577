from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import html2plaintext

WORK_KINDS = [
    ("improvement", "Improvement"),
    ("development", "Development"),
    ("training", "Training"),
    ("consulting", "Strategic consulting"),
]


class HelpdeskTicketDiagnosisWizard(models.TransientModel):
    """Close a wallet ticket that outgrew its time cap as a diagnosis and
    open a sales opportunity for the work it revealed."""

    _name = "helpdesk.ticket.diagnosis.wizard"
    _description = "Convert a Ticket to a Diagnosis"

    ticket_id = fields.Many2one(
        comodel_name="helpdesk.ticket", required=True, ondelete="cascade"
    )
    diagnosis = fields.Html(
        required=True,
        help="What was found and what the solution requires; the client reads it.",
    )
    work_kind = fields.Selection(
        selection=WORK_KINDS,
        string="Kind of Work",
        required=True,
        default="development",
    )
    estimated_hours = fields.Float(required=True)
    product_id = fields.Many2one(
        comodel_name="product.product",
        string="Service",
        required=True,
        domain="[('type', '=', 'service'), ('sale_ok', '=', True)]",
        default=lambda self: self.env.company.wallet_diagnosis_product_id,
        help="Service sold by the hour; its price gives the expected revenue.",
    )
    expected_revenue = fields.Monetary(
        compute="_compute_expected_revenue", currency_field="currency_id"
    )
    currency_id = fields.Many2one(related="product_id.currency_id")

    @api.depends("estimated_hours", "product_id")
    def _compute_expected_revenue(self):
        for wizard in self:
            wizard.expected_revenue = (
                wizard.estimated_hours * wizard.product_id.lst_price
            )

    @api.constrains("estimated_hours", "diagnosis")
    def _check_diagnosis(self):
        for wizard in self:
            if wizard.estimated_hours <= 0:
                raise ValidationError(
                    self.env._("Estimate the hours of the work: more than zero.")
                )
            if not html2plaintext(wizard.diagnosis or "").strip():
                raise ValidationError(
                    self.env._("Write the diagnosis the client will read.")
                )

    def action_convert(self):
        self.ensure_one()
        ticket = self.ticket_id
        ticket._wallet_check_diagnosis_allowed()
        # Agents need not be salespeople: the opportunity is the sales
        # team's, created on their behalf.
        lead = self.env["crm.lead"].sudo().create(self._lead_values())
        ticket._wallet_close_as_diagnosis(self.diagnosis, lead)
        # The opportunity opens for agents who may read it: a salesperson
        # who sees only their own leads does not see the sales team's.
        if not lead.with_env(self.env).has_access("read"):
            return {"type": "ir.actions.act_window_close"}
        return {
            "type": "ir.actions.act_window",
            "res_model": "crm.lead",
            "res_id": lead.id,
            "view_mode": "form",
            "views": [(False, "form")],
        }

    def _lead_values(self):
        ticket = self.ticket_id
        client = ticket.partner_id.commercial_partner_id
        kinds = dict(self._fields["work_kind"]._description_selection(self.env))
        salesperson = (
            ticket.wallet_id._responsible() if ticket.wallet_id else self.env.user
        )
        return {
            "type": "opportunity",
            "name": self.env._(
                "%(kind)s: %(ticket)s",
                kind=kinds[self.work_kind],
                ticket=ticket.display_name,
            ),
            "partner_id": client.id,
            "user_id": salesperson.id,
            "company_id": ticket.company_id.id,
            "ticket_id": ticket.id,
            "expected_revenue": self.expected_revenue,
            "description": Markup("%s<p>%s</p>")
            % (
                self.diagnosis,
                self.env._(
                    "%(hours)s estimated hours of %(service)s.",
                    hours=self.estimated_hours,
                    service=self.product_id.display_name,
                ),
            ),
        }
