from markupsafe import escape

from odoo import models
from odoo.tools import SQL, clean_context

# Odoo threads an email under the 32 latest messages of its document
# (``_notify_by_email_get_base_mail_values``); the new one is among them.
THREAD_WINDOW = 33


class HelpdeskTicket(models.Model):
    """A message that reaches nobody but the ticket's client, such as the
    confirmation of a new ticket, is posted on a batch of tickets at once:
    the messages, their emails and the clients' notifications are each
    saved in one statement instead of one per ticket. Each record is the
    one ``message_post`` saves, built with the same steps of Odoo's. A
    ticket whose message also reaches a follower, or carries files, is
    posted by ``message_post`` itself."""

    _inherit = "helpdesk.ticket"

    def _helpdesk_post_values(self, post_values):
        """Post on each ticket its message: ``post_values`` maps the ticket
        ids to the arguments of ``message_post``, as the composer gives
        them."""
        recipients = self._helpdesk_client_recipients(post_values)
        alone = self.browse(recipients)
        messages = alone._helpdesk_post_batch(post_values, recipients)
        for ticket in (self - alone).with_context(mail_create_nosubscribe=True):
            messages |= ticket.message_post(**post_values[ticket.id])
        return messages

    def _helpdesk_client_recipients(self, post_values):
        """``{ticket id: recipient data}`` for the tickets whose message
        ``_notify_get_recipients`` would send to their client alone, by
        email: no other follower of its subtype, a client who is neither
        the author nor the current user."""
        plain = self.filtered(lambda t: t._helpdesk_post_plain(post_values[t.id]))
        if not plain:
            return {}
        # One composer: the same type and subtype for every ticket.
        first = post_values[plain[0].id]
        data = self.env["mail.followers"]._get_recipient_data(
            plain, first["message_type"], first["subtype_id"], plain.partner_id.ids
        )
        recipients = {}
        for ticket in plain:
            client_id = ticket.partner_id.id
            client = data[ticket.id].get(client_id)
            # Other clients of the batch are listed too, as non-followers; a
            # client of another ticket who follows this one sends it to
            # message_post, which sorts out their subtypes.
            followers = [
                pid
                for pid, pdata in data[ticket.id].items()
                if pdata["is_follower"] and pid != client_id
            ]
            if client and client["active"] and client["notif"] == "email":
                if not followers:
                    recipients[ticket.id] = client
        return recipients

    def _helpdesk_post_plain(self, post):
        """The message is addressed to the ticket's client only, by another
        author, with a subtype; it answers no message, has no file, follows
        nobody and is neither scheduled nor sent at once."""
        client = self.partner_id
        return (
            client
            and post.get("partner_ids") == client.ids
            and post.get("author_id") not in (None, False, client.id)
            and self.env.user.partner_id != client
            and post.get("subtype_id")
            and not post.get("parent_id")
            and not self.env.context.get("mail_post_autofollow")
            and not post.get("attachments")
            and not post.get("attachment_ids")
            and not post.get("scheduled_date")
            and not post.get("force_send")
        )

    def _helpdesk_post_batch(self, post_values, recipients):
        """``message_post`` on each ticket, its insertions made for all."""
        if not self:
            return self.env["mail.message"]
        tickets = self._fallback_lang()
        msg_vals_list = tickets._helpdesk_message_values(post_values)
        messages = tickets._message_create(msg_vals_list)
        tickets._helpdesk_prefetch_thread()
        mail_values = []
        for ticket, message, msg_vals in zip(
            tickets, messages, msg_vals_list, strict=True
        ):
            ticket._message_post_after_hook(message, msg_vals)
            values = ticket._helpdesk_client_mail_values(
                message, msg_vals, recipients[ticket.id], post_values[ticket.id]
            )
            if values:
                mail_values.append(values)
        tickets._helpdesk_create_client_mails(mail_values)
        return messages

    def _helpdesk_message_values(self, post_values):
        """The values ``message_post`` gives ``_message_create``; the
        threads' first messages and reply-to addresses read for all."""
        fields = self.env["mail.message"]._fields
        parents = self._helpdesk_first_message_ids()
        reply_to = self._notify_get_reply_to(default=False)
        values_list = []
        for ticket in self:
            post = post_values[ticket.id]
            author_id, email_from = ticket._message_compute_author(
                post.get("author_id"), post.get("email_from"), raise_on_email=True
            )
            values = {key: val for key, val in post.items() if key in fields}
            values.setdefault("email_add_signature", True)
            values.setdefault("reply_to", reply_to.get(ticket.id) or email_from)
            values.update(
                author_id=author_id,
                author_guest_id=False,
                email_from=email_from,
                model=ticket._name,
                res_id=ticket.id,
                record_name=values.get("record_name") or ticket.sudo().display_name,
                parent_id=parents.get(ticket.id, False),
                body=escape(values.get("body", "")),
                subject=values.get("subject") or False,
                attachment_ids=[],
            )
            values_list.append(values)
        return values_list

    def _helpdesk_first_message_ids(self):
        """``{ticket id: first message id}``: what a new message without a
        parent is threaded under (``_message_compute_parent_id``)."""
        if not self._mail_flat_thread:
            return {}
        groups = (
            self.env["mail.message"]
            .sudo()
            ._read_group(
                [
                    ("model", "=", self._name),
                    ("res_id", "in", self.ids),
                    ("message_type", "!=", "user_notification"),
                ],
                ["res_id"],
                ["id:min"],
            )
        )
        return dict(groups)

    def _helpdesk_prefetch_thread(self):
        """Read at once, for every ticket, the latest messages that Odoo's
        ``_notify_by_email_get_base_mail_values`` searches on each one to
        give its email a ``References`` header: its search still runs, and
        finds their fields in the cache."""
        self.env.cr.execute(
            SQL(
                """
                SELECT id FROM (
                    SELECT id, row_number() OVER (
                               PARTITION BY res_id ORDER BY id DESC
                           ) AS rank
                      FROM mail_message
                     WHERE model = %s AND res_id IN %s
                       AND subtype_id IS NOT NULL AND message_id IS NOT NULL
                ) latest
                WHERE rank <= %s
                """,
                self._name,
                tuple(self.ids),
                THREAD_WINDOW,
            )
        )
        ids = [row[0] for row in self.env.cr.fetchall()]
        self.env["mail.message"].browse(ids).fetch(
            ["is_internal", "message_id", "message_type", "subtype_id"]
        )

    def _helpdesk_client_mail_values(self, message, msg_vals, recipient, post):
        """The values of the client's email, as ``_notify_thread_by_email``
        renders them for a single recipient. A new message has no tracking:
        Odoo's search for it is skipped."""
        self.ensure_one()
        msg_vals = dict(msg_vals, tracking_value_ids=[])
        auto_delete = {"auto_delete": post.get("mail_auto_delete", True)}
        base = self._notify_by_email_get_base_mail_values(message, auto_delete)
        # A single recipient: one group at most.
        classified = next(
            self._notify_get_classified_recipients_iterator(
                message,
                [recipient],
                msg_vals=msg_vals,
                model_description=post.get("model_description"),
                force_email_lang=post.get("force_email_lang"),
            ),
            None,
        )
        if not classified:
            return None
        _lang, render_values, group = classified
        body = self._notify_by_email_render_layout(
            message, group, msg_vals=msg_vals, render_values=render_values
        )
        return self._notify_by_email_get_final_mail_values(
            group.pop("recipients"), base, additional_values={"body_html": body}
        )

    def _helpdesk_create_client_mails(self, mail_values):
        """Queue the emails, and the notifications that show their delivery
        in the chatter, as ``_notify_thread_by_email`` does."""
        if not mail_values:
            return
        # As Odoo's notification, without the caller's default_* keys.
        env = self.env(context=clean_context(self.env.context), su=True)
        mails = env["mail.mail"].create(mail_values)
        env["mail.notification"].create(
            [
                {
                    "author_id": mail.author_id.id,
                    "is_read": True,
                    "mail_mail_id": mail.id,
                    "mail_message_id": mail.mail_message_id.id,
                    "notification_status": "ready",
                    "notification_type": "email",
                    "res_partner_id": partner.id,
                }
                for mail in mails
                for partner in mail.recipient_ids
            ]
        )
