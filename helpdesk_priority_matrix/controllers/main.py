from werkzeug.exceptions import BadRequest, NotFound

from odoo import http
from odoo.http import request

from odoo.addons.helpdesk_mgmt.controllers.main import HelpdeskTicketController

IMPACT_URGENCY_KEYS = ("high", "medium", "low")


class HelpdeskTicketPriorityController(HelpdeskTicketController):
    @http.route("/ticket/close", type="http", auth="user", methods=["POST"])
    def support_ticket_close(self, **kw):
        """Close a ticket from the portal.

        helpdesk_mgmt's route looks the ticket up as superuser on a GET: any
        logged-in user could close any ticket by its id. Here the ticket is
        searched as the user, so that the portal rules decide, the request
        must be a POST (with its CSRF token), and only a stage open to the
        portal is accepted.
        """
        ticket_id, stage_id = self._close_request_ids(kw)
        ticket = request.env["helpdesk.ticket"].search([("id", "=", ticket_id)])
        stage = request.env["helpdesk.ticket.stage"].browse(stage_id).exists()
        if not ticket or not stage.close_from_portal:
            raise NotFound()
        if not ticket.closed:
            ticket.sudo().stage_id = stage
        return request.redirect(f"/my/ticket/{ticket.id}")

    @staticmethod
    def _close_request_ids(kw):
        try:
            return int(kw["ticket_id"]), int(kw["stage_id"])
        except (KeyError, TypeError, ValueError) as error:
            raise BadRequest() from error

    def _prepare_submit_ticket_vals(self, **kw):
        """Keep the impact and urgency the client chose; anything else is
        ignored so that the category's defaults apply."""
        vals = super()._prepare_submit_ticket_vals(**kw)
        for field_name in ("impact", "urgency"):
            if kw.get(field_name) in IMPACT_URGENCY_KEYS:
                vals[field_name] = kw[field_name]
        return vals
