import functools
import logging

from odoo import models

_logger = logging.getLogger(__name__)

# Set in the cursor's cache (kept across its commits) by ``mail.thread``'s
# ``message_process`` when the email being fetched failed in the database;
# read and cleared by the IMAP connection below. Its value: the Message-Id.
FAILED_IN_DATABASE = "helpdesk_fetchmail_failed_in_database"


class FetchmailServer(models.Model):
    """Emails fetched over IMAP are marked as read once what they became is
    committed, so that a database that fails or restarts during the fetch
    loses none.

    Odoo's fetch (``fetch_mail``) marks each email as read right after
    processing it, whether the processing succeeded or failed, then
    commits: an email is read once, and one that cannot be processed is
    not fetched again and again. But when the database itself fails (the
    server restarts, the connection drops, a serialization failure) the
    ticket is rolled back while the email stays read in the mailbox: it is
    lost. With this extension:

    - the mark is sent to the IMAP server after the commit, not before it:
      a commit that fails leaves the email unread;
    - an email whose processing failed in the database is left unread and
      fetched again at the next run; one that failed on its own content is
      marked as read, as Odoo does.

    An email fetched again after its ticket was committed (the mark itself
    failed) is recognised by its Message-Id and ignored by Odoo's mail
    gateway: it becomes one ticket either way.
    """

    _inherit = "fetchmail.server"

    def connect(self, allow_archived=False):
        connection = super().connect(allow_archived=allow_archived)
        if self._get_connection_type() == "imap":
            return ReadAfterCommit(connection, self.env.cr, self.name)
        return connection


class ReadAfterCommit:
    """An IMAP connection whose "mark as read" (``+FLAGS \\Seen``) waits
    for the commit of the cursor, and is dropped for an email whose
    processing failed in the database. Everything else goes to the
    connection unchanged."""

    def __init__(self, connection, cr, server_name):
        self._connection = connection
        self._cr = cr
        self._server_name = server_name

    def __getattr__(self, name):
        return getattr(self._connection, name)

    def store(self, number, command, flags):
        if flags != "\\Seen":
            return self._connection.store(number, command, flags)
        if command == "-FLAGS":
            # Odoo's fetch unmarks an email before processing it: what an
            # earlier email left in the cache is not this one's.
            self._cr.cache.pop(FAILED_IN_DATABASE, None)
            return self._connection.store(number, command, flags)
        message_id = self._cr.cache.pop(FAILED_IN_DATABASE, None)
        if message_id:
            _logger.warning(
                "Email %s (message %s on %s) left unread: its processing failed "
                "in the database; it is fetched again at the next run.",
                message_id,
                number.decode() if isinstance(number, bytes) else number,
                self._server_name,
            )
            return "OK", [None]
        self._cr.postcommit.add(
            functools.partial(self._connection.store, number, command, flags)
        )
        return "OK", [None]
