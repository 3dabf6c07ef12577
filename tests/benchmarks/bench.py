"""make bench: the suite measured against bare helpdesk_mgmt, beside the
goals of issue 17.

Opens a database with only helpdesk_mgmt and one with the four suite
modules (both without demo data; run.sh creates them) in one process and
prints, with the minimum and the median of the repeats, each figure beside
its goal and whether it holds:

1. ticket creation for three clients (wallet, plan, neither), one per
   request and in batches, suite / bare; with ``--deps``, a database of
   the suite's dependencies alone, the same tickets there too, to show
   what the dependencies cost and what the four modules add to them;
2. the portal form over HTTP (one Odoo server for all the databases) and an
   email through the mail gateway, suite / bare (both in ``--deps`` too);
3. (no goal) the business-time engine against resource.calendar's
   plan_hours, the real compute path, the SLA cron's own details;
4. the confirmation cron with 10, 100 and 1,000 tickets queued;
5. the crons (autoclose, SLA escalation, plan renewal, card charge) with
   few and many records due, and with nothing due among many open tickets;
6. the portal's /my/tickets of a client with 20 tickets among few and
   many tickets of other clients;
7. a new ticket among few and many tickets of other clients;
8. a wallet client's ticket with a long ledger against a new wallet's;

and the machine's load average before and after. Nothing is written to
the databases but what the HTTP requests commit (deleted at the end) and
the portal user they log in as: every other transaction is rolled back.

Usage: python tests/benchmarks/bench.py -c odoo.conf --bare DB --suite DB
[--deps DB] [--quick] [--only create,http,...] [--repeats N ...]
"""

import argparse
import os
import sys
import time
from contextlib import ExitStack, contextmanager

import bench_client_history
import bench_confirmations
import bench_crons
import bench_mail_gateway
import bench_open_tickets
import bench_portal_http
import bench_sla_compute
import bench_sla_deadlines
import bench_sla_escalation
import bench_ticket_create
from common import Table, open_environment

import odoo

# Sizes that finish in a few minutes, to try a change (--quick).
QUICK = {
    "repeats": 2,
    "singles": 10,
    "emails": 4,
    "posts": 4,
    "confirmations": [10, 100, 300],
    "cron_repeats": 1,
    "due": [100, 1000],
    "idle": [2000, 10000],
    "portal": [1000, 20000],
    "deadlines": 50,
    "tickets": 50,
    "escalate": 50,
    "escalated": 500,
    "history": 1000,
}
PARTS = (
    "create",
    "mail",
    "http",
    "details",
    "confirmations",
    "crons",
    "open",
    "history",
)


def sizes(text):
    """'100,10000' -> [100, 10000]"""
    return [int(size) for size in text.split(",")]


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("--bare", required=True, help="database with helpdesk_mgmt")
    parser.add_argument("--suite", required=True, help="database with the suite")
    parser.add_argument(
        "--deps",
        help="database with the suite's dependencies alone (creation, email, "
        "portal form)",
    )
    parser.add_argument("--quick", action="store_true", help="small sizes")
    parser.add_argument(
        "--only",
        type=lambda text: text.split(","),
        default=list(PARTS),
        help=f"parts to run, of {','.join(PARTS)}",
    )
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument(
        "--cron-repeats",
        type=int,
        default=1,
        help="runs of the crons with records due (judged on their queries)",
    )
    parser.add_argument(
        "--singles", type=int, default=20, help="tickets created one per request"
    )
    parser.add_argument("--batch", type=int, default=100, help="tickets per call")
    parser.add_argument("--emails", type=int, default=8, help="emails per repeat")
    parser.add_argument("--posts", type=int, default=8, help="portal forms per repeat")
    parser.add_argument("--http-port", type=int, default=8291)
    parser.add_argument(
        "--confirmations", type=sizes, default=[10, 100, 1000], help="queued tickets"
    )
    parser.add_argument(
        "--due", type=sizes, default=[100, 10_000], help="records due for the crons"
    )
    parser.add_argument(
        "--idle",
        type=sizes,
        default=[20_000, 100_000],
        help="open tickets around the crons with nothing due",
    )
    parser.add_argument(
        "--portal",
        type=sizes,
        default=[10_000, 200_000],
        help="tickets of other clients around /my/tickets",
    )
    parser.add_argument(
        "--deadlines", type=int, default=300, help="tickets per calendar"
    )
    parser.add_argument("--tickets", type=int, default=500, help="tickets re-planned")
    parser.add_argument(
        "--escalate", type=int, default=100, help="due tickets escalated"
    )
    parser.add_argument(
        "--escalated", type=int, default=5000, help="escalated open tickets"
    )
    parser.add_argument(
        "--history",
        type=int,
        default=5000,
        help="tickets in the ledger of the long wallet",
    )
    if "--quick" in argv:
        parser.set_defaults(**QUICK)
    return parser.parse_args(argv)


@contextmanager
def part(name, table):
    """Say on stderr what is measured, and note how long it took."""
    print(f"measuring {name} ...", file=sys.stderr, flush=True)
    started = time.perf_counter()
    yield
    table.note(f"time taken by {name}: {time.perf_counter() - started:.0f} s")


def measure(args, table):
    """The parts asked for, in the order of the table."""
    parts = set(args.only)
    databases = _databases(args)
    # The dependencies' database serves creation, the email and the portal
    # form; the portal form is served by an HTTP server, not opened here.
    in_process = databases if parts & {"create", "mail"} else {"suite": args.suite}
    with ExitStack() as stack:
        envs = {
            name: stack.enter_context(open_environment(database))
            for name, database in in_process.items()
        }
        suite = envs["suite"]
        if "create" in parts:
            with part("ticket creation", table):
                bench_ticket_create.run(envs, args, table)
        if "mail" in parts:
            with part("the mail gateway", table):
                bench_mail_gateway.run(envs, args, table)
        if "http" in parts:
            with part("the portal form over HTTP", table):
                bench_portal_http.run(databases, args, table)
        if "details" in parts:
            with part("deadlines, the compute path, escalation", table):
                bench_sla_deadlines.run(suite, args, table)
                bench_sla_compute.run(suite, args, table)
                bench_sla_escalation.run(suite, args, table)
        if "confirmations" in parts:
            with part("the confirmation cron", table):
                bench_confirmations.run(suite, args, table)
        if "crons" in parts:
            with part("the crons with records due", table):
                bench_crons.run(suite, args, table)
        if "open" in parts:
            with part("many open tickets: idle crons, /my/tickets", table):
                bench_open_tickets.run(suite, args, table)
        if "history" in parts:
            with part("a wallet's long ledger", table):
                bench_client_history.run(suite, args, table)


def main():
    args = parse_args(sys.argv[1:])
    odoo.tools.config.parse_config(["-c", args.config, "--log-level=warn"])
    odoo.netsvc.init_logger()
    table = Table()
    load_before = os.getloadavg()
    started = time.perf_counter()
    measure(args, table)
    print(table.render())
    load_after = os.getloadavg()
    print(
        f"{time.strftime('%Y-%m-%d %H:%M %Z')}: {args.repeats} repeats "
        f"({args.cron_repeats} for the crons) in "
        f"{time.perf_counter() - started:.0f} s on {os.cpu_count()} cores; load "
        f"average (1/5/15 min) {_load(load_before)} before and {_load(load_after)} "
        f"after; databases {', '.join(_databases(args).values())}"
    )


def _databases(args):
    """``{"bare": name, "deps": name, "suite": name}``, without ``deps``
    when it is not measured, in the order of the table's rows."""
    databases = {"bare": args.bare, "deps": args.deps, "suite": args.suite}
    return {name: database for name, database in databases.items() if database}


def _load(load):
    return "/".join(f"{value:.1f}" for value in load)


if __name__ == "__main__":
    main()
