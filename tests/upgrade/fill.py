"""Fill a database of the older version with data through the real flows,
on top of the demo data (packs sold, plans with consumption and a bag,
tickets waiting on their client): another pack sold, invoiced and paid,
tickets that consume it and a plan's quota, then two days of the suite's
crons, so that SLA deadlines pass (escalations) and waiting tickets are
reminded.

Only names the suite published from its first version on are used.
Usage: fill.py -c CONF -d DB
"""

import sys
from datetime import datetime, timedelta

from freezegun import freeze_time
from odoo_env import configure, environment


def sell_pack(env):
    """A client buys the demo's Expansión pack: order, invoice, payment."""
    template = env.ref("helpdesk_sla_wallet.sale_order_wallet_expansion_5")
    client = env["res.partner"].create(
        {
            "name": "Ferretería El Tornillo (upgrade)",
            "is_company": True,
            "email": "soporte@tornillo.example",
        }
    )
    order = template.copy({"partner_id": client.id})
    order.action_confirm()
    invoice = order._create_invoices()
    invoice.action_post()
    env["account.payment.register"].with_context(
        active_model="account.move", active_ids=invoice.ids
    ).create({})._create_payments()
    return client


def open_tickets(env, partner, count, prefix):
    team = env["helpdesk.ticket.team"].search([], limit=1)
    return env["helpdesk.ticket"].create(
        [
            {
                "name": f"{prefix} {number}",
                "description": f"<p>{prefix} {number}</p>",
                "partner_id": partner.id,
                "team_id": team.id,
            }
            for number in range(1, count + 1)
        ]
    )


def wait_on_client(env, tickets):
    """An agent asks the client something: the tickets wait on the client."""
    stage = env["helpdesk.ticket.stage"].search([("sla_pause", "=", True)], limit=1)
    tickets.write({"stage_id": stage.id})


def run_crons(env, days):
    """The suite's crons as the scheduler runs them, once a day for days."""
    crons = (
        env["ir.cron"]
        .search([("ir_actions_server_id.code", "like", "_cron_")])
        .filtered(lambda cron: cron.get_external_id()[cron.id].startswith("helpdesk_"))
    )
    start = datetime.now()
    for day in range(1, days + 1):
        with freeze_time(start + timedelta(days=day, hours=1)):
            for cron in crons:
                cron.ir_actions_server_id.run()
            env.cr.flush()


configure(sys.argv[1:])
with environment() as env:
    client = sell_pack(env)
    open_tickets(env, client, 3, "Caja registradora sin conexión")
    for plan_client in ("partner_quetzal", "partner_volcanes"):
        partner = env.ref(f"helpdesk_plans.{plan_client}")
        open_tickets(env, partner, 2, "Duda sobre facturación electrónica")
    waiting = open_tickets(env, client, 2, "Impresora fiscal sin papel")
    wait_on_client(env, waiting)
    # Two days: the targets in hours pass (escalations) and the waiting
    # tickets are reminded after one business day, not yet closed after two.
    run_crons(env, 2)
    print("filled:", env["helpdesk.ticket"].search_count([]), "tickets")
