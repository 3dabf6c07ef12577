from odoo import api, fields, models

from .helpdesk_priority_level import NO_TERMS, TICKET_PRIORITY_STARS
from .helpdesk_priority_matrix_cell import IMPACT_URGENCY_LEVELS


class HelpdeskTicket(models.Model):
    """Priority of a ticket: impact x urgency through the matrix, the
    level an agent may override, and the stars that follow the level."""

    _inherit = "helpdesk.ticket"

    impact = fields.Selection(
        selection=IMPACT_URGENCY_LEVELS,
        compute="_compute_impact_urgency",
        store=True,
        readonly=False,
        tracking=True,
        help="How much of the client's operation is affected.",
    )
    urgency = fields.Selection(
        selection=IMPACT_URGENCY_LEVELS,
        compute="_compute_impact_urgency",
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
    priority_level_manual = fields.Boolean(
        string="Priority Set by an Agent",
        readonly=True,
        copy=False,
        help="An agent chose a level other than the matrix's: it stays when "
        "impact, urgency, category or team change, until an agent changes or "
        "clears it.",
    )

    @api.depends("category_id")
    def _compute_impact_urgency(self):
        # A category without defaults puts the team's defaults back: the
        # impact and urgency of the case chosen before do not describe the
        # new one.
        proposed = self.env["helpdesk.ticket.category"]._proposed_impact_urgency()
        for ticket in self:
            impact, urgency = proposed.get(ticket.category_id.id, (False, False))
            team_impact, team_urgency = ticket.team_id._default_impact_urgency()
            ticket.impact = impact or team_impact
            ticket.urgency = urgency or team_urgency

    @api.depends("impact", "urgency", "team_id", "company_id", "priority_level_manual")
    def _compute_priority_level_id(self):
        for ticket in self:
            if ticket.priority_level_manual and ticket.priority_level_id:
                ticket.priority_level_id = ticket.priority_level_id
                continue
            ticket.priority_level_id = (
                ticket._matrix_level() or ticket.priority_level_id
            )

    @api.depends("impact", "urgency", "team_id", "company_id", "priority_level_id")
    def _compute_matrix_priority_level_id(self):
        for ticket in self:
            ticket.matrix_priority_level_id = ticket._matrix_level()
            ticket.priority_level_overridden = bool(
                ticket.priority_level_id
                and ticket.matrix_priority_level_id
                and ticket.priority_level_id != ticket.matrix_priority_level_id
            )

    @api.depends("priority_level_id")
    def _compute_priority(self):
        terms = self.env["helpdesk.priority.level"]._ticket_terms()
        for ticket in self:
            stars = terms.get(ticket.priority_level_id.id, NO_TERMS).stars
            ticket.priority = stars or ticket.priority or "1"

    def _priority_matrix(self):
        """The matrix of the ticket's team and company."""
        self.ensure_one()
        return self.env["helpdesk.priority.matrix"]._for_team(
            self.team_id, self.company_id or self.env.company
        )

    def _matrix_level(self):
        """The level the matrix gives the ticket's impact and urgency."""
        self.ensure_one()
        return self.env["helpdesk.priority.matrix"]._level_for(
            self.team_id, self.company_id or self.env.company, self.impact, self.urgency
        )

    def _priority_remember_override(self, vals):
        """A level written by hand is an override when it differs from the
        matrix's; clearing it gives the ticket the matrix level again."""
        if "priority_level_id" not in vals:
            return
        for ticket in self:
            manual = bool(vals["priority_level_id"]) and (
                ticket.priority_level_id != ticket.matrix_priority_level_id
            )
            if manual != ticket.priority_level_manual:
                ticket.priority_level_manual = manual
        if not vals["priority_level_id"]:
            # A level is never left empty on a ticket the matrix can rate.
            self.env.add_to_compute(self._fields["priority_level_id"], self)
