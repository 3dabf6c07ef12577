"""What must not grow with the number of open tickets: the crons with
nothing due, and a client's /my/tickets.

One transaction, after a VACUUM of the ticket table, fills it step by step
with copies of one open ticket of another client (waiting on that client
since now: nothing due, the worst case for a cron that would scan open
tickets), analyzes it at each step, and measures at each size asked for:

- the crons with nothing due (autoclose, SLA escalation, plan renewal and
  card charge, confirmations), at the ``--idle`` sizes (20,000 and 100,000
  open tickets): a run must cost the same at both;
- what /my/tickets runs as a portal user with 20 tickets, at the
  ``--portal`` sizes (10,000 and 200,000 tickets of other clients): the
  pager's search_count and the page's search (order of the default sort,
  the portal's page size), with the record rule of the portal user. The
  row is the SQL time of both searches (the queries' time as Odoo's
  cursor measures it, ORM excluded); the notes give what PostgreSQL says
  of the two main queries (EXPLAIN ANALYZE: execution time and scans);
- a new ticket of a client of its own, one per request, at the same
  sizes: what a ticket costs must not grow with the tickets of others
  (the search for a probable duplicate among the client's tickets).

A cron run with nothing due and a page's searches take a millisecond or
two: each one is a trial of its own (``IDLE_RUNS`` and ``PORTAL_RUNS``
times the repeats), so that the minimum is a run the machine's other work
did not disturb. An average of ten or twenty runs took their noise in,
and moved the ratio by a third between runs of the same code. The notes
give the pages of tables and indexes a run reads (EXPLAIN BUFFERS), which
no other work on the machine moves: the same pages at both sizes is the
same work.
"""

from functools import partial

from bench_crons import analyze, waiting_ticket
from bench_ticket_create import create
from common import (
    Goal,
    Intake,
    Stopwatch,
    copy_row,
    idle_runs,
    pages_read,
    transaction,
    vacuum,
)

from odoo import fields
from odoo.tools import SQL

from odoo.addons.portal.controllers.portal import CustomerPortal

SAME_GOAL = Goal(1.2)
# Trials of one run each, this many per repeat (measures of a millisecond).
IDLE_RUNS = 10
PORTAL_RUNS = 20
CREATE_RUNS = 20
CLIENT_TICKETS = 20
# helpdesk_mgmt's default sort of /my/tickets ("date").
PORTAL_ORDER = "create_date desc"

IDLE_CRONS = {
    "autoclose": lambda env: env["helpdesk.ticket"]._cron_autoclose(),
    "SLA escalation": lambda env: env["helpdesk.ticket"]._cron_sla_update(),
    "plan renewal + card charge": lambda env: env[
        "helpdesk.plan.subscription"
    ]._cron_renew(auto_commit=False),
    "confirmations": lambda env: env["helpdesk.ticket"]._cron_send_confirmations(),
}


def portal_user(env, intake):
    """A portal user whose company has ``CLIENT_TICKETS`` tickets."""
    company = env["res.partner"].create({"name": "Cliente con 20", "is_company": True})
    user = (
        env["res.users"]
        .with_context(no_reset_password=True)
        .create(
            {
                "name": "Contacto con 20",
                "login": "bench.list@example.com",
                "parent_id": company.id,
                "groups_id": [(6, 0, env.ref("base.group_portal").ids)],
            }
        )
    )
    env["helpdesk.ticket"].create(
        intake.values(CLIENT_TICKETS, user.partner_id, confirmation_queued_at=False)
    )
    env.flush_all()
    return user


def portal_list(env, user, stopwatch):
    """The two searches of /my/tickets, as ``user``, with an empty cache."""
    tickets = env["helpdesk.ticket"].with_user(user)
    env.cr.clear()
    with stopwatch.timing():
        count = tickets.search_count([])
        tickets.search([], order=PORTAL_ORDER, limit=CustomerPortal._items_per_page)
    return count


def portal_plans(env, user):
    """EXPLAIN ANALYZE of the two queries: execution times and scans."""
    tickets = env["helpdesk.ticket"].with_user(user)
    queries = {
        "count": tickets._search([]).select(SQL("count(1)")),
        "page": tickets._search(
            [], order=PORTAL_ORDER, limit=CustomerPortal._items_per_page
        ).select(),
    }
    plans = []
    for name, query in queries.items():
        env.cr.execute(SQL("EXPLAIN ANALYZE %s", query))
        lines = [row[0] for row in env.cr.fetchall()]
        scans = [line.strip(" ->").split("  ")[0] for line in lines if "Scan" in line]
        total = next((line for line in lines if "Execution Time" in line), "")
        plans.append(f"{name}: {total.strip()}; {'; '.join(scans)}")
    return " | ".join(plans)


def fill(env, source, size):
    """Copies of ``source`` up to ``size`` active tickets in the table."""
    env.cr.execute("SELECT count(*) FROM helpdesk_ticket WHERE active")
    missing = size - env.cr.fetchone()[0]
    if missing > 0:
        copy_row(env, "helpdesk_ticket", source.id, missing)
    analyze(env, "helpdesk_ticket")


def add_rows(table, args):
    """The rows, in the order they are printed."""
    rows = {}
    small, large = args.idle
    for name in IDLE_CRONS:
        for size in args.idle:
            rows[name, size] = table.result(
                f"{name}, nothing due, {size} open", "suite", "run", 1
            )
        table.ratio(
            f"{name}, {large} / {small} open",
            rows[name, large],
            rows[name, small],
            SAME_GOAL,
        )
    table.section(
        "6. portal /my/tickets, client with 20 tickets (search_count + search)"
    )
    few, many = args.portal
    for size in args.portal:
        rows["portal", size] = table.result(
            f"/my/tickets SQL, {size} other tickets", "suite", "page", 1
        )
    table.ratio(
        f"/my/tickets, {many} / {few} other tickets",
        rows["portal", many],
        rows["portal", few],
        SAME_GOAL,
    )
    table.section("7. a new ticket among many tickets of other clients")
    for size in args.portal:
        rows["create", size] = table.result(
            f"create 1/request, {size} other tickets", "suite", "ticket", CREATE_RUNS
        )
    table.ratio(
        f"create, {many} / {few} other tickets",
        rows["create", many],
        rows["create", few],
        SAME_GOAL,
    )
    return rows


def new_tickets(env, intake, client):
    """``CREATE_RUNS`` tickets of ``client``, one per request, each rolled
    back: the table keeps its size."""
    stopwatch = Stopwatch(env.cr)
    for values in intake.values(CREATE_RUNS, client):
        create(env, [values], stopwatch)
    return stopwatch


def measure_size(env, size, args, clients, rows, table):
    """The measures at ``size`` tickets; ``clients`` holds the intake, the
    portal user with 20 tickets and a client with none."""
    intake, user, newcomer = clients
    if size in args.idle:
        pages = []
        for name, cron in IDLE_CRONS.items():
            idle_runs(env, cron, 1)
            for _run in range(args.repeats * IDLE_RUNS):
                rows[name, size].add(idle_runs(env, cron, 1))
            run_once = partial(idle_runs, env, cron, 1)
            pages.append(f"{name} {pages_read(env, run_once)}")
        table.note(
            f"crons with nothing due, {size} open: pages a run reads "
            f"(EXPLAIN BUFFERS): {'; '.join(pages)}"
        )
    if size in args.portal:
        counted = set()
        for _run in range(args.repeats * PORTAL_RUNS):
            stopwatch = Stopwatch(env.cr, sql_only=True)
            counted.add(portal_list(env, user, stopwatch))
            rows["portal", size].add(stopwatch)
        new_tickets(env, intake, newcomer)
        for _repeat in range(args.repeats):
            rows["create", size].add(new_tickets(env, intake, newcomer))
        pages = pages_read(env, partial(portal_list, env, user, Stopwatch(env.cr)))
        table.note(
            f"/my/tickets, {size} other tickets: the client sees "
            f"{'/'.join(map(str, sorted(counted)))}; {pages} pages read; "
            f"{portal_plans(env, user)}"
        )


def run(env, args, table):
    table.section("5. crons with nothing due: cost of a run with many open tickets")
    rows = add_rows(table, args)
    vacuum(env, "helpdesk_ticket")
    with transaction(env):
        intake = Intake.create(env)
        newcomer = env["res.partner"].create(
            {"name": "Cliente nuevo S.A.", "email": "ti@nuevo.example.com"}
        )
        clients = (intake, portal_user(env, intake), newcomer)
        # Nothing due: the source is not waiting for its confirmation, and
        # its waiting clock and SLA check lie ahead.
        source = waiting_ticket(env, fields.Datetime.now(), "En espera")
        for size in sorted({*args.idle, *args.portal}):
            fill(env, source, size)
            measure_size(env, size, args, clients, rows, table)
