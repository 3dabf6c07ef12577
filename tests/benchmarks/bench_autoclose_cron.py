"""Cost of one autoclose cron batch with 20,000 and 100,000 open tickets.

The same 100 tickets are due in both runs (waiting on the client for a
month); every other ticket waits too, but is not due yet, which is the worst
case for a cron that would scan open tickets. The cron should cost the same
in both runs: it searches the due dates through their partial indexes.
Prints the time and the number of SQL queries of one batch for both sizes
side by side, the time of the due-ticket searches alone (the only part that
could grow with the table; the rest is posting 100 messages, and its time
varies with the machine's load), and the plan of the due-ticket query.

Usage: python tests/benchmarks/bench_autoclose_cron.py -c odoo.conf -d DB
(the database must have helpdesk_autoclose installed; nothing is written to
it: the transaction is rolled back).
"""

import argparse
import statistics
import time
from datetime import timedelta

from common import copy_row

import odoo
from odoo import SUPERUSER_ID, api, fields
from odoo.tools import SQL

DUE = 100
SIZES = (20_000, 100_000)
RUNS = 3


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--due", type=int, default=DUE)
    parser.add_argument("--runs", type=int, default=RUNS)
    return parser.parse_args()


def waiting_tickets(env, count, waiting_since, name):
    awaiting = env.ref("helpdesk_mgmt.helpdesk_ticket_stage_awaiting")
    partner = env["res.partner"].create({"name": name, "email": "bench@example.com"})
    tickets = env["helpdesk.ticket"].create(
        [
            {
                "name": f"{name} {index}",
                "description": "<p>Esperando al cliente.</p>",
                "partner_id": partner.id,
                "stage_id": awaiting.id,
            }
            for index in range(count)
        ]
    )
    tickets.write({"autoclose_waiting_since": waiting_since})
    env.flush_all()
    return tickets


def copy_ticket(env, ticket, copies):
    """``copies`` rows identical to ``ticket`` but for the id: open tickets
    waiting on the client, not due, inserted without the ORM's cost."""
    copy_row(env, "helpdesk_ticket", ticket.id, copies)
    env.cr.execute("ANALYZE helpdesk_ticket")


def measure(env, runs):
    """Median time and queries of one cron batch, each run rolled back."""
    times, queries = [], []
    for _run in range(runs):
        env.cr.execute("SAVEPOINT bench_run")
        env.invalidate_all()
        before = env.cr.sql_log_count
        started = time.perf_counter()
        env["helpdesk.ticket"]._cron_autoclose(batch_size=DUE)
        env.flush_all()
        times.append(time.perf_counter() - started)
        queries.append(env.cr.sql_log_count - before)
        env.cr.execute("ROLLBACK TO SAVEPOINT bench_run")
        env.invalidate_all()
    return statistics.median(times), statistics.median(queries)


def measure_search(env, runs=20):
    """Median time of the due-ticket searches alone (the three locks of a
    batch), the only part of the cron that could depend on the table size."""
    tickets = env["helpdesk.ticket"]
    now = fields.Datetime.now()
    times = []
    for _run in range(runs):
        env.cr.execute("SAVEPOINT bench_search")
        started = time.perf_counter()
        for field_name in (
            "autoclose_reminder_due",
            "autoclose_priority_drop_due",
            "autoclose_close_due",
        ):
            tickets._autoclose_lock_due(field_name, now, DUE)
        times.append(time.perf_counter() - started)
        env.cr.execute("ROLLBACK TO SAVEPOINT bench_search")
    return statistics.median(times)


def due_plan(env):
    env.cr.execute(
        SQL(
            "EXPLAIN SELECT id FROM helpdesk_ticket WHERE autoclose_reminder_due "
            "<= %s AND active ORDER BY autoclose_reminder_due, id LIMIT %s",
            fields.Datetime.now(),
            DUE,
        )
    )
    return "\n".join("    " + row[0] for row in env.cr.fetchall())


def main():
    args = parse_args()
    odoo.tools.config.parse_config(["-c", args.config, "-d", args.database])
    registry = odoo.modules.registry.Registry(args.database)
    results = []
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        now = fields.Datetime.now()
        due = waiting_tickets(env, args.due, now - timedelta(days=30), "Vencido")
        filler = waiting_tickets(env, 1, now, "En espera")
        env.cr.execute("SELECT count(*) FROM helpdesk_ticket WHERE active")
        existing = env.cr.fetchone()[0]
        for size in SIZES:
            copy_ticket(env, filler, size - existing)
            existing = size
            seconds, queries = measure(env, args.runs)
            results.append((size, seconds, queries, measure_search(env)))
        plan = due_plan(env)
        if any(
            env["helpdesk.ticket"].browse(due.ids).mapped("autoclose_reminded_since")
        ):
            raise AssertionError("the runs were not rolled back")
        cr.rollback()
    print(f"one cron batch, {args.due} tickets due, median of {args.runs} runs")
    print(f"{'open tickets':>14} {'time (ms)':>10} {'queries':>8} {'search (ms)':>12}")
    for size, seconds, queries, search in results:
        print(
            f"{size:>14,} {seconds * 1000:>10.0f} {queries:>8} {search * 1000:>12.2f}"
        )
    (_s1, t1, q1, f1), (_s2, t2, q2, f2) = results
    print(
        f"100k / 20k: time x{t2 / t1:.2f}, queries x{q2 / q1:.2f}, "
        f"search x{f2 / f1:.2f}"
    )
    print("plan of the due-ticket search:")
    print(plan)


if __name__ == "__main__":
    main()
