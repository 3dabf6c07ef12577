from dataclasses import replace

from odoo import api, fields, models
from odoo.exceptions import ValidationError

REQUEST_KINDS = [
    ("incident", "Incident"),
    ("request", "Request or Question"),
]
BILLABLE_REASONS = [
    ("user_error", "Incident Caused by a User Error"),
    ("out_of_hours", "Out-of-hours Work at the Client's Request"),
    ("other", "Other Agreed Work"),
]


class HelpdeskTicket(models.Model):
    """Incident or request, and billable work.

    An incident is something that stopped working; a request or question is
    configuration, how-to, improvement or training. Where the company says
    so, requests are covered only by a contract (a plan, a wallet, contracted
    hours), never by the service policy alone. An incident caused by the
    user's own error, or work done out of hours at the client's request, is
    served and marked billable by the agent, with the reason.
    """

    _inherit = "helpdesk.ticket"

    request_kind = fields.Selection(
        selection=REQUEST_KINDS,
        string="Kind",
        required=True,
        default="incident",
        tracking=True,
        help="Incident: something stopped working. Request or question: "
        "configuration, how-to, improvement, training. Chosen by the client, "
        "corrected by the agent.",
    )
    billable = fields.Boolean(
        tracking=True,
        copy=False,
        help="The work on this ticket is invoiced to the client, outside any "
        "plan or wallet.",
    )
    billable_reason = fields.Selection(
        selection=BILLABLE_REASONS,
        tracking=True,
        copy=False,
    )
    billable_note = fields.Char(
        string="Billing Note",
        copy=False,
        help="What was agreed with the client, for the invoice.",
    )

    @api.constrains("billable", "billable_reason")
    def _check_billable_reason(self):
        for ticket in self.filtered(lambda t: t.billable and not t.billable_reason):
            raise ValidationError(
                self.env._(
                    "Ticket %(ticket)s is billable: say why (a user error, work "
                    "out of hours at the client's request, other agreed work).",
                    ticket=ticket.display_name,
                )
            )

    # ------------------------------------------------------------------
    # Entitlement condition
    # ------------------------------------------------------------------

    def _entitlement_needs_contract(self):
        """Whether only a contract (a plan, a wallet, contracted hours) may
        cover this ticket: a request or question, in a company whose
        requests need a contract, that is not an administrative case.

        The modules selling coverage read it: their candidates cover such a
        ticket when their contract includes requests; the service policy
        never does.
        """
        self.ensure_one()
        company = self.company_id or self.env.company
        return (
            self.request_kind == "request"
            and company.helpdesk_requests_need_contract
            and not self.category_id.administrative
        )

    def _entitlement_candidates(self):
        candidates = super()._entitlement_candidates()
        if not self._entitlement_needs_contract():
            return candidates
        message = self.env._(
            "Requests and questions (configuration, how-to, improvements, "
            "training) are served with a support plan, a ticket wallet or "
            "contracted hours."
        )
        return [
            replace(candidate, covers=False, message=message)
            if candidate.source == "policy"
            else candidate
            for candidate in candidates
        ]

    # ------------------------------------------------------------------
    # Step of write
    # ------------------------------------------------------------------

    def _request_kind_on_write(self, vals):
        """A request corrected into an incident, or the reverse, may change
        what covers the open ticket."""
        if "request_kind" not in vals or {
            "team_id",
            "partner_id",
            "category_id",
            "sla_policy_id",
        } & set(vals):
            return
        self.filtered(lambda t: not t.closed)._entitlement_apply()
