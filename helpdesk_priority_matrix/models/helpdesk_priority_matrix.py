from itertools import product

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL, ormcache

from .helpdesk_priority_matrix_cell import IMPACT_URGENCY_LEVELS


class HelpdeskPriorityMatrix(models.Model):
    """Impact x urgency grid that decides the priority level of a ticket.

    One matrix per company is the default; a matrix linked to a team overrides
    it for that team's tickets. A matrix must map every pair, so that every
    ticket always gets a level.
    """

    _name = "helpdesk.priority.matrix"
    _inherit = ["helpdesk.config.cache.mixin"]
    _description = "Helpdesk Priority Matrix"
    _order = "company_id, team_id, id"

    name = fields.Char(required=True, translate=True)
    company_id = fields.Many2one(
        comodel_name="res.company",
        required=True,
        default=lambda self: self.env.company,
        index=True,
    )
    team_id = fields.Many2one(
        comodel_name="helpdesk.ticket.team",
        index=True,
        domain="[('company_id', 'in', [company_id, False])]",
        help="Leave empty for the company matrix; set a team to override the "
        "company matrix for that team's tickets.",
    )
    cell_ids = fields.One2many(
        comodel_name="helpdesk.priority.matrix.cell",
        inverse_name="matrix_id",
        string="Cells",
        copy=True,
    )
    active = fields.Boolean(default=True)

    _sql_constraints = [
        (
            "company_team_unique",
            "unique(company_id, team_id)",
            "A team (or the company, when no team is set) can have only one "
            "priority matrix.",
        )
    ]

    def init(self):
        # unique(company_id, team_id) lets two company matrices (team NULL)
        # through: PostgreSQL never finds two NULLs equal.
        self.env.cr.execute(
            SQL(
                "CREATE UNIQUE INDEX IF NOT EXISTS "
                "helpdesk_priority_matrix_company_unique ON helpdesk_priority_matrix "
                "(company_id) WHERE team_id IS NULL AND active"
            )
        )

    @api.constrains("company_id", "team_id", "active")
    def _check_one_company_matrix(self):
        for matrix in self.filtered(lambda m: m.active and not m.team_id):
            matrix._check_company_matrix_free(matrix.company_id, matrix)

    def _check_company_matrix_free(self, company, matrix=None):
        """Refuse a second active company matrix (no team) in ``company``."""
        domain = [("company_id", "=", company.id), ("team_id", "=", False)]
        if matrix:
            domain.append(("id", "!=", matrix.id))
        if self.search_count(domain):
            raise ValidationError(
                self.env._(
                    "The company %(company)s already has a priority matrix: "
                    "edit it, or set a team to make this one a team override.",
                    company=company.name,
                )
            )

    @api.constrains("cell_ids")
    def _check_complete(self):
        expected = set(product(dict(IMPACT_URGENCY_LEVELS), repeat=2))
        for matrix in self:
            mapped = {(cell.impact, cell.urgency) for cell in matrix.cell_ids}
            missing = expected - mapped
            if missing:
                raise ValidationError(
                    self.env._(
                        "The priority matrix %(matrix)s is incomplete: map every "
                        "impact and urgency pair. Missing: %(missing)s.",
                        matrix=matrix.name,
                        missing=", ".join(self._describe_pairs(sorted(missing))),
                    )
                )

    def _describe_pairs(self, pairs):
        """``(impact, urgency)`` pairs as phrases, each with its field's own
        label: in Spanish an impact is "Alto" and an urgency "Alta"."""
        cell_fields = self.env["helpdesk.priority.matrix.cell"]._fields
        impacts = dict(cell_fields["impact"]._description_selection(self.env))
        urgencies = dict(cell_fields["urgency"]._description_selection(self.env))
        return [
            self.env._(
                "impact %(impact)s / urgency %(urgency)s",
                impact=impacts[impact],
                urgency=urgencies[urgency],
            )
            for impact, urgency in pairs
        ]

    @api.constrains("team_id", "company_id")
    def _check_team_company(self):
        for matrix in self:
            team_company = matrix.team_id.company_id
            if team_company and team_company != matrix.company_id:
                raise ValidationError(
                    self.env._(
                        "The team %(team)s belongs to another company than the "
                        "matrix %(matrix)s.",
                        team=matrix.team_id.name,
                        matrix=matrix.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        # Checked before the insert: the unique index would answer first,
        # with a database error instead of this message.
        for vals in vals_list:
            if not vals.get("team_id") and vals.get("active", True):
                company = self.env["res.company"].browse(
                    vals.get("company_id") or self.env.company.id
                )
                self._check_company_matrix_free(company)
        return super().create(vals_list)

    @api.model
    def _for_team(self, team, company):
        """The matrix that applies to ``team``'s tickets in ``company``."""
        matrix_id, _levels = self._levels_for(team.id, company.id)
        return self.browse(matrix_id)

    @api.model
    def _level_for(self, team, company, impact, urgency):
        """The level of an impact and urgency pair for ``team`` in
        ``company``, without a query once the matrix was read: tickets
        created one by one all need it."""
        _matrix_id, levels = self._levels_for(team.id, company.id)
        return self.env["helpdesk.priority.level"].browse(levels.get((impact, urgency)))

    @api.model
    @ormcache("team_id", "company_id")
    def _levels_for(self, team_id, company_id):
        """(matrix id, {(impact, urgency): level id}), cached until a matrix
        or a cell changes."""
        matrices = self.sudo().search(
            [("company_id", "=", company_id), ("team_id", "in", [team_id, False])]
        )
        matrix = (matrices.filtered("team_id") or matrices)[:1]
        return matrix.id, {
            (cell.impact, cell.urgency): cell.level_id.id for cell in matrix.cell_ids
        }
