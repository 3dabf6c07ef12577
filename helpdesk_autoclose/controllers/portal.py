from odoo import http
from odoo.exceptions import AccessError, MissingError, UserError
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal


class AutoclosePortal(CustomerPortal):
    """001 §6: the client's verdict on a proposed solution, from the portal
    (logged in) or from the email link (its token, without login). The
    answer is only taken on POST, so that a mail scanner opening the link
    changes nothing."""

    def _autoclose_ticket(self, ticket_id, token=None, access_token=None):
        """The ticket, in sudo, when the single-use token or the portal
        access allows it; None otherwise."""
        ticket = request.env["helpdesk.ticket"].sudo().browse(ticket_id).exists()
        if not ticket:
            return None
        if ticket._autoclose_check_validation_token(token):
            return ticket
        try:
            return self._document_check_access(
                "helpdesk.ticket", ticket_id, access_token=access_token
            )
        except (AccessError, MissingError):
            return None

    @staticmethod
    def _autoclose_speak_client_language(ticket):
        """The email link opened without logging in reads in the client's
        language, as the email did (Odoo's rating page does the same), not
        in the browser's."""
        lang = ticket.partner_id.lang
        if (
            request.env.user._is_public()
            and lang in request.env["res.lang"]._get_frontend()
        ):
            request.update_context(lang=lang)

    @http.route(
        "/my/ticket/<int:ticket_id>/solution",
        type="http",
        auth="public",
        website=True,
        methods=["GET"],
    )
    def autoclose_solution_page(self, ticket_id, token=None, access_token=None, **kw):
        ticket = self._autoclose_ticket(ticket_id, token, access_token)
        if ticket is None:
            return request.render("helpdesk_autoclose.portal_solution_invalid")
        self._autoclose_speak_client_language(ticket)
        return request.render(
            "helpdesk_autoclose.portal_solution_page",
            {
                "ticket": ticket,
                "token": token
                if ticket._autoclose_check_validation_token(token)
                else "",
                "access_token": access_token or "",
                "open": ticket._autoclose_validation_open(),
            },
        )

    @http.route(
        "/my/ticket/<int:ticket_id>/solution",
        type="http",
        auth="public",
        website=True,
        methods=["POST"],
    )
    def autoclose_solution_verdict(
        self, ticket_id, verdict=None, reason=None, token=None, access_token=None, **kw
    ):
        ticket = self._autoclose_ticket(ticket_id, token, access_token)
        if ticket is None:
            return request.render("helpdesk_autoclose.portal_solution_invalid")
        self._autoclose_speak_client_language(ticket)
        error = None
        if verdict not in ("worked", "failed"):
            error = request.env._("Please choose whether the solution worked.")
        else:
            try:
                ticket._autoclose_record_verdict(verdict == "worked", reason)
            except UserError as exc:
                error = exc.args[0]
        return request.render(
            "helpdesk_autoclose.portal_solution_page",
            {
                "ticket": ticket,
                "token": token or "",
                "access_token": access_token or "",
                "open": ticket._autoclose_validation_open(),
                "error": error,
                "reason": reason or "",
                "done": not error,
            },
        )
