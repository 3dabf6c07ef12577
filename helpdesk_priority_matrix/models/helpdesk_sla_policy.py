from typing import NamedTuple

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import ormcache


class PlanningTerms(NamedTuple):
    """What planning a ticket's deadlines takes from its policy: the
    calendar, the share of the time after which a ticket is at risk, and per
    priority level id its (response, resolution) targets as the engine
    takes them."""

    calendar_id: int
    at_risk_share: float
    targets: dict


class HelpdeskSlaPolicy(models.Model):
    """A service tier: a working calendar and one target line per priority.

    Examples: Continuidad / Expansión / Optimización, Premium / Estándar /
    Básico. The calendar's global leaves are the public holidays that do not
    count as business time.
    """

    _name = "helpdesk.sla.policy"
    _description = "Helpdesk SLA Policy"
    _inherit = ["mail.thread", "helpdesk.config.cache.mixin"]
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True, tracking=True)
    sequence = fields.Integer(default=10)
    description = fields.Html(translate=True)
    company_id = fields.Many2one(
        comodel_name="res.company",
        default=lambda self: self.env.company,
        index=True,
        help="Leave empty to share this policy between companies.",
    )
    calendar_id = fields.Many2one(
        comodel_name="resource.calendar",
        string="Working Hours",
        required=True,
        ondelete="restrict",
        tracking=True,
        help="Business hours of the service; its global time off are the "
        "public holidays that stop the SLA clock.",
    )
    line_ids = fields.One2many(
        comodel_name="helpdesk.sla.policy.line",
        inverse_name="policy_id",
        string="Targets",
        copy=True,
    )
    resolution_cap_factor = fields.Float(
        string="Resolution Cap (x response)",
        tracking=True,
        help="When set, no resolution target may exceed this multiple of the "
        "response target of the same priority (for example 4).",
    )
    at_risk_threshold = fields.Integer(
        string="At Risk Threshold (%)",
        default=75,
        tracking=True,
        help="A ticket is at risk once this share of the business time allowed "
        "by its current target has been used.",
    )
    notify_client_on_escalation = fields.Boolean(
        string="Tell the Client of Escalations",
        tracking=True,
        help="When a ticket breaches its SLA and is escalated to the team "
        "leader, its client gets a message saying so.",
    )
    active = fields.Boolean(default=True)

    @api.constrains("calendar_id")
    def _check_calendar(self):
        for policy in self.filtered(lambda p: not p.calendar_id):
            policy._raise_calendar_missing(policy.name)

    def _raise_calendar_missing(self, name):
        raise ValidationError(
            self.env._(
                "The SLA policy %(policy)s needs working hours: the SLA clock "
                "only counts business time.",
                policy=name,
            )
        )

    @api.constrains("at_risk_threshold", "resolution_cap_factor")
    def _check_thresholds(self):
        for policy in self:
            if not 0 < policy.at_risk_threshold < 100:
                raise ValidationError(
                    self.env._(
                        "The at risk threshold of %(policy)s must be between 1 "
                        "and 99 percent.",
                        policy=policy.name,
                    )
                )
            if policy.resolution_cap_factor < 0:
                raise ValidationError(
                    self.env._(
                        "The resolution cap of %(policy)s cannot be negative.",
                        policy=policy.name,
                    )
                )

    @api.constrains("calendar_id", "company_id")
    def _check_calendar_company(self):
        for policy in self:
            calendar_company = policy.calendar_id.company_id
            if (
                policy.company_id
                and calendar_company
                and (calendar_company != policy.company_id)
            ):
                raise ValidationError(
                    self.env._(
                        "The working hours %(calendar)s belong to another company "
                        "than the SLA policy %(policy)s.",
                        calendar=policy.calendar_id.name,
                        policy=policy.name,
                    )
                )

    @api.constrains("resolution_cap_factor")
    def _check_lines_within_cap(self):
        self.line_ids._check_resolution_cap()

    @api.model_create_multi
    def create(self, vals_list):
        # The constraint does not run on a field left out of the values (an
        # RPC call or an import): refuse clearly before the database does.
        for vals in vals_list:
            if not vals.get("calendar_id"):
                self._raise_calendar_missing(vals.get("name"))
        return super().create(vals_list)

    def write(self, vals):
        result = super().write(vals)
        if "calendar_id" in vals:
            self._recompute_open_tickets()
        return result

    def _recompute_open_tickets(self):
        """Plan again the open tickets of these policies, after their targets
        or working hours changed; closed tickets keep their history."""
        self.env["helpdesk.ticket"].search(
            [("sla_policy_id", "in", self.ids), ("closed", "=", False)]
        )._recompute_sla_deadlines()

    @ormcache("self.id")
    def _planning_terms(self):
        """The :class:`PlanningTerms` of this policy, read once and kept
        across transactions until the policy or one of its lines changes:
        every ticket created plans with them."""
        policy = self.sudo()
        return PlanningTerms(
            calendar_id=policy.calendar_id.id,
            at_risk_share=policy.at_risk_threshold / 100.0,
            targets={
                line.level_id.id: (line._target("response"), line._target("resolution"))
                for line in policy.line_ids
            },
        )

    def _get_line(self, level):
        """The target line of ``level``, or an empty recordset."""
        self.ensure_one()
        return self.line_ids.filtered(lambda line: line.level_id == level)[:1]
