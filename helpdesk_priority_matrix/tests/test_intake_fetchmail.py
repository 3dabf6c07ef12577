# Odoo's fetch job commits after each email: the tests run it, and their
# fixtures, in real transactions of their own.
# pylint: disable=invalid-commit
import threading
import time
from contextlib import closing, suppress
from unittest.mock import patch

import psycopg2

from odoo import SUPERUSER_ID, api, sql_db
from odoo.tests import BaseCase, get_db_name, tagged

from .intake_common import EMAIL_TPL

REPLY_TPL = EMAIL_TPL.replace(
    "MIME-Version", "In-Reply-To: {in_reply_to}\nMIME-Version"
)


class Mailbox:
    """The support mailbox of an IMAP server, as Odoo's fetch uses it:
    ``fetch`` marks a message as read, as an IMAP server does, and
    ``on_processing`` runs when Odoo unmarks it to process it."""

    def __init__(self, messages):
        self.messages = {str(n).encode(): raw for n, raw in enumerate(messages, 1)}
        self.seen = set()
        self.on_processing = None

    def __call__(self, host, port, ssl):
        return self

    def login(self, user, password):
        return "OK", [b"logged in"]

    def select(self, mailbox="INBOX"):
        return "OK", [str(len(self.messages)).encode()]

    def search(self, charset, criteria):
        unseen = [number for number in self.messages if number not in self.seen]
        return "OK", [b" ".join(unseen)]

    def fetch(self, number, parts):
        self.seen.add(number)
        return "OK", [(number + b" (RFC822)", self.messages[number].encode())]

    def store(self, number, command, flags):
        if command == "+FLAGS":
            self.seen.add(number)
        else:
            self.seen.discard(number)
            if self.on_processing:
                self.on_processing(number)
        return "OK", [None]

    def close(self):
        return "OK", [None]

    def logout(self):
        return "BYE", [None]


@tagged("post_install", "-at_install")
class TestIntakeFetchmailDatabaseFailure(BaseCase):
    """Odoo's fetch marks an email as read whether processing it worked or
    not. When the database fails meanwhile (a restart, a serialization
    failure), the ticket is rolled back: the email must stay unread and
    become its ticket at the next fetch. Each fetch runs in a real
    transaction; a second one makes the database fail under it."""

    def setUp(self):
        super().setUp()
        self.db = sql_db.db_connect(get_db_name())
        self.run_tag = f"fetch-{time.time_ns()}"
        with closing(self.db.cursor()) as cr:
            env = self._env(cr)
            self.server_id = (
                env["fetchmail.server"]
                .create(
                    {
                        "name": f"Buzón {self.run_tag}",
                        "server_type": "imap",
                        "server": "imap.andina.example.com",
                        "port": 993,
                        "is_ssl": True,
                        "user": "soporte",
                        "password": "clave",
                        "state": "done",
                        "object_id": env.ref("helpdesk_mgmt.model_helpdesk_ticket").id,
                    }
                )
                .id
            )
            cr.commit()
        self.addCleanup(self._delete_fixtures)

    def _env(self, cr):
        return api.Environment(cr, SUPERUSER_ID, {})

    def _delete_fixtures(self):
        with closing(self.db.cursor()) as cr:
            env = self._env(cr)
            env["helpdesk.ticket"].with_context(active_test=False).search(
                [("name", "like", self.run_tag)]
            ).unlink()
            env["res.users"].search([("login", "like", self.run_tag)]).unlink()
            env["res.partner"].with_context(active_test=False).search(
                [("email", "like", self.run_tag)]
            ).unlink()
            env["fetchmail.server"].browse(self.server_id).unlink()
            cr.commit()

    def _message_id(self, index):
        return f"<{self.run_tag}-{index}@andina.example.com>"

    def _email(self, index, email_from=None, in_reply_to=None):
        values = {
            "email_from": email_from or f"cliente-{self.run_tag}@andina.example.com",
            "to": "soporte@andina.example.com",
            "subject": f"Pago rechazado {self.run_tag} {index}",
            "msg_id": self._message_id(index),
            "body": "El portal de pagos rechaza las tarjetas.",
        }
        if in_reply_to:
            return REPLY_TPL.format(in_reply_to=in_reply_to, **values)
        return EMAIL_TPL.format(**values)

    def _run_fetch_job(self, mailbox, before=None):
        """One run of Odoo's fetch job in a transaction of its own, as a
        cron worker runs it; True when that transaction failed in the
        database (the cron worker rolls it back and runs the job again at
        its next call)."""
        with patch("odoo.addons.mail.models.fetchmail.IMAP4Connection", mailbox):
            cr = self.db.cursor()
            try:
                if before:
                    before(cr)
                self._env(cr)["fetchmail.server"].browse(self.server_id).fetch_mail(
                    raise_exception=False
                )
                cr.commit()
                return False
            except psycopg2.Error:
                return True
            finally:
                # A connection the database ended cannot roll back.
                with suppress(psycopg2.Error):
                    cr.close()

    @staticmethod
    def _short_lock_timeout(cr):
        cr.execute("SET LOCAL lock_timeout = '300ms'")

    @staticmethod
    def _backend_pid(cr):
        cr.execute("SELECT pg_backend_pid()")
        return cr.fetchone()[0]

    def _tickets_of(self, message_id):
        with closing(self.db.cursor()) as cr:
            messages = self._env(cr)["mail.message"].search(
                [("message_id", "=", message_id), ("model", "=", "helpdesk.ticket")]
            )
            return messages.mapped("res_id")

    def _lock_messages(self):
        """A transaction of its own that holds ``mail_message``: the fetch
        waits on it once it processes an email (Odoo looks for the email's
        Message-Id first), with nothing of the email written yet."""
        blocker = self.db.cursor()
        self.addCleanup(blocker.close)
        blocker.execute("LOCK TABLE mail_message IN ACCESS EXCLUSIVE MODE")
        return blocker

    def _end_when_waiting(self, pid):
        """End the connection ``pid`` once it waits on a lock, as a
        PostgreSQL restart ends every connection."""
        with closing(self.db.cursor()) as cr:
            for _attempt in range(200):
                # A transaction sees the activity of the others as of its
                # first look: one transaction per look.
                cr.rollback()
                cr.execute(
                    "SELECT wait_event_type FROM pg_stat_activity WHERE pid = %s", [pid]
                )
                if cr.fetchone() == ("Lock",):
                    cr.execute("SELECT pg_terminate_backend(%s)", [pid])
                    return
                time.sleep(0.05)

    def test_database_restart_while_processing_leaves_the_email_unread(self):
        mailbox = Mailbox([self._email(1), self._email(2)])
        blockers, watchers = [], []

        def restart_during_second_email(number):
            if number == b"2":
                blockers.append(self._lock_messages())
                watchers.append(
                    threading.Thread(
                        target=self._end_when_waiting, args=(mailbox.fetcher_pid,)
                    )
                )
                watchers[0].start()

        def remember_pid(cr):
            mailbox.fetcher_pid = self._backend_pid(cr)

        mailbox.on_processing = restart_during_second_email
        with self.assertLogs(
            "odoo.addons.helpdesk_priority_matrix.models.fetchmail_server", "WARNING"
        ) as logged:
            self.assertTrue(self._run_fetch_job(mailbox, before=remember_pid))
        watchers[0].join(timeout=30)
        blockers[0].rollback()
        self.assertIn(self._message_id(2), logged.output[0])
        self.assertEqual(
            mailbox.seen, {b"1"}, "the first email is committed, the second unread"
        )
        self.assertEqual(len(self._tickets_of(self._message_id(1))), 1)
        self.assertEqual(self._tickets_of(self._message_id(2)), [])

        mailbox.on_processing = None
        self.assertFalse(self._run_fetch_job(mailbox))
        self.assertEqual(mailbox.seen, {b"1", b"2"})
        for index in (1, 2):
            self.assertEqual(
                len(self._tickets_of(self._message_id(index))),
                1,
                "each email is one ticket",
            )

    def test_lock_timeout_while_processing_leaves_the_email_unread(self):
        """The processing fails in the database while the connection lives
        on: the transaction is rolled back and Odoo's commit succeeds, yet
        the email must not be marked as read."""
        mailbox = Mailbox([self._email(1)])
        blockers = []
        mailbox.on_processing = lambda number: blockers.append(self._lock_messages())
        with self.assertLogs(
            "odoo.addons.helpdesk_priority_matrix.models.fetchmail_server", "WARNING"
        ) as logged:
            self._run_fetch_job(mailbox, before=self._short_lock_timeout)
        blockers[0].rollback()
        self.assertIn(self._message_id(1), logged.output[0])
        self.assertEqual(mailbox.seen, set(), "the email waits in the mailbox")
        self.assertEqual(self._tickets_of(self._message_id(1)), [])

        mailbox.on_processing = None
        self.assertFalse(self._run_fetch_job(mailbox))
        self.assertEqual(mailbox.seen, {b"1"})
        self.assertEqual(len(self._tickets_of(self._message_id(1))), 1)

    def test_serialization_failure_leaves_the_email_unread(self):
        """An agent's first answer by email writes the ticket (its first
        response); another transaction that changed the ticket after the
        fetch began makes that write fail."""
        agent_email = f"agente-{self.run_tag}@andina.example.com"
        with closing(self.db.cursor()) as cr:
            env = self._env(cr)
            env["res.users"].create(
                {
                    "name": "Agente Respuesta",
                    "login": f"agente-{self.run_tag}",
                    "email": agent_email,
                    "groups_id": [
                        (6, 0, [env.ref("helpdesk_mgmt.group_helpdesk_user").id])
                    ],
                }
            )
            ticket = env["helpdesk.ticket"].create(
                {
                    "name": f"Pago rechazado {self.run_tag}",
                    "description": "<p>El portal rechaza las tarjetas.</p>",
                }
            )
            first = ticket.message_post(
                body="Recibido.",
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
            ticket_id, thread_message_id = ticket.id, first.message_id
            cr.commit()
        mailbox = Mailbox(
            [self._email(1, email_from=agent_email, in_reply_to=thread_message_id)]
        )

        def change_ticket(number):
            # After the fetch's snapshot, before the email is processed.
            with closing(self.db.cursor()) as cr:
                self._env(cr)["helpdesk.ticket"].browse(ticket_id).write(
                    {"description": "<p>El portal rechaza todas las tarjetas.</p>"}
                )
                cr.commit()

        mailbox.on_processing = change_ticket
        # The fetch's snapshot is taken before the other transaction commits.
        self._run_fetch_job(mailbox, before=lambda cr: cr.execute("SELECT 1"))
        reply_id = self._message_id(1)
        self.assertEqual(mailbox.seen, set(), "the email waits in the mailbox")
        self.assertEqual(self._tickets_of(reply_id), [])

        mailbox.on_processing = None
        self.assertFalse(self._run_fetch_job(mailbox))
        self.assertEqual(mailbox.seen, {b"1"})
        self.assertEqual(self._tickets_of(reply_id), [ticket_id])
        with closing(self.db.cursor()) as cr:
            ticket = self._env(cr)["helpdesk.ticket"].browse(ticket_id)
            self.assertTrue(ticket.sla_first_response_date, "the answer counted")
