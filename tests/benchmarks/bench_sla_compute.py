"""The real compute path against the bare planner, per ticket.

Existing tickets of every priority (targets in hours and in business days),
with clocks started over two months and some paused, have their deadlines
planned again: through the module's forced re-planning (what a new public
holiday or a policy change does: the compute, the statuses that follow and
the writes), through ``_compute_sla_deadlines`` alone, and through the bare
planner with the same starts, targets and pauses.
"""

import random
from collections import defaultdict
from datetime import datetime, timedelta

from common import Intake, Stopwatch, commit_work, request, transaction

LEVELS = ("low", "medium", "high")
PAUSES = (0, 0, 0, 0.5, 3)
DEADLINE_FIELDS = (
    "sla_response_deadline",
    "sla_resolution_deadline",
    "sla_deadline",
    "sla_at_risk_date",
)


def existing_tickets(env, intake, count, seed=7):
    rng = random.Random(seed)
    first = datetime(2026, 10, 1)
    values = intake.values(count)
    for vals in values:
        vals.update(
            impact=rng.choice(LEVELS),
            urgency=rng.choice(LEVELS),
            sla_start_date=first + timedelta(minutes=rng.randrange(60 * 24 * 60)),
            sla_paused_hours=rng.choice(PAUSES),
        )
    tickets = env["helpdesk.ticket"].create(values)
    commit_work(env)
    return tickets


def replan(env, tickets):
    """The module's forced re-planning, written like a commit would."""
    stopwatch = Stopwatch(env.cr)
    with request(env), stopwatch.timing():
        tickets._recompute_sla_deadlines()
        commit_work(env)
    return stopwatch


def compute_only(env, tickets):
    """``_compute_sla_deadlines`` called the way the ORM calls it, values
    left in the cache."""
    stopwatch = Stopwatch(env.cr)
    fields = [tickets._fields[name] for name in DEADLINE_FIELDS]
    with request(env), stopwatch.timing(), env.protecting(fields, tickets):
        tickets._compute_sla_deadlines()
    return stopwatch


def planner_inputs(tickets):
    """What the compute reads of each ticket, read beforehand: (key, start,
    response target, resolution target, pauses, at-risk threshold)."""
    inputs = []
    for ticket in tickets:
        line = ticket._sla_policy_line()
        paused = timedelta(hours=ticket.sla_paused_hours)
        inputs.append(
            (
                ticket._sla_key(),
                ticket.sla_start_date,
                line._target("response"),
                line._target("resolution"),
                paused,
                ticket.sla_policy_id.at_risk_threshold / 100.0,
            )
        )
    return inputs


def bare_planner(env, inputs):
    """The same three plans per ticket as the compute, without the ORM."""
    stopwatch = Stopwatch(env.cr)
    with stopwatch.timing():
        planner = env["helpdesk.ticket"]._sla_planner()
        starts = defaultdict(list)
        for key, start, *_targets in inputs:
            starts[key].append(start)
        for key, key_starts in starts.items():
            planner.prepare(key, key_starts)
        for key, start, response, resolution, paused, threshold in inputs:
            # Before the first response the response deadline is the current one.
            deadline = planner.deadline(key, start, response, paused)
            planner.deadline(key, start, resolution, paused)
            planner.at_risk(key, start, deadline, paused, threshold)
    return stopwatch


def run(env, args, table):
    table.section("SLA compute path vs bare planner, same tickets")
    count = args.tickets
    with transaction(env):
        tickets = existing_tickets(env, Intake.create(env), count)
        inputs = planner_inputs(tickets)
        full = table.result(
            "re-plan: recompute forced + flush", "suite", "ticket", count
        )
        compute = table.result("_compute_sla_deadlines only", "suite", "ticket", count)
        planner = table.result("bare planner, same 3 plans", "suite", "ticket", count)
        table.ratio("re-plan / bare planner", full, planner)
        table.ratio("compute only / bare planner", compute, planner)
        for _repeat in range(args.repeats):
            full.add(replan(env, tickets))
            compute.add(compute_only(env, tickets))
            planner.add(bare_planner(env, inputs))
