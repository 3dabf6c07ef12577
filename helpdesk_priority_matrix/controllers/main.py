from markupsafe import Markup
from werkzeug.exceptions import BadRequest, NotFound

from odoo import http
from odoo.http import request
from odoo.tools import plaintext2html

from odoo.addons.helpdesk_mgmt.controllers.main import HelpdeskTicketController

IMPACT_URGENCY_KEYS = ("high", "medium", "low")


class HelpdeskTicketPriorityController(HelpdeskTicketController):
    @http.route(
        "/ticket/close", type="http", auth="user", methods=["POST"], website=True
    )
    def support_ticket_close(self, **kw):
        """Close a ticket from the portal, with the client's reason.

        helpdesk_mgmt's route looks the ticket up as superuser on a GET: any
        logged-in user could close any ticket by its id. Here the ticket is
        searched as the user, so that the portal rules decide, the request
        must be a POST (with its CSRF token), and only a stage open to the
        portal is accepted. Without a reason the confirmation page comes
        back with an explanation and nothing changes.
        """
        ticket_id, stage_id = self._close_request_ids(kw)
        # As helpdesk_mgmt's route does, every answer but a missing reason
        # is a 302 back to the ticket page, which checks access on its own.
        back = request.redirect(f"/my/ticket/{ticket_id}", code=302)
        try:
            ticket, stage = self._close_ticket_and_stage(ticket_id, stage_id)
        except NotFound:
            return back
        if ticket.closed:
            return back
        reason = (kw.get("reason") or "").strip()
        if not reason:
            return self._render_close_confirmation(
                ticket,
                stage,
                error=request.env._("Please tell us why you close the ticket."),
            )
        self._post_close_reason(ticket, stage, reason)
        ticket.sudo().stage_id = stage
        return back

    @http.route(
        "/my/ticket/<int:ticket_id>/close",
        type="http",
        auth="user",
        methods=["GET"],
        website=True,
    )
    def support_ticket_close_confirm(self, ticket_id, stage_id=None, **kw):
        """The confirmation step before closing: asks for the reason; a plain
        page, so that it works without JavaScript."""
        ticket_id, stage_id = self._close_request_ids(
            {"ticket_id": ticket_id, "stage_id": stage_id}
        )
        ticket, stage = self._close_ticket_and_stage(ticket_id, stage_id)
        if ticket.closed:
            return request.redirect(f"/my/ticket/{ticket.id}")
        return self._render_close_confirmation(ticket, stage)

    @staticmethod
    def _close_request_ids(kw):
        try:
            return int(kw["ticket_id"]), int(kw["stage_id"])
        except (KeyError, TypeError, ValueError) as error:
            raise BadRequest() from error

    @staticmethod
    def _close_ticket_and_stage(ticket_id, stage_id):
        """The ticket as the user may see it and a closing stage its team
        offers on the portal, else not found."""
        ticket = request.env["helpdesk.ticket"].search([("id", "=", ticket_id)])
        stage = request.env["helpdesk.ticket.stage"].browse(stage_id).exists()
        if not ticket or not stage.close_from_portal:
            raise NotFound()
        if stage not in ticket.sudo().team_id._get_applicable_stages():
            raise NotFound()
        return ticket, stage

    @staticmethod
    def _render_close_confirmation(ticket, stage, error=None):
        return request.render(
            "helpdesk_priority_matrix.portal_ticket_close_confirm",
            {
                "ticket": ticket,
                "stage": stage,
                "error": error,
                "page_name": "ticket",
            },
        )

    @staticmethod
    def _post_close_reason(ticket, stage, reason):
        """The reason goes to the chatter as the client's own message, so
        that the agents read why the ticket was closed."""
        title = request.env._("Closed from the portal as %(stage)s.", stage=stage.name)
        ticket.sudo().message_post(
            body=Markup("<p><strong>%s</strong></p>%s")
            % (title, plaintext2html(reason)),
            author_id=request.env.user.partner_id.id,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )

    def _get_create_new_ticket_values(self, **kw):
        """The catalog grouped by functional area for the two-level picker;
        the impact and urgency a category without defaults falls back to:
        those of the team that receives the clients' tickets, unless the
        form comes back with the client's own."""
        values = super()._get_create_new_ticket_values(**kw)
        values["category_groups"] = values["categories"]._portal_groups()
        team = request.env.company.sudo().helpdesk_default_team_id
        values["default_impact"], values["default_urgency"] = (
            team._default_impact_urgency()
        )
        # A form sent back to be corrected keeps the client's choice.
        for field_name in ("impact", "urgency"):
            if kw.get(field_name) in IMPACT_URGENCY_KEYS:
                values[f"default_{field_name}"] = kw[field_name]
        return values

    def _prepare_submit_ticket_vals(self, **kw):
        """Keep the impact and urgency the client chose; anything else is
        ignored so that the category's defaults apply."""
        vals = super()._prepare_submit_ticket_vals(**kw)
        for field_name in ("impact", "urgency"):
            if kw.get(field_name) in IMPACT_URGENCY_KEYS:
                vals[field_name] = kw[field_name]
        return vals
