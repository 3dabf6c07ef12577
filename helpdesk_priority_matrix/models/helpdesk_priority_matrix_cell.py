from odoo import api, fields, models

IMPACT_URGENCY_LEVELS = [("high", "High"), ("medium", "Medium"), ("low", "Low")]


class HelpdeskPriorityMatrixCell(models.Model):
    _name = "helpdesk.priority.matrix.cell"
    _inherit = ["helpdesk.config.cache.mixin"]
    _description = "Helpdesk Priority Matrix Cell"
    _order = "matrix_id, urgency_sequence, impact_sequence"

    matrix_id = fields.Many2one(
        comodel_name="helpdesk.priority.matrix",
        required=True,
        ondelete="cascade",
        index=True,
    )
    impact = fields.Selection(selection=IMPACT_URGENCY_LEVELS, required=True)
    urgency = fields.Selection(selection=IMPACT_URGENCY_LEVELS, required=True)
    level_id = fields.Many2one(
        comodel_name="helpdesk.priority.level",
        string="Priority Level",
        required=True,
        ondelete="restrict",
    )
    impact_sequence = fields.Integer(compute="_compute_sequences", store=True)
    urgency_sequence = fields.Integer(compute="_compute_sequences", store=True)

    _sql_constraints = [
        (
            "pair_unique",
            "unique(matrix_id, impact, urgency)",
            "Each impact and urgency pair can appear only once in a matrix.",
        )
    ]

    @api.depends("impact", "urgency")
    def _compute_sequences(self):
        order = {
            key: index for index, (key, _label) in enumerate(IMPACT_URGENCY_LEVELS)
        }
        for cell in self:
            cell.impact_sequence = order.get(cell.impact, 0)
            cell.urgency_sequence = order.get(cell.urgency, 0)
