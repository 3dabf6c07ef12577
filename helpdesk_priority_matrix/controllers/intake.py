from werkzeug.exceptions import NotFound

from odoo import http
from odoo.http import request

from ..models.helpdesk_ticket_billing import REQUEST_KINDS
from .main import HelpdeskTicketPriorityController


class HelpdeskTicketIntakeController(HelpdeskTicketPriorityController):
    """The intake rules on the portal: incident or request, the priority
    chosen as the team says, the cap of non-critical cases, the default
    team, and the approval of requesters."""

    # ------------------------------------------------------------------
    # New-ticket form
    # ------------------------------------------------------------------

    def _get_create_new_ticket_values(self, **kw):
        values = super()._get_create_new_ticket_values(**kw)
        company = request.env.company
        teams = values.get("teams") or company.sudo().helpdesk_default_team_id
        teams = teams.sudo()
        tickets = request.env["helpdesk.ticket"].sudo()
        partner = request.env.user.partner_id
        values.update(
            {
                "intake_teams": teams,
                "intake_initial_team": teams if len(teams) == 1 else teams.browse(),
                "intake_levels": {
                    team.id: tickets._priority_portal_levels(team, company)
                    for team in teams
                },
                "intake_request_kinds": REQUEST_KINDS,
                "intake_requester_held": (
                    company.helpdesk_authorized_requesters_only
                    and not partner.sudo().helpdesk_authorized
                ),
            }
        )
        return values

    def _prepare_submit_ticket_vals(self, **kw):
        vals = super()._prepare_submit_ticket_vals(**kw)
        env = request.env
        company = env["res.company"].browse(vals["company_id"])
        team = env["helpdesk.ticket.team"].sudo().browse(vals.get("team_id"))
        if not team and company.sudo().helpdesk_default_team_id:
            team = company.sudo().helpdesk_default_team_id
            vals["team_id"] = team.id
            vals["stage_id"] = env["helpdesk.ticket"]._creation_first_stage_id(
                team.id, False
            )
        if kw.get("request_kind") in dict(REQUEST_KINDS):
            vals["request_kind"] = kw["request_kind"]
        choice = {
            "impact": vals.pop("impact", None),
            "urgency": vals.pop("urgency", None),
            "level": self._intake_chosen_level(team, company, kw),
        }
        category = env["helpdesk.ticket.category"].sudo().browse(vals["category_id"])
        vals.update(
            env["helpdesk.ticket"]
            .sudo()
            ._priority_client_choice(team, company, category, choice)
        )
        return vals

    @staticmethod
    def _intake_chosen_level(team, company, kw):
        """The level the client picked for ``team``, if it is one the team
        offers; anything else is ignored."""
        raw = (kw.get(f"priority_level_{team.id or 0}") or "").strip()
        if not raw:
            return request.env["helpdesk.priority.level"]
        levels = (
            request.env["helpdesk.ticket"].sudo()._priority_portal_levels(team, company)
        )
        return levels.filtered(lambda level: str(level.id) == raw)[:1]

    # ------------------------------------------------------------------
    # Approval of requesters
    # ------------------------------------------------------------------

    @http.route(
        "/my/ticket/<int:ticket_id>/approve-requester",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_ticket_approve_requester(self, ticket_id, **kw):
        """An authorized contact of the client approves, from the ticket
        page, a ticket opened in its name by somebody else."""
        ticket = request.env["helpdesk.ticket"].search([("id", "=", ticket_id)])
        partner = request.env.user.partner_id
        if not ticket or not ticket.sudo()._requester_portal_may_approve(
            ticket.sudo(), partner
        ):
            raise NotFound()
        ticket.sudo()._requester_authorize(partner)
        return request.redirect(f"/my/ticket/{ticket.id}")

    @http.route(
        "/helpdesk/requester/approve/<int:ticket_id>/<int:approver_id>/<string:token>",
        type="http",
        auth="public",
        methods=["GET", "POST"],
        website=True,
    )
    def requester_approve(self, ticket_id, approver_id, token, **kw):
        """The link of the approval email: a page to review the ticket, whose
        button approves it (a POST, so that mail scanners following links
        approve nothing)."""
        ticket = request.env["helpdesk.ticket"].sudo().browse(ticket_id).exists()
        approver = request.env["res.partner"].sudo().browse(approver_id).exists()
        if not (
            ticket
            and approver
            and ticket._requester_check_approval_token(approver, token)
        ):
            raise NotFound()
        approved = False
        if request.httprequest.method == "POST" and not ticket.requester_authorized:
            ticket._requester_authorize(approver)
            approved = True
        return request.render(
            "helpdesk_priority_matrix.requester_approval_page",
            {"ticket": ticket, "approver": approver, "approved": approved},
        )
