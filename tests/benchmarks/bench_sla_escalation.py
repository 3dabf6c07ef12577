"""Escalation: the SLA cron on tickets that became due, and the cost of its
searches when many open tickets were escalated already (it must not grow
with them)."""

from datetime import timedelta

from common import (
    Intake,
    Stopwatch,
    commit_work,
    copy_row,
    idle_runs,
    request,
    transaction,
    vacuum,
)

from odoo import fields
from odoo.tools import SQL

# A cron call with nothing to do takes about a millisecond: timed in series.
IDLE_RUNS = 10


def due_tickets(env, intake, count):
    """``count`` open tickets whose response deadline passed since the cron
    last looked at them: their stored status still says on track, due for a
    check a minute ago."""
    now = fields.Datetime.now()
    tickets = env["helpdesk.ticket"].create(
        intake.values(count, sla_start_date=now - timedelta(days=30))
    )
    commit_work(env)
    env.cr.execute(
        SQL(
            "UPDATE helpdesk_ticket SET sla_status = 'on_track', "
            "sla_next_check = %s, sla_escalation = NULL, "
            "sla_escalation_pending = NULL WHERE id IN %s",
            now - timedelta(minutes=1),
            tuple(tickets.ids),
        )
    )
    env.invalidate_all()
    return tickets


def escalate_due(env, intake, count):
    """One call of the SLA cron on ``count`` due tickets, with the work its
    commit does; how many it escalated."""
    stopwatch = Stopwatch(env.cr)
    with request(env):
        tickets = due_tickets(env, intake, count)
        with stopwatch.timing():
            env["helpdesk.ticket"]._cron_sla_update()
            commit_work(env)
        escalated = len(tickets.filtered("sla_escalation"))
    return stopwatch, escalated


def idle_cron(env, runs):
    """``runs`` calls of the cron with nothing to do."""
    return idle_runs(env, lambda env: env["helpdesk.ticket"]._cron_sla_update(), runs)


def add_escalated_open_tickets(env, intake, count):
    """``count`` open tickets breached and escalated already: copies, in
    SQL to keep the run short, of one ticket the cron escalated."""
    source = due_tickets(env, intake, 1)
    env["helpdesk.ticket"]._cron_sla_update()
    copy_row(env, "helpdesk_ticket", source.id, count)


def search_plans(env):
    """How PostgreSQL runs the cron's two searches (due, pending)."""
    model = env["helpdesk.ticket"]
    domains = {
        "due": [("sla_next_check", "<=", fields.Datetime.now())],
        "pending": [("sla_escalation_pending", "!=", False)],
    }
    plans = {}
    for name, domain in domains.items():
        env.cr.execute(SQL("EXPLAIN %s", model._search(domain, limit=200).select()))
        scans = [row[0].strip(" ->") for row in env.cr.fetchall() if "Scan" in row[0]]
        plans[name] = "; ".join(scans)
    return plans


def measure_escalation(env, intake, args, table):
    result = table.result(
        "SLA cron escalating due tickets", "suite", "ticket", args.escalate
    )
    for _repeat in range(args.repeats):
        stopwatch, escalated = escalate_due(env, intake, args.escalate)
        result.add(stopwatch)
    table.note(
        f"SLA cron: {escalated}/{args.escalate} due tickets escalated in one run "
        f"(an activity and a note each)"
    )


def idle_cron_with(env, count, notes):
    """The cron with nothing to do, ``count`` escalated open tickets around,
    in a transaction of its own started after a vacuum: the searches do not
    step over the rows other measures rolled back."""
    vacuum(env, "helpdesk_ticket")
    with transaction(env):
        if count:
            add_escalated_open_tickets(env, Intake.create(env), count)
        env.cr.execute("ANALYZE helpdesk_ticket")
        idle_cron(env, 1)
        stopwatch = idle_cron(env, IDLE_RUNS)
        notes[count] = search_plans(env)
    return stopwatch


def measure_idle_cron(env, args, table):
    """Without and with many escalated open tickets, in turns."""
    many = args.escalated
    idle = {}
    for count in (0, many):
        label = f"SLA cron, nothing due, {count} escalated open"
        idle[count] = table.result(label, "suite", "run", IDLE_RUNS)
    table.ratio(f"{many} / 0 escalated open", idle[many], idle[0])
    plans = {}
    for repeat in range(args.repeats):
        for count in (0, many) if repeat % 2 == 0 else (many, 0):
            idle[count].add(idle_cron_with(env, count, plans))
    for count, searches in plans.items():
        for name, plan in searches.items():
            table.note(f"cron search '{name}', {count} escalated open: {plan}")


def run(env, args, table):
    table.section("escalation: the SLA cron")
    with transaction(env):
        measure_escalation(env, Intake.create(env), args, table)
    measure_idle_cron(env, args, table)
