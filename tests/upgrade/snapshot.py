"""Write what an upgrade must keep, as JSON: every wallet's balance and the
sum of its ledger, every ledger move as stored, every plan subscription's
state and quota, every ticket's stage, SLA deadlines, coverage and waiting
clock, and the suite's scheduled jobs.

Only fields the suite published from its first version on are read, so the
same script runs against the older and the current code.
Usage: snapshot.py -c CONF -d DB OUTPUT.json
"""

import json
import sys

from odoo_env import configure, environment

TICKET_FIELDS = [
    "stage_id",
    "sla_policy_id",
    "sla_start_date",
    "sla_response_deadline",
    "sla_resolution_deadline",
    "sla_paused_hours",
    "priority_level_id",
    "is_covered",
    "entitlement_source",
    "entitlement_state",
    "autoclose_waiting_since",
    "autoclose_reminded_since",
    "autoclose_reminder_due",
    "autoclose_close_due",
]
SUBSCRIPTION_FIELDS = [
    "state",
    "plan_id",
    "date_start",
    "date_end",
    "tickets_used",
    "tickets_remaining",
]


def plain(value):
    """A field value as JSON: records as ids, dates as text."""
    if hasattr(value, "_name"):
        return value.ids
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def records(env, model, fields):
    return {
        str(record.id): {name: plain(record[name]) for name in fields}
        for record in env[model].with_context(active_test=False).search([], order="id")
    }


def ledger_rows(env):
    """The moves as the database holds them, every column but the write log."""
    env.cr.execute("SELECT * FROM helpdesk_wallet_move ORDER BY id")
    columns = [column.name for column in env.cr.description]
    rows = {}
    for values in env.cr.fetchall():
        row = {name: plain(value) for name, value in zip(columns, values, strict=True)}
        row.pop("write_date")
        row.pop("write_uid")
        rows[str(row["id"])] = row
    return rows


def wallets(env):
    return {
        str(wallet.id): {
            "balance": wallet.balance,
            "ledger": sum(wallet.move_ids.mapped("amount")),
        }
        for wallet in env["helpdesk.wallet"].search([], order="id")
    }


def crons(env):
    found = env["ir.model.data"].search(
        [("model", "=", "ir.cron"), ("module", "like", "helpdesk_%")]
    )
    result = {}
    for data in found:
        cron = env["ir.cron"].with_context(active_test=False).browse(data.res_id)
        result[f"{data.module}.{data.name}"] = {
            "active": cron.active,
            "code": cron.code,
            "interval": f"{cron.interval_number} {cron.interval_type}",
            "nextcall": plain(cron.nextcall),
        }
    return result


configure(sys.argv[1:-1])
with environment() as env:
    snapshot = {
        "wallets": wallets(env),
        "moves": ledger_rows(env),
        "subscriptions": records(
            env, "helpdesk.plan.subscription", SUBSCRIPTION_FIELDS
        ),
        "tickets": records(env, "helpdesk.ticket", TICKET_FIELDS),
        "messages": {
            str(ticket.id): len(ticket.message_ids)
            for ticket in env["helpdesk.ticket"].search([], order="id")
        },
        "crons": crons(env),
    }
    with open(sys.argv[-1], "w", encoding="utf-8") as output:
        json.dump(snapshot, output, indent=1, sort_keys=True)
    kinds = ("wallets", "moves", "subscriptions", "tickets", "crons")
    print("snapshot:", ", ".join(f"{len(snapshot[kind])} {kind}" for kind in kinds))
