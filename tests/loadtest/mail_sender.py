"""Emails to a team alias, delivered the way Odoo's mail gateway script
(mail/static/scripts/odoo-mailgate.py) does: `mail.thread.message_process`
over XML-RPC, one call and so one server transaction per email."""

import time
import xmlrpc.client
from email.message import EmailMessage

from portal_client import Outcome


def build_email(run, index, alias_email, sender=None):
    """An email with a CSV attachment; from an unknown client unless
    ``sender`` names a known one."""
    message = EmailMessage()
    message["From"] = (
        sender or f"Cliente Correo {index} <cliente.correo{index}@lt{run}.example>"
    )
    message["To"] = alias_email
    message["Subject"] = f"LT {run} email {index}"
    message["Message-Id"] = f"<lt-{run}-email-{index}@lt{run}.example>"
    message.set_content(
        f"Buenos días: el sistema de facturación no emite comprobantes desde las "
        f"9:00 (caso {index}). Adjunto el registro de errores."
    )
    rows = "\n".join(f"{n};ERROR;timbrado rechazado" for n in range(200))
    message.add_attachment(
        f"linea;nivel;mensaje\n{rows}\n".encode(),
        maintype="text",
        subtype="csv",
        filename=f"lt-{run}-email-{index}.csv",
    )
    return message


class CountingTransport(xmlrpc.client.Transport):
    """xmlrpc.client sends a request again, once, when the connection drops
    before the answer: the mail gateway script does so too. Count the sends."""

    sends = 0

    def single_request(self, *args, **kwargs):
        self.sends += 1
        return super().single_request(*args, **kwargs)


def deliver(url, db, uid, password, message):
    """Deliver one email; the outcome holds the ticket id Odoo answers."""
    outcome = Outcome(
        str(message["Subject"]),
        details={
            "message_id": str(message["Message-Id"]),
            "files": [part.get_filename() for part in message.iter_attachments()],
        },
    )
    transport = CountingTransport()
    models = xmlrpc.client.ServerProxy(
        f"{url}/xmlrpc/2/object", transport=transport, allow_none=True
    )
    start = time.monotonic()
    try:
        thread_id = models.execute_kw(
            db,
            uid,
            password,
            "mail.thread",
            "message_process",
            [False, xmlrpc.client.Binary(message.as_bytes())],
        )
        if thread_id:
            outcome.ticket_id = thread_id
        else:
            outcome.error = "Odoo answered False (a known Message-Id, or no route)"
    except (OSError, xmlrpc.client.Error) as error:
        outcome.error = repr(error)[:300]
    outcome.seconds = time.monotonic() - start
    if transport.sends > 1:
        outcome.details["resent"] = (
            "the connection dropped without an answer and xmlrpc.client "
            "sent the email again"
        )
    return outcome
