from odoo import models
from odoo.tools import format_datetime


class HelpdeskTicket(models.Model):
    """What clients read: their messages are rendered in their language and
    their dates in their time zone, whoever sends them (an agent, the mail
    gateway, a cron)."""

    _inherit = "helpdesk.ticket"

    def action_request_information(self):
        """Open the composer on the message asking the client for more
        information, in the client's language."""
        self.ensure_one()
        template = self.env.ref(
            "helpdesk_priority_matrix.mail_template_ticket_information_request"
        )
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Request Information"),
            "res_model": "mail.compose.message",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {
                "default_model": self._name,
                "default_res_ids": self.ids,
                "default_template_id": template.id,
                "default_composition_mode": "comment",
                "default_subtype_xmlid": "mail.mt_comment",
                "default_email_layout_xmlid": "mail.mail_notification_layout",
            },
        }

    def _helpdesk_post_template(self, template, **values):
        """Post ``template`` on these tickets through one composer, as
        ``message_post_with_source`` does ticket by ticket: the template is
        rendered for all of them at once, in each client's language, and
        each ticket gets its own message (``_helpdesk_post_values``).
        ``values`` go to the composer (the author, the sender)."""
        if not self:
            return self.env["mail.message"]
        composer = self._helpdesk_composer(template, **values)
        return self._helpdesk_post_values(composer._prepare_mail_values(self.ids))

    def _helpdesk_composer(self, template, **values):
        """The composer of ``template`` on these tickets, for messages
        their followers see in the chatter."""
        return (
            self.env["mail.compose.message"]
            .with_context(
                default_composition_mode="comment",
                default_model=self._name,
                default_res_ids=self.ids,
                default_template_id=template.id,
            )
            .create(
                {
                    "message_type": "notification",
                    "subtype_id": self.env["ir.model.data"]._xmlid_to_res_id(
                        "mail.mt_comment"
                    ),
                    **values,
                }
            )
        )

    def _helpdesk_client_tz(self):
        """The time zone the client reads dates in: the contact's, else the
        working hours' of the policy, else the company's."""
        self.ensure_one()
        return (
            self.partner_id.tz
            or self.sla_policy_id.calendar_id.tz
            or (self.company_id or self.env.company)._helpdesk_timezone()
        )

    def _helpdesk_client_datetime(self, moment):
        """``moment`` in the language of the rendering (the recipient's) and
        the client's time zone, with the zone named."""
        self.ensure_one()
        if not moment:
            return ""
        tz = self._helpdesk_client_tz()
        return f"{format_datetime(self.env, moment, tz=tz, dt_format='short')} ({tz})"
