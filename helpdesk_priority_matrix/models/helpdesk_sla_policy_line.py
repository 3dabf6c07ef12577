from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError

TARGET_UNITS = [
    ("minutes", "Business Minutes"),
    ("hours", "Business Hours"),
    ("days", "Business Days"),
]


class HelpdeskSlaPolicyLine(models.Model):
    """Response and resolution targets of one priority level in a policy."""

    _name = "helpdesk.sla.policy.line"
    _inherit = ["helpdesk.config.cache.mixin"]
    _description = "Helpdesk SLA Policy Target"
    _order = "policy_id, level_sequence, id"

    policy_id = fields.Many2one(
        comodel_name="helpdesk.sla.policy",
        required=True,
        ondelete="cascade",
        index=True,
    )
    company_id = fields.Many2one(related="policy_id.company_id", store=True)
    level_id = fields.Many2one(
        comodel_name="helpdesk.priority.level",
        string="Priority Level",
        required=True,
        ondelete="restrict",
    )
    level_sequence = fields.Integer(related="level_id.sequence", store=True)
    response_target = fields.Float(
        required=True,
        help="Business time allowed until the first public reply by an agent.",
    )
    response_unit = fields.Selection(
        selection=TARGET_UNITS, required=True, default="hours"
    )
    resolution_target = fields.Float(
        required=True,
        help="Business time allowed until the ticket is solved.",
    )
    resolution_unit = fields.Selection(
        selection=TARGET_UNITS, required=True, default="hours"
    )

    _sql_constraints = [
        (
            "level_unique",
            "unique(policy_id, level_id)",
            "A policy can have only one target line per priority level.",
        ),
    ]

    @api.constrains(
        "response_target", "response_unit", "resolution_target", "resolution_unit"
    )
    def _check_targets(self):
        for line in self:
            for kind in ("response", "resolution"):
                value = line[f"{kind}_target"]
                if value <= 0:
                    raise ValidationError(
                        self.env._(
                            "The %(kind)s target of %(level)s in %(policy)s must "
                            "be greater than zero.",
                            kind=line._kind_label(kind),
                            level=line.level_id.display_name,
                            policy=line.policy_id.name,
                        )
                    )
                if line[f"{kind}_unit"] == "days" and value != round(value):
                    raise ValidationError(
                        self.env._(
                            "The %(kind)s target of %(level)s in %(policy)s is "
                            "counted in whole business days.",
                            kind=line._kind_label(kind),
                            level=line.level_id.display_name,
                            policy=line.policy_id.name,
                        )
                    )

    def _kind_label(self, kind):
        if kind == "response":
            return self.env._("response")
        return self.env._("resolution")

    @api.constrains(
        "response_target", "response_unit", "resolution_target", "resolution_unit"
    )
    def _check_resolution_cap(self):
        for line in self:
            factor = line.policy_id.resolution_cap_factor
            if not factor or line.response_target <= 0:
                continue
            cap = line._target_hours("response") * factor
            if line._target_hours("resolution") > cap + 1e-6:
                raise ValidationError(
                    self.env._(
                        "The resolution target of %(level)s in %(policy)s exceeds "
                        "its cap of %(factor)s times the response target "
                        "(%(cap)s business hours).",
                        level=line.level_id.display_name,
                        policy=line.policy_id.name,
                        factor=format(factor, "g"),
                        cap=format(cap, "g"),
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        lines.policy_id._recompute_open_tickets()
        return lines

    def write(self, vals):
        result = super().write(vals)
        self.policy_id._recompute_open_tickets()
        return result

    def unlink(self):
        policies = self.policy_id
        result = super().unlink()
        policies._recompute_open_tickets()
        return result

    def _target_hours(self, kind):
        """The target of ``kind`` ('response' or 'resolution') in business
        hours; business days count as the calendar's average hours per day."""
        self.ensure_one()
        value = self[f"{kind}_target"]
        if self[f"{kind}_unit"] == "days":
            return value * (self.policy_id.calendar_id.hours_per_day or 8.0)
        if self[f"{kind}_unit"] == "minutes":
            return value / 60.0
        return value

    def _target(self, kind):
        """(unit, amount) for the business-time engine: a timedelta for hours
        and minutes, an int for days."""
        self.ensure_one()
        if self[f"{kind}_unit"] == "days":
            return "days", round(self[f"{kind}_target"])
        return "hours", timedelta(hours=self._target_hours(kind))

    def _format_target(self, kind):
        self.ensure_one()
        value = self[f"{kind}_target"]
        if self[f"{kind}_unit"] == "days":
            return self.env._("%(count)s business days", count=format(value, "g"))
        if self[f"{kind}_unit"] == "minutes":
            return self.env._("%(count)s minutes", count=format(value, "g"))
        if value < 1:
            return self.env._("%(count)s minutes", count=format(value * 60, "g"))
        return self.env._("%(count)s business hours", count=format(value, "g"))
