"""The ticket confirmation of the foundation now tells a wallet ticket's
coverage and balance: the wallet's own confirmation, sent as a second email,
is gone from the data. It was ``noupdate``, so this step deletes it."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    template = env.ref(
        "helpdesk_sla_wallet.mail_template_ticket_wallet_covered",
        raise_if_not_found=False,
    )
    if template:
        template.unlink()
