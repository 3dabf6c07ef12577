"""Deadlines per second: the business-time engine against plan_hours.

Plans the response deadline of 10,000 tickets spread over two months on the
shipped Monday to Friday 08:30-17:30 calendar (with two public holidays),
once through the engine (one schedule for the whole batch) and, on a sample,
through ``resource.calendar.plan_hours`` called per ticket, as Odoo would do
without the engine. Prints both rates and their ratio, and checks that both
give the same deadlines on the sample.

Usage: python tests/benchmarks/bench_sla_deadlines.py -c odoo.conf -d DB
(the database must have helpdesk_priority_matrix installed; nothing is
written to it: the transaction is rolled back).
"""

import argparse
import random
import time
from datetime import datetime, timedelta

import odoo
from odoo import SUPERUSER_ID, api

TICKETS = 10_000
PLAN_HOURS_SAMPLE = 500
TARGETS_HOURS = [0.5, 0.75, 1, 4, 8, 24]


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--tickets", type=int, default=TICKETS)
    parser.add_argument("--sample", type=int, default=PLAN_HOURS_SAMPLE)
    return parser.parse_args()


def make_tickets(count):
    rng = random.Random(42)
    base = datetime(2026, 11, 2)
    return [
        (
            base + timedelta(minutes=rng.randrange(0, 60 * 24 * 60)),
            timedelta(hours=rng.choice(TARGETS_HOURS)),
        )
        for _index in range(count)
    ]


def add_holidays(env, calendar):
    for day in (datetime(2026, 11, 3), datetime(2026, 12, 25)):
        env["resource.calendar.leaves"].create(
            {
                "name": "Feriado",
                "calendar_id": calendar.id,
                "date_from": day,
                "date_to": day + timedelta(days=1),
            }
        )


def engine_rate(env, calendar, tickets):
    policy = env["helpdesk.sla.policy"].new({"calendar_id": calendar.id})
    ticket = env["helpdesk.ticket"].new({"sla_policy_id": policy.id})
    started = time.perf_counter()
    planner = ticket._sla_planner()
    key = ticket._sla_key()
    planner.prepare(key, [start for start, _target in tickets])
    deadlines = [
        planner.deadline(key, start, ("hours", target)) for start, target in tickets
    ]
    elapsed = time.perf_counter() - started
    return len(tickets) / elapsed, deadlines


def plan_hours_rate(calendar, tickets):
    started = time.perf_counter()
    deadlines = [
        calendar.plan_hours(target.total_seconds() / 3600, start, compute_leaves=True)
        for start, target in tickets
    ]
    elapsed = time.perf_counter() - started
    return len(tickets) / elapsed, deadlines


def main():
    args = parse_args()
    odoo.tools.config.parse_config(["-c", args.config, "-d", args.database])
    registry = odoo.modules.registry.Registry(args.database)
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        calendar = env.ref("helpdesk_priority_matrix.calendar_mon_fri_0830_1730")
        calendar.tz = "America/Bogota"
        add_holidays(env, calendar)
        tickets = make_tickets(args.tickets)
        engine_per_s, engine_deadlines = engine_rate(env, calendar, tickets)
        sample = tickets[: args.sample]
        odoo_per_s, odoo_deadlines = plan_hours_rate(calendar, sample)
        mismatches = sum(
            abs(ours - theirs.replace(tzinfo=None)) > timedelta(seconds=1)
            for ours, theirs in zip(engine_deadlines, odoo_deadlines, strict=False)
        )
        cr.rollback()
    print(f"engine:     {engine_per_s:12,.0f} deadlines/s ({args.tickets} tickets)")
    print(f"plan_hours: {odoo_per_s:12,.0f} deadlines/s ({len(sample)} tickets)")
    print(f"ratio:      {engine_per_s / odoo_per_s:12,.0f} x")
    print(f"agreement:  {len(sample) - mismatches}/{len(sample)} identical deadlines")


if __name__ == "__main__":
    main()
