"""The crons of the suite on many due records: autoclose (reminders, then
closing), SLA escalation, plan renewal and card charge.

One run of each cron as ``ir.cron`` calls it (its own batch size), with a
small and a large number of records due: the queries per record the run
processed. One record of each kind is created through the ORM and copied
in SQL (``copy_row``), with the links each copy needs of its own (a
subscription its contract and line, an invoice its lines), inside the
transaction rolled back at the end; the table is analyzed after the
copies, as autovacuum would.

Goals: at most 5 queries per processed record, and flat from the small
number to the large one (within 10 %).
"""

from datetime import timedelta

from bench_autoclose_cron import waiting_tickets
from bench_sla_escalation import due_tickets
from clients import create_clients, subscribe
from common import Goal, Intake, Stopwatch, commit_work, copy_row, request, transaction

from odoo import fields
from odoo.tools import SQL

PER_RECORD_GOAL = Goal(5, on=("queries",), unit=" q/unit")
FLAT_GOAL = Goal(1.10, on=("queries",))


def analyze(env, *tables):
    for table in tables:
        env.cr.execute(SQL("ANALYZE %s", SQL.identifier(table)))


# ----------------------------------------------------------------------
# Due records
# ----------------------------------------------------------------------


def waiting_ticket(env, waiting_since, name):
    """An open ticket waiting on the client since ``waiting_since``, its
    confirmation sent."""
    ticket = waiting_tickets(env, 1, waiting_since, name)
    ticket.confirmation_queued_at = False
    env.flush_all()
    return ticket


def autoclose_due(env, count, step):
    """``count`` tickets waiting on the client for a month, due for the
    reminder (their closing not yet), or reminded already and due for
    closing."""
    now = fields.Datetime.now()
    ticket = waiting_ticket(env, now - timedelta(days=30), "Vencido")
    later = now + timedelta(days=30)
    if step == "remind":
        update = SQL("autoclose_close_due = %s", later)
    else:
        update = SQL(
            "autoclose_reminded_since = autoclose_waiting_since, "
            "autoclose_reminder_due = NULL"
        )
    env.cr.execute(
        SQL(
            "UPDATE helpdesk_ticket SET %s, autoclose_priority_drop_due = NULL "
            "WHERE id = %s",
            update,
            ticket.id,
        )
    )
    copy_row(env, "helpdesk_ticket", ticket.id, count - 1)
    analyze(env, "helpdesk_ticket")


def sla_pending(env, intake, count):
    """``count`` open tickets breached, their status refreshed, waiting to
    be escalated: the cron refreshes a full batch of due statuses in one
    call and escalates in the next ones, so the work per ticket is the
    escalation."""
    ticket = due_tickets(env, intake, 1)
    env["helpdesk.ticket"]._cron_sla_update(batch_size=1)
    env.flush_all()
    if not ticket.sla_escalation_pending:
        raise RuntimeError("the SLA cron left no escalation pending")
    copy_row(env, "helpdesk_ticket", ticket.id, count - 1)
    analyze(env, "helpdesk_ticket")


def copy_subscription(env, subscription, count):
    """``count - 1`` copies of ``subscription``, each with a contract and a
    contract line of its own; the ids of the copies' lines."""
    line = subscription.contract_line_id
    contracts = copy_row(env, "contract_contract", line.contract_id.id, count - 1)
    lines = copy_row(env, "contract_line", line.id, count - 1, contract_id=contracts)
    copy_row(
        env,
        "helpdesk_plan_subscription",
        subscription.id,
        count - 1,
        contract_line_id=lines,
        contract_id=contracts,
    )
    analyze(env, "contract_contract", "contract_line", "helpdesk_plan_subscription")
    return lines


def renewal_due(env, contact, count):
    """``count`` active subscriptions whose first period is to invoice."""
    copy_subscription(env, subscribe(env, contact), count)


def demo_card(env, partner):
    """A card saved with Odoo's demo provider, which pays when charged."""
    provider = env.ref("payment.payment_provider_demo")
    provider.write({"state": "test", "company_id": env.company.id})
    return env["payment.token"].create(
        {
            "provider_id": provider.id,
            "payment_method_id": env.ref("payment_demo.payment_method_demo").id,
            "partner_id": partner.id,
            "payment_details": "4242",
            "provider_ref": "card-done",
            "demo_simulated_state": "done",
        }
    )


def charge_due(env, contact, count):
    """``count`` card subscriptions, each with its posted, unpaid invoice
    of the period: the renewal done, the charge to do. The invoice is
    copied with its lines, under a name of its own, for each copy of the
    subscription."""
    partner = contact.commercial_partner_id
    subscription = subscribe(env, contact, payment_token_id=demo_card(env, partner).id)
    invoice = subscription._renew_and_invoice(fields.Date.context_today(subscription))
    if len(invoice) != 1 or invoice.state != "posted":
        raise RuntimeError(
            f"the renewal of {subscription.name} did not post one invoice"
        )
    lines = [
        subscription.contract_line_id.id,
        *copy_subscription(env, subscription, count),
    ]
    moves = copy_row(
        env,
        "account_move",
        invoice.id,
        count - 1,
        name=SQL("source.name || '-' || copy.n"),
        payment_reference=SQL("source.name || '-' || copy.n"),
    )
    for move_line in invoice.line_ids:
        copy_row(
            env,
            "account_move_line",
            move_line.id,
            count - 1,
            move_id=moves,
            contract_line_id=lines[1:] if move_line.contract_line_id else None,
        )
    analyze(env, "account_move", "account_move_line")


# ----------------------------------------------------------------------
# The crons
# ----------------------------------------------------------------------


def _now_domain(field_name):
    return lambda env: env["helpdesk.ticket"].search_count(
        [(field_name, "<=", fields.Datetime.now())]
    )


def _renewals_due(env):
    model = env["helpdesk.plan.subscription"]
    return model.search_count(
        model._renewal_due_domain(fields.Date.context_today(model))
    )


def _transactions(env):
    # Each transaction created is one invoice charged: negative, as a
    # count of the work left.
    return -env["payment.transaction"].search_count([])


CRONS = {
    "autoclose reminders": (
        lambda env, ctx, n: autoclose_due(env, n, "remind"),
        lambda env: env["helpdesk.ticket"]._cron_autoclose(),
        _now_domain("autoclose_reminder_due"),
    ),
    "autoclose closing": (
        lambda env, ctx, n: autoclose_due(env, n, "close"),
        lambda env: env["helpdesk.ticket"]._cron_autoclose(),
        _now_domain("autoclose_close_due"),
    ),
    "SLA escalation": (
        lambda env, ctx, n: sla_pending(env, ctx["intake"], n),
        lambda env: env["helpdesk.ticket"]._cron_sla_update(),
        lambda env: env["helpdesk.ticket"].search_count(
            [("sla_escalation_pending", "!=", False)]
        ),
    ),
    "plan renewal": (
        lambda env, ctx, n: renewal_due(env, ctx["clients"]["plan"], n),
        lambda env: env["helpdesk.plan.subscription"]._cron_renew(auto_commit=False),
        _renewals_due,
    ),
    "card charge": (
        lambda env, ctx, n: charge_due(env, ctx["clients"]["neither"], n),
        lambda env: env["helpdesk.plan.subscription"]._cron_renew(auto_commit=False),
        _transactions,
    ),
}


def cron_run(env, cron, left):
    """One run of ``cron`` in a request; (stopwatch, records processed)."""
    stopwatch = Stopwatch(env.cr)
    with request(env):
        before = left(env)
        env.cr.clear()
        with stopwatch.timing():
            cron(env)
            commit_work(env)
        processed = before - left(env)
    return stopwatch, processed


def measure_cron(env, name, sizes, args, table):
    """The cron ``name`` with each number of records due, in a transaction
    of its own per number."""
    prepare, cron, left = CRONS[name]
    results = {}
    for size in sizes:
        results[size] = table.result(f"{name}, {size} due", "suite", "record", 1)
    table.ratio(
        f"{name}, {sizes[-1]} / {sizes[0]} due",
        results[sizes[-1]],
        results[sizes[0]],
        FLAT_GOAL,
    )
    for result in results.values():
        result.goal = PER_RECORD_GOAL
    for size in sizes:
        with transaction(env):
            ctx = {"intake": Intake.create(env), "clients": create_clients(env)}
            prepare(env, ctx, size)
            processed = set()
            for _repeat in range(args.cron_repeats):
                stopwatch, done = cron_run(env, cron, left)
                processed.add(done)
                results[size].units = max(done, 1)
                results[size].add(stopwatch)
        table.note(
            f"{name}, {size} due: {'/'.join(map(str, sorted(processed)))} "
            f"processed per run"
        )


def run(env, args, table):
    table.section("5. crons, one run with records due: queries per processed record")
    for name in CRONS:
        measure_cron(env, name, args.due, args, table)
