import xmlrpc.client
from email.parser import BytesHeaderParser

import psycopg2

from odoo import api, models

from .fetchmail_server import FAILED_IN_DATABASE

# Failures of the database rather than of the email: the connection lost
# (a restart), a serialization failure, a deadlock, a lock or a statement
# that timed out. The same email succeeds in a later transaction.
DATABASE_FAILURES = (psycopg2.OperationalError, psycopg2.InterfaceError)


class MailThread(models.AbstractModel):
    _inherit = "mail.thread"

    @api.model
    def message_process(self, model, message, *args, **kwargs):
        """In Odoo's fetch, an email whose processing failed in the
        database is told to the IMAP connection, which leaves it unread for
        the next run (see ``fetchmail.server``)."""
        try:
            return super().message_process(model, message, *args, **kwargs)
        except DATABASE_FAILURES:
            if self.env.context.get("fetchmail_cron_running"):
                self.env.cr.cache[FAILED_IN_DATABASE] = _message_id(message)
            raise


def _message_id(message):
    """The Message-Id of a raw email as ``message_process`` receives it."""
    if isinstance(message, xmlrpc.client.Binary):
        message = message.data
    if isinstance(message, str):
        message = message.encode()
    headers = BytesHeaderParser().parsebytes(message)
    return str(headers.get("Message-Id", "")).strip() or "without a Message-Id"
