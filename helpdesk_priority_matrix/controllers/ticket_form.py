from odoo import http
from odoo.http import request

from .intake import HelpdeskTicketIntakeController


class HelpdeskTicketFormController(HelpdeskTicketIntakeController):
    """The new-ticket form checked on the server.

    The browser checks the form, but a hand-made POST skips those checks:
    helpdesk_mgmt then answers an error page (a category that is not a
    number, a missing description) or a raw database message (a category
    that does not exist, an empty subject). Here the form comes back with
    what the client typed and a translated message for each field to fix.
    """

    @http.route("/submitted/ticket", type="http", auth="user", website=True, csrf=True)
    def submit_ticket(self, **kw):
        errors = self._ticket_form_errors(kw)
        if errors:
            return self._render_ticket_form(kw, errors)
        return super().submit_ticket(**kw)

    def _ticket_form_errors(self, kw):
        """The fields of the submitted form to fix, as ``{field: message}``;
        empty when the ticket can be saved."""
        env = request.env
        errors = {}
        if not (kw.get("subject") or "").strip():
            errors["subject"] = env._("Please give your ticket a subject.")
        if not (kw.get("description") or "").strip():
            errors["description"] = env._(
                "Please describe what happens, so that we can help you."
            )
        errors.update(
            self._ticket_form_choice_error(
                "category",
                kw,
                self._get_categories(**kw),
                env.company.helpdesk_mgmt_portal_category_id_required,
                env._("Please choose a case from the list."),
                env._("Please choose the case that fits your request."),
            )
        )
        errors.update(
            self._ticket_form_choice_error(
                "team",
                kw,
                self._get_teams(),
                env.company.helpdesk_mgmt_portal_team_id_required,
                env._("Please choose a team from the list."),
                env._("Please choose the team that should help you."),
            )
        )
        return errors

    @staticmethod
    def _ticket_form_choice_error(name, kw, offered, required, unknown, missing):
        """The message for the choice ``name`` among ``offered``: a value
        that is not one of them, or none where one is required. Where the
        form offers no choice, a posted value is dropped, as the form would
        not have sent it."""
        raw = (kw.get(name) or "").strip()
        if not offered:
            kw[name] = ""
            return {}
        if not raw:
            return {name: missing} if required else {}
        if not (raw.isdigit() and int(raw) in offered.ids):
            return {name: unknown}
        return {}

    def _render_ticket_form(self, kw, errors):
        """The form again, filled with what was posted (files excepted:
        a browser never fills a file field), with the messages on top."""
        values = self._get_create_new_ticket_values(**kw)
        values.update({"form_values": kw, "form_errors": errors})
        return request.render("helpdesk_mgmt.portal_create_ticket", values)
