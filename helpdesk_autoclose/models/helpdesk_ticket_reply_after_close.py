from markupsafe import Markup

from odoo import fields, models

from ..tools import REOPEN, reply_after_close
from .helpdesk_ticket_autoclose import AUTOMATIC


class HelpdeskTicket(models.Model):
    """004: a client who writes on a closed ticket starts a new case that
    references the old number, or, by the team's choice, reopens it when
    the message comes soon after the close. The message stays on the
    closed ticket too: nothing the client wrote is lost."""

    _inherit = "helpdesk.ticket"

    autoclose_origin_id = fields.Many2one(
        comodel_name="helpdesk.ticket",
        string="Follows Ticket",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="Closed ticket the client wrote on, which opened this one.",
    )
    autoclose_followup_ids = fields.One2many(
        comodel_name="helpdesk.ticket",
        inverse_name="autoclose_origin_id",
        string="Follow-up Tickets",
        readonly=True,
    )

    def _autoclose_reply_after_close(self, message):
        rule = self._autoclose_rule()
        if not rule:
            return
        decision = reply_after_close(
            rule.reply_after_close,
            self.closed_date,
            message.date or fields.Datetime.now(),
            rule.reopen_days,
        )
        if decision == REOPEN:
            self._autoclose_reopen(rule)
        else:
            self._autoclose_open_followup(message)

    def _autoclose_reopen(self, rule):
        ticket = self.sudo().with_context(**{AUTOMATIC: True})
        ticket.write(
            {"stage_id": rule.answered_stage_id.id, "autoclose_close_reason": False}
        )
        ticket.message_post(
            body=self.env._("Reopened: the client wrote after the close."),
            subtype_xmlid="mail.mt_note",
        )

    def _autoclose_followup_values(self, message):
        """The new ticket's subject and introduction are the client's to
        read: written in the client's language, not in that of whoever
        received the message (the mail gateway, an agent)."""
        client = self.with_context(lang=self.partner_id.lang or self.env.lang)
        subject = client.env._(
            "%(title)s (follows %(number)s)", title=self.name, number=self.number
        )
        intro = client.env._(
            "This case follows the closed ticket %(number)s.", number=self.number
        )
        return {
            "name": subject,
            "description": Markup("<p>%s</p>%s") % (intro, message.body or ""),
            "partner_id": self.partner_id.id,
            "partner_name": self.partner_name,
            "partner_email": self.partner_email,
            "team_id": self.team_id.id,
            "company_id": self.company_id.id,
            "category_id": self.category_id.id,
            "channel_id": self.channel_id.id,
            "autoclose_origin_id": self.id,
        }

    def _autoclose_open_followup(self, message):
        """A new ticket with the client's message and attachments, linked to
        this one; the client is told its number."""
        ticket = self.sudo().with_context(**{AUTOMATIC: True})
        followup = ticket.create(ticket._autoclose_followup_values(message))
        for attachment in message.sudo().attachment_ids:
            attachment.copy({"res_model": followup._name, "res_id": followup.id})
        if self.partner_id:
            followup.message_subscribe(partner_ids=self.partner_id.ids)
        followup._autoclose_post("helpdesk_autoclose.mail_template_autoclose_followup")
        ticket.message_post(
            body=Markup(
                self.env._(
                    "The client wrote after the close: the message opened the "
                    "ticket %(link)s."
                )
            )
            % {"link": followup._get_html_link(followup.number)},
            subtype_xmlid="mail.mt_note",
        )
        return followup
