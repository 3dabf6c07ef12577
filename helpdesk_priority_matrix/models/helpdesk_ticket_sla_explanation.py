from markupsafe import Markup, escape

from odoo import api, fields, models
from odoo.tools import format_datetime


class HelpdeskTicket(models.Model):
    """How the priority and the deadlines of a ticket were set, in words,
    for the agent who wonders."""

    _inherit = "helpdesk.ticket"

    sla_explanation = fields.Html(
        string="How Priority and Deadlines Were Set",
        compute="_compute_sla_explanation",
        sanitize=False,
    )

    @api.depends(
        "priority_level_id",
        "impact",
        "urgency",
        "sla_policy_id",
        "sla_deadline",
        "sla_paused_hours",
        "sla_paused_since",
    )
    def _compute_sla_explanation(self):
        for ticket in self:
            lines = [ticket._explain_priority()] + ticket._explain_deadlines()
            ticket.sla_explanation = Markup("<ul>%s</ul>") % Markup("").join(
                Markup("<li>%s</li>") % line for line in lines if line
            )

    def _explain_impact_urgency(self):
        """ "high impact and low urgency", as whole phrases: Spanish adjectives
        agree with their noun (impacto alto, urgencia alta)."""
        impacts = {
            "high": self.env._("high impact"),
            "medium": self.env._("medium impact"),
            "low": self.env._("low impact"),
        }
        urgencies = {
            "high": self.env._("high urgency"),
            "medium": self.env._("medium urgency"),
            "low": self.env._("low urgency"),
        }
        return self.env._(
            "%(impact)s and %(urgency)s",
            impact=impacts.get(self.impact, "-"),
            urgency=urgencies.get(self.urgency, "-"),
        )

    def _explain_priority(self):
        matrix = self._priority_matrix()
        if not self.priority_level_id:
            return self.env._("No priority level yet.")
        if self.priority_level_overridden:
            return self.env._(
                "Priority %(level)s set by an agent; the matrix %(matrix)s "
                "gives %(matrix_level)s for %(impact_urgency)s.",
                level=self.priority_level_id.display_name,
                matrix=matrix.name,
                matrix_level=self.matrix_priority_level_id.display_name,
                impact_urgency=self._explain_impact_urgency(),
            )
        return self.env._(
            "Priority %(level)s from the matrix %(matrix)s: %(impact_urgency)s.",
            level=self.priority_level_id.display_name,
            matrix=matrix.name or "-",
            impact_urgency=self._explain_impact_urgency(),
        )

    def _explain_deadlines(self):
        if not self.sla_policy_id:
            return [self.entitlement_message or self.env._("No SLA policy applies.")]
        line = self._sla_policy_line()
        calendar = self.sla_policy_id.calendar_id
        if not line:
            return [
                self.env._(
                    "The policy %(policy)s has no target for %(level)s.",
                    policy=self.sla_policy_id.name,
                    level=self.priority_level_id.display_name,
                )
            ]
        explanation = [
            self.env._(
                "Policy %(policy)s, line %(level)s: response within %(response)s, "
                "resolution within %(resolution)s.",
                policy=self.sla_policy_id.name,
                level=line.level_id.display_name,
                response=line._format_target("response"),
                resolution=line._format_target("resolution"),
            ),
            self.env._(
                "Working hours %(calendar)s (%(tz)s); public holidays and force "
                "majeure windows do not count. The clock started at the first "
                "working minute after %(start)s.",
                calendar=calendar.name,
                tz=calendar.tz or "UTC",
                start=format_datetime(self.env, self.sla_start_date, dt_format="short"),
            ),
        ]
        if self.sla_paused_hours:
            explanation.append(
                self.env._(
                    "Waiting on the customer paused the clock for %(hours)s "
                    "business hours; the deadlines moved by as much.",
                    hours=format(self.sla_paused_hours, ".2f"),
                )
            )
        if self.sla_paused_since:
            explanation.append(
                self.env._(
                    "Paused since %(since)s: the ticket waits on the customer.",
                    since=format_datetime(
                        self.env, self.sla_paused_since, dt_format="short"
                    ),
                )
            )
        return [escape(text) for text in explanation]
