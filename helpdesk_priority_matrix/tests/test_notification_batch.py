import re

from freezegun import freeze_time

from odoo.tests import tagged

from .common import SlaCommon
from .intake_common import load_spanish

MESSAGE_FIELDS = [
    "author_id",
    "body",
    "email_add_signature",
    "email_from",
    "email_layout_xmlid",
    "is_internal",
    "message_type",
    "model",
    "partner_ids",
    "record_alias_domain_id",
    "record_company_id",
    "record_name",
    "reply_to",
    "reply_to_force_new",
    "subject",
    "subtype_id",
]
MAIL_FIELDS = [
    "auto_delete",
    "body_html",
    "email_from",
    "headers",
    "is_notification",
    "recipient_ids",
    "reply_to",
    "state",
    "subject",
]
NOTIFICATION_FIELDS = [
    "author_id",
    "is_read",
    "notification_status",
    "notification_type",
    "res_partner_id",
]


@tagged("post_install", "-at_install")
class TestNotificationBatch(SlaCommon):
    """A message to the client alone is saved for a batch of tickets at
    once, as the same records ``message_post`` saves for each ticket: the
    message, the client's email in the client's language and layout, and
    the notification that shows its delivery."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        load_spanish(cls.env)
        cls.customer.write({"lang": "es_ES", "email": "compras@ferreteria.example"})
        cls.template = cls.env.ref(
            "helpdesk_priority_matrix.mail_template_ticket_confirmation"
        )
        cls.author = cls.company.partner_id

    def _tickets(self, count):
        """New tickets followed by their client alone, taken off the queue
        of confirmations."""
        with freeze_time(self.utc(2026, 11, 23, 9, 0)):
            tickets = self.env["helpdesk.ticket"]
            for _index in range(count):
                tickets |= self.create_ticket(self.utc(2026, 11, 23, 9, 0))
        tickets.confirmation_queued_at = False
        for ticket in tickets:
            ticket._portal_ensure_token()
            others = ticket.message_partner_ids - self.customer
            ticket.message_unsubscribe(partner_ids=others.ids)
        return tickets

    def _post_values(self, tickets):
        """What the composer gives ``message_post`` for each of ``tickets``
        (several: a batch is queued, not sent at once)."""
        composer = tickets._helpdesk_composer(
            self.template,
            author_id=self.author.id,
            email_from=self.author.email_formatted,
        )
        return composer._prepare_mail_values(tickets.ids)

    def _post(self, tickets, one_by_one=False):
        """The template posted on ``tickets`` by the batch, or by
        ``message_post`` ticket by ticket as the composer does."""
        with freeze_time(self.utc(2026, 11, 23, 9, 5)):
            values = self._post_values(tickets)
            if not one_by_one:
                self.assertEqual(
                    set(tickets._helpdesk_client_recipients(values)), set(tickets.ids)
                )
                return tickets._helpdesk_post_values(values)
            messages = self.env["mail.message"]
            for ticket in tickets.with_context(mail_create_nosubscribe=True):
                messages |= ticket.message_post(**values[ticket.id])
            return messages

    @staticmethod
    def _saved(message):
        """What was saved for ``message``, with what names its ticket (id,
        number, token, signed links) replaced."""
        ticket = message.env["helpdesk.ticket"].browse(message.res_id)

        def neutral(value):
            if hasattr(value, "ids"):
                return tuple(value.ids)
            if not isinstance(value, str):
                return value
            for name in (ticket.access_token, ticket.number):
                value = value.replace(name, "<ticket>")
            value = re.sub(r"hash=[0-9a-f]+", "hash=<hash>", value)
            return re.sub(rf"\b{ticket.id}\b", "<id>", value)

        mail = message.mail_ids
        return {
            "message": {name: neutral(message[name]) for name in MESSAGE_FIELDS},
            "parent is the first message": message.parent_id
            == message.search(
                [("model", "=", message.model), ("res_id", "=", message.res_id)],
                order="id",
                limit=1,
            ),
            "mail": {name: neutral(mail[name]) for name in MAIL_FIELDS},
            "references": len(mail.references.split()),
            "notifications": [
                {name: neutral(notif[name]) for name in NOTIFICATION_FIELDS}
                for notif in message.notification_ids
            ],
        }

    def test_batch_saves_what_message_post_saves(self):
        tickets = self._tickets(4)
        batched = self._post(tickets[:2])[:1]
        posted = self._post(tickets[2:], one_by_one=True)[:1]
        self.assertEqual(len(batched.mail_ids), 1)
        self.assertEqual(self._saved(batched), self._saved(posted))
        self.assertIn("Registramos su solicitud", str(batched.mail_ids.body_html))

    def test_one_message_and_one_email_per_ticket(self):
        tickets = self._tickets(3)
        with freeze_time(self.utc(2026, 11, 23, 9, 5)):
            messages = tickets._helpdesk_post_template(
                self.template,
                author_id=self.author.id,
                email_from=self.author.email_formatted,
            )
        self.assertEqual(len(messages), 3)
        self.assertEqual(messages.mapped("res_id"), tickets.ids)
        for ticket in tickets:
            message = messages.filtered(lambda m, t=ticket: m.res_id == t.id)
            self.assertIn(ticket.number, message.subject)
            self.assertEqual(message.mail_ids.recipient_ids, self.customer)
            self.assertEqual(message.notification_ids.res_partner_id, self.customer)

    def test_follower_of_the_ticket_still_gets_its_copy(self):
        first, second = self._tickets(2)
        second.message_subscribe(partner_ids=self.leader.partner_id.ids)
        with freeze_time(self.utc(2026, 11, 23, 9, 5)):
            values = self._post_values(first | second)
            self.assertEqual(
                list((first | second)._helpdesk_client_recipients(values)), first.ids
            )
            messages = (first | second)._helpdesk_post_values(values)
        followed = messages.filtered(lambda m: m.res_id == second.id)
        self.assertEqual(
            followed.notification_ids.res_partner_id,
            self.customer | self.leader.partner_id,
        )
        alone = messages.filtered(lambda m: m.res_id == first.id)
        self.assertEqual(alone.notification_ids.res_partner_id, self.customer)
