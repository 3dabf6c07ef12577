from odoo import api, fields, models
from odoo.exceptions import UserError

from ..tools import TIME_EXCEEDED, time_state

DEFAULT_HOUR_CAP = 1.0


class HelpdeskTicket(models.Model):
    """The one-hour rule: a wallet ticket covers a quick case. The agent is
    warned at 80 % of the time cap; above it the ticket may be closed as a
    diagnosis that becomes a sales opportunity."""

    _inherit = "helpdesk.ticket"

    wallet_hour_cap = fields.Float(
        string="Time Cap (hours)",
        compute="_compute_wallet_time",
        help="Work time the wallet ticket includes: the pack's, else its "
        "service level's.",
    )
    wallet_time_state = fields.Selection(
        selection=[
            ("ok", "Within the time cap"),
            ("warning", "Close to the time cap"),
            ("exceeded", "Time cap exceeded"),
        ],
        string="Time Cap Status",
        compute="_compute_wallet_time",
    )
    wallet_diagnosis = fields.Html(
        string="Diagnosis",
        readonly=True,
        copy=False,
        help="What the agent found when the case turned out bigger than a "
        "quick incident.",
    )

    @api.depends(
        "total_hours",
        "wallet_move_ids",
        "sla_policy_id.wallet_hour_cap",
        "entitlement_source",
    )
    def _compute_wallet_time(self):
        for ticket in self:
            if ticket.entitlement_source != "wallet":
                ticket.wallet_hour_cap = 0.0
                ticket.wallet_time_state = False
                continue
            credit = ticket.wallet_consumption_id.credit_id
            cap = (
                credit.hour_cap
                or ticket.sla_policy_id.wallet_hour_cap
                or DEFAULT_HOUR_CAP
            )
            ticket.wallet_hour_cap = cap
            ticket.wallet_time_state = time_state(ticket.total_hours, cap)

    def _wallet_check_diagnosis_allowed(self):
        """Only a wallet ticket over its time cap becomes a diagnosis: the
        button checks it, and so does the conversion itself."""
        self.ensure_one()
        if self.wallet_time_state != TIME_EXCEEDED:
            raise UserError(
                self.env._(
                    "Only a wallet ticket whose time cap (%(cap)s h) is exceeded "
                    "can be converted to a diagnosis.",
                    cap=self.wallet_hour_cap or DEFAULT_HOUR_CAP,
                )
            )

    def action_open_diagnosis_wizard(self):
        self.ensure_one()
        self._wallet_check_diagnosis_allowed()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Convert to Diagnosis"),
            "res_model": "helpdesk.ticket.diagnosis.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_ticket_id": self.id},
        }

    def _wallet_close_as_diagnosis(self, diagnosis, lead):
        """Close the ticket in the diagnosis stage and tell the client; the
        wallet ticket stays used."""
        self.ensure_one()
        stage = self._wallet_diagnosis_stage()
        self.write({"wallet_diagnosis": diagnosis, "stage_id": stage.id})
        template = self.env.ref(
            "helpdesk_sla_wallet.mail_template_ticket_diagnosis",
            raise_if_not_found=False,
        )
        if template and self.partner_id:
            self.message_post_with_source(template, subtype_xmlid="mail.mt_comment")
        self.message_post(
            body=self.env._(
                "Closed as a diagnosis; opportunity %(lead)s created.",
                lead=lead.name,
            )
        )

    def _wallet_diagnosis_stage(self):
        stages = self.env["helpdesk.ticket.stage"].search(
            [
                ("wallet_diagnosis", "=", True),
                ("closed", "=", True),
                ("company_id", "in", [self.company_id.id, False]),
            ]
        )
        stage = stages.filtered(lambda s: not s.team_ids or self.team_id in s.team_ids)[
            :1
        ]
        if not stage:
            raise UserError(
                self.env._(
                    "No closing stage is flagged as diagnosis for the team "
                    "%(team)s: flag one in the helpdesk stages.",
                    team=self.team_id.display_name or "-",
                )
            )
        return stage
