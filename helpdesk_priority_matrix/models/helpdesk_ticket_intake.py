from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .helpdesk_priority_level import NO_TERMS
from .helpdesk_ticket_channel import AGENT_CHANNELS, CLIENT_CHANNELS

# An agent's clock and the server's may differ by a few minutes.
FUTURE_TOLERANCE = timedelta(minutes=5)


class HelpdeskTicket(models.Model):
    """Intake: the channel a ticket came through, its team when the client
    chose none and the alert the team leader gets for the most urgent
    levels."""

    _inherit = "helpdesk.ticket"

    channel = fields.Selection(related="channel_id.code", string="Channel Kind")

    @api.constrains("sla_start_date", "channel_id")
    def _check_sla_start_date(self):
        """A request registered by an agent was made in the past: the SLA
        starts when the client called, wrote or met, never later."""
        limit = fields.Datetime.now() + FUTURE_TOLERANCE
        for ticket in self:
            if (
                ticket.sla_start_date
                and ticket.sla_start_date > limit
                and ticket.channel in AGENT_CHANNELS
            ):
                raise ValidationError(
                    self.env._(
                        "Ticket %(ticket)s: the client cannot have asked in the "
                        "future. Set when the call, message or meeting took "
                        "place.",
                        ticket=ticket.display_name,
                    )
                )

    @api.model
    def message_new(self, msg, custom_values=None):
        """A ticket received by email records the email channel, whichever
        alias or server brought it."""
        custom_values = dict(custom_values or {})
        channel_id = self.env["ir.model.data"]._xmlid_to_res_id(
            "helpdesk_mgmt.helpdesk_ticket_channel_email", raise_if_not_found=False
        )
        if channel_id:
            custom_values.setdefault("channel_id", channel_id)
        return super().message_new(msg, custom_values=custom_values)

    # ------------------------------------------------------------------
    # Steps of create
    # ------------------------------------------------------------------

    @api.model
    def _intake_prepare_vals(self, vals_list):
        """Tickets a client opens without a team go to the company's
        default team (set before the creation: the team decides the
        company and the first stage)."""
        channels = self.env["helpdesk.ticket.channel"].sudo()
        for vals in vals_list:
            if vals.get("team_id"):
                continue
            if channels._code_of(vals.get("channel_id")) not in CLIENT_CHANNELS:
                continue
            company = self.env["res.company"].browse(
                vals.get("company_id") or self.env.company.id
            )
            team = company.sudo().helpdesk_default_team_id
            if team:
                vals["team_id"] = team.id
        return vals_list

    def _intake_alert_team_leader(self):
        """An activity for the team leader of each ticket opened with a level
        that calls for it, unless the leader opened it."""
        terms = self.env["helpdesk.priority.level"]._ticket_terms()
        urgent = self.filtered(
            lambda t: (
                terms.get(t.priority_level_id.id, NO_TERMS).alert
                and t.team_id.user_id
                and t.team_id.user_id != self.env.user
            )
        )
        if not urgent:
            return
        activity_type = self.env.ref(
            "helpdesk_priority_matrix.mail_activity_type_urgent_ticket",
            raise_if_not_found=False,
        )
        if not activity_type:
            return
        model_id = self.env["ir.model"]._get_id(self._name)
        today = fields.Date.context_today(self)
        self.env["mail.activity"].sudo().create(
            [
                {
                    "res_model_id": model_id,
                    "res_id": ticket.id,
                    "activity_type_id": activity_type.id,
                    "summary": ticket._intake_alert_summary(),
                    "user_id": ticket.team_id.user_id.id,
                    "date_deadline": today,
                }
                for ticket in urgent
            ]
        )

    def _intake_alert_summary(self):
        self.ensure_one()
        leader = self.team_id.user_id
        return self.with_context(lang=leader.lang).env._(
            "New %(level)s ticket: %(subject)s",
            level=self.priority_level_id.with_context(lang=leader.lang).display_name,
            subject=self.name,
        )
