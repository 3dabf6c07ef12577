from collections import defaultdict

from odoo import api, fields, models

from .helpdesk_priority_level import TICKET_PRIORITY_STARS
from .helpdesk_priority_matrix_cell import IMPACT_URGENCY_LEVELS


class HelpdeskTicket(models.Model):
    """Priority (impact x urgency) and entitlement of a ticket."""

    _inherit = "helpdesk.ticket"

    impact = fields.Selection(
        selection=IMPACT_URGENCY_LEVELS,
        compute="_compute_impact",
        store=True,
        readonly=False,
        tracking=True,
        help="How much of the client's operation is affected.",
    )
    urgency = fields.Selection(
        selection=IMPACT_URGENCY_LEVELS,
        compute="_compute_urgency",
        store=True,
        readonly=False,
        tracking=True,
        help="How fast the client needs the solution.",
    )
    criticality = fields.Selection(related="category_id.criticality")
    priority_level_id = fields.Many2one(
        comodel_name="helpdesk.priority.level",
        compute="_compute_priority_level_id",
        store=True,
        readonly=False,
        tracking=True,
        index=True,
        ondelete="restrict",
        help="Given by the priority matrix from impact and urgency; an agent "
        "may override it.",
    )
    matrix_priority_level_id = fields.Many2one(
        comodel_name="helpdesk.priority.level",
        compute="_compute_matrix_priority_level_id",
    )
    priority_level_overridden = fields.Boolean(
        compute="_compute_matrix_priority_level_id",
        help="The priority level differs from the one of the matrix.",
    )
    priority = fields.Selection(
        selection=TICKET_PRIORITY_STARS,
        compute="_compute_priority",
        store=True,
        readonly=False,
    )
    sla_policy_id = fields.Many2one(
        comodel_name="helpdesk.sla.policy",
        string="SLA Policy",
        tracking=True,
        index=True,
        domain="[('company_id', 'in', [company_id, False])]",
        help="Service tier whose targets apply; set from the entitlement when "
        "the ticket is created.",
    )
    entitlement_source = fields.Selection(
        selection=[("none", "Not covered"), ("policy", "Service policy")],
        string="Covered By",
        default="none",
        readonly=True,
        copy=False,
    )
    is_covered = fields.Boolean(string="Covered", readonly=True, copy=False)
    entitlement_message = fields.Char(readonly=True, copy=False)

    @api.model
    def default_get(self, fields_list):
        defaults = super().default_get(fields_list)
        # The stars follow the priority level: helpdesk_mgmt's static default
        # would be taken as a value and stop the computation.
        if "default_priority" not in self.env.context:
            defaults.pop("priority", None)
        return defaults

    @api.depends("category_id")
    def _compute_impact(self):
        for ticket in self:
            ticket.impact = (
                ticket.category_id.default_impact or ticket.impact or "medium"
            )

    @api.depends("category_id")
    def _compute_urgency(self):
        for ticket in self:
            ticket.urgency = (
                ticket.category_id.default_urgency or ticket.urgency or "medium"
            )

    @api.depends("impact", "urgency", "team_id", "company_id")
    def _compute_priority_level_id(self):
        matrices = {}
        for ticket in self:
            ticket.priority_level_id = (
                ticket._matrix_cell(matrices).level_id or ticket.priority_level_id
            )

    @api.depends("impact", "urgency", "team_id", "company_id", "priority_level_id")
    def _compute_matrix_priority_level_id(self):
        matrices = {}
        for ticket in self:
            ticket.matrix_priority_level_id = ticket._matrix_cell(matrices).level_id
            ticket.priority_level_overridden = bool(
                ticket.priority_level_id
                and ticket.matrix_priority_level_id
                and ticket.priority_level_id != ticket.matrix_priority_level_id
            )

    @api.depends("priority_level_id")
    def _compute_priority(self):
        for ticket in self:
            ticket.priority = (
                ticket.priority_level_id.ticket_priority or ticket.priority or "1"
            )

    def _priority_matrix(self, matrices=None):
        """The matrix of the ticket's team and company; ``matrices`` caches
        the answers while a batch of tickets is computed."""
        self.ensure_one()
        company = self.company_id or self.env.company
        key = (self.team_id.id, company.id)
        cache = {} if matrices is None else matrices
        if key not in cache:
            cache[key] = self.env["helpdesk.priority.matrix"]._for_team(
                self.team_id, company
            )
        return cache[key]

    def _matrix_cell(self, matrices=None):
        self.ensure_one()
        matrix = self._priority_matrix(matrices)
        if not matrix or not self.impact or not self.urgency:
            return self.env["helpdesk.priority.matrix.cell"]
        return matrix._get_cell(self.impact, self.urgency)

    # ------------------------------------------------------------------
    # Entitlement
    # ------------------------------------------------------------------

    def _get_entitlement(self):
        """Say whether this ticket is covered, by what, with which SLA policy.

        Returns a dict with the keys ``covered`` (bool), ``source`` (a key of
        ``entitlement_source``), ``sla_policy`` (a ``helpdesk.sla.policy``
        recordset, possibly empty) and ``message`` (text for the client,
        empty when covered).

        The default covers the ticket with its team's policy, then the
        company's default policy. Modules that sell coverage (plans, ticket
        wallets) extend it: they add their key to ``entitlement_source`` with
        ``selection_add`` and return their own answer when they cover the
        ticket, else ``super()``'s answer. The answer must have no side
        effect; consuming a ticket belongs in ``_apply_entitlement``.
        """
        self.ensure_one()
        policy = self.team_id.sla_policy_id or self.company_id.helpdesk_sla_policy_id
        if policy:
            return {
                "covered": True,
                "source": "policy",
                "sla_policy": policy,
                "message": "",
            }
        return {
            "covered": False,
            "source": "none",
            "sla_policy": policy,
            "message": self.env._(
                "Your request was received and saved, but no support service "
                "covers it yet. We will contact you to agree on how to serve it."
            ),
        }

    def _apply_entitlement(self, keep_policy=False):
        """Store the entitlement of each ticket; with ``keep_policy``, an SLA
        policy already set by hand is kept. Tickets with the same answer are
        written together, so that their deadlines are planned in one batch."""
        batches = defaultdict(lambda: self.browse())
        for ticket in self:
            entitlement = ticket._get_entitlement()
            vals = {
                "is_covered": entitlement["covered"],
                "entitlement_source": entitlement["source"],
                "entitlement_message": entitlement["message"],
            }
            if not (keep_policy and ticket.sla_policy_id):
                vals["sla_policy_id"] = entitlement["sla_policy"].id
            batches[tuple(sorted(vals.items()))] |= ticket
        for vals, tickets in batches.items():
            tickets.write(dict(vals))

    def _notify_uncovered(self):
        template = self.env.ref(
            "helpdesk_priority_matrix.mail_template_ticket_uncovered",
            raise_if_not_found=False,
        )
        if not template:
            return
        for ticket in self.filtered("partner_id"):
            ticket.message_post_with_source(template, subtype_xmlid="mail.mt_comment")

    @api.model_create_multi
    def create(self, vals_list):
        tickets = super().create(vals_list)
        tickets._apply_entitlement(keep_policy=True)
        tickets.filtered(lambda t: not t.is_covered)._notify_uncovered()
        return tickets

    def write(self, vals):
        result = super().write(vals)
        if "team_id" in vals and "sla_policy_id" not in vals:
            self.filtered(
                lambda t: not t.closed and t.entitlement_source in ("none", "policy")
            )._apply_entitlement()
        return result
