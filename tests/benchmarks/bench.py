"""make bench: the suite's foundation measured against bare helpdesk_mgmt.

Opens a database with only helpdesk_mgmt and one with the foundation (both
without demo data; run.sh creates them) in one process and prints, with
the minimum and the median of the repeats:

1. ticket creation, one per request and in batches, in both databases,
   with the ratios suite / bare;
2. the business-time engine against resource.calendar's plan_hours on the
   same tickets (targets in hours and days, pauses, a DST time zone), with
   the number of deadlines on which they disagree;
3. the real compute path against the bare planner;
4. the SLA cron: escalating due tickets, and its searches with many open
   tickets escalated already.

Nothing is written to the databases: every transaction is rolled back.

Usage: python tests/benchmarks/bench.py -c odoo.conf --bare DB --suite DB
"""

import argparse
import os
import sys
import time

import bench_sla_compute
import bench_sla_deadlines
import bench_sla_escalation
import bench_ticket_create
from common import Table, open_environment

import odoo


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("--bare", required=True, help="database with helpdesk_mgmt")
    parser.add_argument("--suite", required=True, help="database with the suite")
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument(
        "--singles", type=int, default=50, help="tickets created one per request"
    )
    parser.add_argument(
        "--batch", type=int, default=100, help="tickets per create call"
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
    return parser.parse_args()


def progress(name):
    print(f"measuring {name} ...", file=sys.stderr, flush=True)


def main():
    args = parse_args()
    odoo.tools.config.parse_config(["-c", args.config, "--log-level=warn"])
    odoo.netsvc.init_logger()
    table = Table()
    load_before = os.getloadavg()[0]
    started = time.perf_counter()
    with open_environment(args.bare) as bare, open_environment(args.suite) as suite:
        progress("ticket creation")
        bench_ticket_create.run(bare, suite, args, table)
        progress("deadlines")
        bench_sla_deadlines.run(suite, args, table)
        progress("the compute path")
        bench_sla_compute.run(suite, args, table)
        progress("escalation")
        bench_sla_escalation.run(suite, args, table)
    print(table.render())
    print(
        f"{time.strftime('%Y-%m-%d %H:%M %Z')}: {args.repeats} repeats in "
        f"{time.perf_counter() - started:.0f} s on {os.cpu_count()} cores, load "
        f"average {load_before:.1f} before and {os.getloadavg()[0]:.1f} after; "
        f"databases {args.bare} and {args.suite}"
    )


if __name__ == "__main__":
    main()
