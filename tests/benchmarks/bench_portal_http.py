"""The portal form through HTTP: the real controllers, with two attachments,
in both databases (bare helpdesk_mgmt's own form against the suite's), and
in the database of the suite's dependencies alone when it is measured
(see bench_ticket_create).

One Odoo server serves every database on a port of its own, in prefork
mode with one HTTP worker and no cron; the database of a request is the
first label of its Host header (``--db-filter=^%d$``). A portal user of a
client with neither wallet nor plan logs in to each database, opens the
form and posts it with two files, the databases taking turns. The
server's access log gives each request's queries and its time (SQL and
the rest, as werkzeug logs them at level info), without the client's.

A request commits: the portal users are kept (reused by the next run),
and the tickets posted, with their attachments and messages, are deleted
at the end.

Goal: at most 1.2 times bare helpdesk_mgmt, queries and time.
"""

import os
import sys
import time

from bench_ticket_create import add_ratios
from common import Goal, Stopwatch

import odoo
from odoo import SUPERUSER_ID, api

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "loadtest"))
from odoo_server import OdooServer  # noqa: E402
from portal_client import PortalClient  # noqa: E402

GOAL = Goal(1.2)
WARM_UP = 3
LOGIN = "bench.portal@neither.example.com"
PASSWORD = "bench-portal-2026"
FILES = [
    ("factura.pdf", b"%PDF-1.4 " + b"0" * 20_000, "application/pdf"),
    ("registro.txt", b"ERROR 503 Service Unavailable\n" * 1_000, "text/plain"),
]
LOG_WAIT = 10


def ensure_portal_user(dbname):
    """The committed portal user of the benchmark in ``dbname``: the
    contact of a client company with neither wallet nor plan."""
    registry = odoo.modules.registry.Registry(dbname)
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        users = env["res.users"].with_context(active_test=False)
        if users.search_count([("login", "=", LOGIN)]):
            return
        company = env["res.partner"].create(
            {"name": "Cliente portal S.A.", "is_company": True}
        )
        users.with_context(no_reset_password=True).create(
            {
                "name": "Contacto portal",
                "login": LOGIN,
                "email": LOGIN,
                "password": PASSWORD,
                "parent_id": company.id,
                "groups_id": [(6, 0, env.ref("base.group_portal").ids)],
            }
        )


class BenchServer(OdooServer):
    """One prefork worker serving every database of the benchmark."""

    def __init__(self, args, databases):
        odoo_home = os.path.dirname(os.path.dirname(odoo.__file__))
        data_dir = odoo.tools.config["data_dir"]
        super().__init__(
            sys.executable,
            odoo_home,
            args.config,
            ",".join(databases),
            args.http_port,
            args.http_port + 1,
            workers=1,
            log_path=os.path.join(data_dir, "bench-http.log"),
            cron_workers=0,
            extra_args=("--db-filter=^%d$",),
        )


def portal_client(server, dbname):
    """A logged-in portal client of ``dbname`` with the form open."""
    client = PortalClient(server.url, LOGIN, PASSWORD)
    client.session.headers["Host"] = dbname
    outcome = client.login()
    if outcome.error:
        raise RuntimeError(f"portal login on {dbname}: {outcome.error}")
    client.open_form()
    return client


def post_form(server, client, index):
    """One form posted: (seconds, queries) of the server, and the ticket."""
    offset = server.log_size()
    outcome = client.submit(
        f"No podemos emitir facturas electrónicas ({index})",
        "El sistema rechaza todas las facturas desde esta mañana.",
        FILES,
    )
    if outcome.error:
        raise RuntimeError(f"portal form: {outcome.error}")
    deadline = time.monotonic() + LOG_WAIT
    while time.monotonic() < deadline:
        logged = [
            entry
            for entry in server.requests(offset)
            if entry.method == "POST" and entry.path == "/submitted/ticket"
        ]
        if logged:
            entry = logged[-1]
            return entry.query_time + entry.other_time, entry.queries, outcome.ticket_id
        time.sleep(0.05)
    raise RuntimeError(f"no access log line of the form; see {server.log_path}")


def delete_tickets(dbname, ticket_ids):
    """What the requests committed: the tickets, their attachments and
    messages."""
    registry = odoo.modules.registry.Registry(dbname)
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        tickets = env["helpdesk.ticket"].browse(ticket_ids).exists()
        env["ir.attachment"].search(
            [("res_model", "=", "helpdesk.ticket"), ("res_id", "in", tickets.ids)]
        ).unlink()
        tickets.unlink()


def measure(server, databases, args, results, posted):
    """Warm-up posts, then the repeats, the databases taking turns; the
    ids of every ticket posted go to ``posted``."""
    clients = {name: portal_client(server, db) for name, db in databases.items()}
    names = sorted(databases)
    for index in range(WARM_UP):
        for name in names:
            posted[name].append(post_form(server, clients[name], index)[2])
    for repeat in range(args.repeats):
        stopwatches = {name: Stopwatch() for name in databases}
        for index in range(args.posts):
            turn = names if (index + repeat) % 2 == 0 else names[::-1]
            for name in turn:
                seconds, queries, ticket_id = post_form(server, clients[name], index)
                stopwatches[name].add(seconds, queries)
                posted[name].append(ticket_id)
        for name, stopwatch in stopwatches.items():
            results[name].add(stopwatch)


def run(databases, args, table):
    """``databases``: {"bare": name, "suite": name}, and "deps" when it is
    measured."""
    table.section("2. portal form over HTTP, two attachments (server-side figures)")
    results = {
        name: table.result("portal form POST, client neither", name, "post", args.posts)
        for name in databases
    }
    add_ratios(table, "portal form", results, GOAL)
    for db in databases.values():
        ensure_portal_user(db)
    server = BenchServer(args, databases.values())
    posted = {name: [] for name in databases}
    try:
        server.start()
        measure(server, databases, args, results, posted)
    finally:
        server.stop()
        for name, ticket_ids in posted.items():
            delete_tickets(databases[name], ticket_ids)
    table.note(
        f"portal form: {sum(map(len, posted.values()))} tickets posted and "
        f"deleted again; server log {server.log_path}"
    )
