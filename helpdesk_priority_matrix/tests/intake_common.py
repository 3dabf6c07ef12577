from odoo.tests import new_test_user

from .translation_common import load_spanish as load_module_spanish

EMAIL_TPL = """Return-Path: <{email_from}>
To: {to}
Received: by mail1.example.com (Postfix, from userid 10002)
Message-ID: {msg_id}
Date: Mon, 23 Nov 2026 10:12:00 -0500
From: {email_from}
MIME-Version: 1.0
Subject: {subject}
Content-Type: text/plain; charset=UTF-8

Buenos días,

{body}

Gracias."""


def create_client(env, name, email, lang="es_ES"):
    """A client company and its main address, authorized by default."""
    return env["res.partner"].create(
        {"name": name, "is_company": True, "email": email, "lang": lang}
    )


def create_contact(env, company, name, email, authorized=None, lang="es_ES"):
    vals = {"name": name, "parent_id": company.id, "email": email, "lang": lang}
    if authorized is not None:
        vals["helpdesk_authorized"] = authorized
    return env["res.partner"].create(vals)


def create_portal_user(env, login, partner):
    """A portal user on an existing contact."""
    return new_test_user(
        env,
        login=login,
        password=login,
        groups="base.group_portal",
        name=partner.name,
        partner_id=partner.id,
    )


def sent_confirmations(ticket):
    """The confirmations of ``ticket`` once the queue of confirmations has
    been sent, as the cron woken by the ticket's creation does."""
    ticket.env["helpdesk.ticket"]._cron_send_confirmations()
    return ticket.message_ids.filtered(
        lambda m: m.subject and ticket.number in m.subject and "recibido:" in m.subject
    )


def load_spanish(env):
    """Spanish active, with the module's translations: messages are
    checked in the language of their recipient."""
    load_module_spanish(env, "helpdesk_priority_matrix")
