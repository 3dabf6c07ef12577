"""Fixtures of the cluster test, run inside `odoo-bin shell` (``env`` is
given) before the nodes start: a team reached by email through the IMAP
mailbox, clients half in Spanish and half in English, half on a prepaid
wallet (one pack expired with tickets left) and half on a plan that renews
with a saved card and is months behind, tickets waiting on their clients for
a month (due for a reminder and a close), an agent, and every suite cron due
every minute on every node. Prints one JSON line prefixed with FIXTURES."""

# ruff: noqa: F821 - `env` comes from odoo-bin shell
import json
import os
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from odoo import Command, fields

run = os.environ["CLUSTER_RUN"]
clients = int(os.environ["CLUSTER_CLIENTS"])
imap_port = int(os.environ["CLUSTER_IMAP_PORT"])
imap_login, imap_password = os.environ["CLUSTER_IMAP_USER"].split(":", 1)
domain = f"c{run}.example"
SUITE_CRONS = [
    "helpdesk_priority_matrix.ir_cron_helpdesk_sla_update",
    "helpdesk_priority_matrix.ir_cron_helpdesk_ticket_confirmation",
    "helpdesk_priority_matrix.ir_cron_helpdesk_entitlement_retry",
    "helpdesk_sla_wallet.ir_cron_wallet_expire_credits",
    "helpdesk_plans.ir_cron_helpdesk_plan_renew",
    "helpdesk_autoclose.ir_cron_helpdesk_autoclose",
]
MAIL_CRONS = ["mail.ir_cron_mail_gateway_action", "mail.ir_cron_mail_scheduler_action"]

env = env(context=dict(env.context, tracking_disable=True))  # noqa: F821
# Odoo ignores (and bounces) the emails of a sender who created more than
# 20 records through the mail gateway within 120 minutes, as a mail loop: a
# support desk raises the threshold, its clients write that often.
env["ir.config_parameter"].set_param("mail.gateway.loop.threshold", 1000)
company = env.company
company.write({"email": f"soporte@{domain}", "wallet_consume_on": "create"})
# The administrator runs the crons' actions over RPC: it signs as itself.
env.ref("base.user_admin").email = f"admin@{domain}"
if not company.alias_domain_id:
    company.alias_domain_id = env["mail.alias.domain"].create({"name": domain})
policy = company.helpdesk_sla_policy_id or env.ref(
    "helpdesk_priority_matrix.sla_policy_standard"
)
agent = env["res.users"].create(
    {
        "name": f"Agente Clúster {run}",
        "login": f"agente@{domain}",
        "email": f"agente@{domain}",
        "password": f"agente-{run}",
        "groups_id": [Command.set([env.ref("helpdesk_mgmt.group_helpdesk_user").id])],
    }
)
team = env["helpdesk.ticket.team"].create(
    {
        "name": f"Soporte clúster {run}",
        "alias_name": f"soporte-{run}",
        "user_ids": [Command.set([agent.id, env.ref("base.user_admin").id])],
    }
)
env["fetchmail.server"].create(
    {
        "name": f"Buzón de soporte {run}",
        "server_type": "imap",
        "server": "127.0.0.1",
        "port": imap_port,
        "is_ssl": False,
        "user": imap_login,
        "password": imap_password,
        "attach": True,
        "state": "done",
    }
)

# Plans: monthly, large quota, renewed by card; started three months ago so
# that the renewal cron has three periods to invoice and charge.
provider = env.ref("payment.payment_provider_demo")
provider.write({"state": "test", "company_id": company.id})
plan = env["helpdesk.plan"].create(
    {
        "name": f"Plan clúster {run}",
        "sla_policy_id": policy.id,
        "ticket_quota": 500,
        "billing_period": "monthly",
        "price": 350.0,
    }
)
pack_expiry = date.today() - timedelta(days=1)
described = []
for index in range(clients):
    lang = "es_419" if index % 2 == 0 else "en_US"
    kind = "wallet" if index % 4 < 2 else "plan"
    company_partner = env["res.partner"].create(
        {"name": f"Cliente {run}-{index} S.A.", "is_company": True, "lang": lang}
    )
    login = f"cliente{index}@{domain}"
    user = env["res.users"].create(
        {
            "name": f"Contacto {index} {run}",
            "login": login,
            "email": login,
            "password": f"clave-{run}-{index}",
            "lang": lang,
            "parent_id": company_partner.id,
            "groups_id": [Command.set([env.ref("base.group_portal").id])],
        }
    )
    if kind == "wallet":
        wallet = env["helpdesk.wallet"]._for_partner(company_partner, create=True)
        wallet._credit_tickets(400, policy, kind="purchase")
        # A pack past its validity with tickets left: the expiry cron's work.
        wallet._credit_tickets(
            7,
            policy,
            kind="purchase",
            expiry_date=pack_expiry,
            date=fields.Datetime.now() - timedelta(days=60),
        )
    else:
        token = env["payment.token"].create(
            {
                "provider_id": provider.id,
                "payment_method_id": env.ref("payment_demo.payment_method_demo").id,
                "partner_id": company_partner.id,
                "payment_details": "4242",
                "provider_ref": f"card-{run}-{index}",
                "demo_simulated_state": "done",
            }
        )
        subscription = env["helpdesk.plan.subscription"].create(
            {
                "partner_id": company_partner.id,
                "plan_id": plan.id,
                "date_start": date.today() - relativedelta(months=3),
                "payment_token_id": token.id,
            }
        )
        subscription.action_activate()
    described.append(
        {
            "index": index,
            "login": login,
            "password": f"clave-{run}-{index}",
            "partner_id": user.partner_id.id,
            "company_partner_id": company_partner.id,
            "lang": lang,
            "kind": kind,
        }
    )

# Tickets waiting on their client for a month: reminder and close are due.
awaiting = env.ref("helpdesk_mgmt.helpdesk_ticket_stage_awaiting")
waiting = env["helpdesk.ticket"].create(
    [
        {
            "name": f"LT {run} waiting {client['index']}",
            "description": "<p>Esperando la respuesta del cliente.</p>",
            "partner_id": client["partner_id"],
            "team_id": team.id,
        }
        for client in described
    ]
)
waiting.write({"stage_id": awaiting.id})
waiting.write({"autoclose_waiting_since": fields.Datetime.now() - timedelta(days=30)})

# Every cron due now and every minute: both nodes' cron workers compete for
# them during the whole run, besides the triggers of the test itself.
crons = env["ir.cron"].browse([env.ref(xmlid).id for xmlid in SUITE_CRONS + MAIL_CRONS])
crons.write(
    {
        "active": True,
        "interval_number": 1,
        "interval_type": "minutes",
        "nextcall": fields.Datetime.now(),
    }
)
env.cr.commit()
print(
    "FIXTURES "
    + json.dumps(
        {
            "team_id": team.id,
            "alias": team.alias_email,
            "domain": domain,
            "agent": [agent.login, f"agente-{run}"],
            "clients": described,
            "waiting_ticket_ids": waiting.ids,
            "plan_id": plan.id,
            "suite_crons": {xmlid: env.ref(xmlid).id for xmlid in SUITE_CRONS},
            "mail_crons": {xmlid: env.ref(xmlid).id for xmlid in MAIL_CRONS},
            "suite_actions": {
                xmlid: env.ref(xmlid).ir_actions_server_id.id for xmlid in SUITE_CRONS
            },
        }
    ),
    flush=True,
)
