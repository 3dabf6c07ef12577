"""Ticket creation: the whole suite against bare helpdesk_mgmt.

The same portal tickets are created in each database for three clients
(one with a wallet holding tickets, one with an active plan with quota
left, one with neither; bare helpdesk_mgmt knows neither wallets nor plans),
one per request (the portal form, an incoming email: a create, then the
flush and the tracking of the commit) and in batches (an import, a
script). The databases take turns ticket by ticket and batch by batch,
each going first every other time, so that a busy machine slows both
alike.

With a third database holding the suite's dependencies alone (the OCA and
Odoo modules the four modules depend on, none of the four), the same
tickets are created there too: what the dependencies cost by themselves
against bare helpdesk_mgmt (beside the goal of suite / bare, for
reference: it is not counted among the goals), and what the four modules
add to them.

The client's confirmation is not part of the creation: it is queued and
sent by a cron, measured apart (bench_confirmations).
"""

from clients import KINDS, create_clients
from common import Goal, Intake, Stopwatch, commit_work, request, transactions

WARM_UP = 5
SINGLE_GOAL = Goal(1.10)
BATCH_GOAL = Goal(1.05)


def create(env, values, stopwatch):
    """One request creating the tickets of ``values`` in one call; the
    savepoint standing for the commit is not timed."""
    with request(env), stopwatch.timing():
        env["helpdesk.ticket"].create(values)
        commit_work(env)


def in_turns(envs, index):
    """The databases in the order they go on turn ``index``."""
    names = sorted(envs)
    return names if index % 2 == 0 else names[::-1]


def one_per_request(envs, intakes, customers, count):
    """``count`` requests per database that each create one ticket of the
    database's ``customers``."""
    stopwatches = {name: Stopwatch(env.cr) for name, env in envs.items()}
    values = {
        name: intake.values(count, customers[name]) for name, intake in intakes.items()
    }
    for index in range(count):
        for name in in_turns(envs, index):
            create(envs[name], [values[name][index]], stopwatches[name])
    return stopwatches


def in_one_call(envs, intakes, customers, count, turn):
    """One request per database that creates ``count`` tickets at once."""
    stopwatches = {name: Stopwatch(env.cr) for name, env in envs.items()}
    for name in in_turns(envs, turn):
        values = intakes[name].values(count, customers[name])
        create(envs[name], values, stopwatches[name])
    return stopwatches


def add_results(table, kind, args, envs):
    """The rows of one client: singles and batches in each database, with
    their ratios and goals."""
    singles = {
        name: table.result(
            f"create 1/request, client {kind}", name, "ticket", args.singles
        )
        for name in envs
    }
    add_ratios(table, f"1/request, {kind}", singles, SINGLE_GOAL)
    batches = {
        name: table.result(
            f"create {args.batch}/call, client {kind}", name, "ticket", args.batch
        )
        for name in envs
    }
    add_ratios(table, f"{args.batch}/call, {kind}", batches, BATCH_GOAL)
    return singles, batches


def add_ratios(table, label, results, goal):
    """suite / bare beside its goal; with the dependencies' database, how
    that ratio splits: dependencies / bare, beside the same goal for
    reference (not counted), and suite / dependencies."""
    table.ratio(f"suite / bare, {label}", results["suite"], results["bare"], goal)
    if "deps" in results:
        table.ratio(
            f"deps / bare, {label}",
            results["deps"],
            results["bare"],
            goal,
            counted=False,
        )
        table.ratio(f"suite / deps, {label}", results["suite"], results["deps"])


def measure_client(envs, intakes, customers, args, results):
    """The repeats of one client, singles and batches."""
    singles, batches = results
    for repeat in range(args.repeats):
        for name, stopwatch in one_per_request(
            envs, intakes, customers, args.singles
        ).items():
            singles[name].add(stopwatch)
        for name, stopwatch in in_one_call(
            envs, intakes, customers, args.batch, repeat
        ).items():
            batches[name].add(stopwatch)


def run(envs, args, table):
    """``envs``: ``bare`` and ``suite``, and ``deps`` when it is measured."""
    with transactions(envs):
        intakes = {name: Intake.create(env) for name, env in envs.items()}
        clients = {name: create_clients(env) for name, env in envs.items()}
        table.section(
            "1. ticket creation, three clients: all four modules vs bare helpdesk_mgmt"
        )
        for kind in KINDS:
            customers = {name: clients[name][kind] for name in envs}
            # A worker that served requests before: registry caches filled.
            one_per_request(envs, intakes, customers, WARM_UP)
            in_one_call(envs, intakes, customers, WARM_UP, 0)
            results = add_results(table, kind, args, envs)
            measure_client(envs, intakes, customers, args, results)
        _note_coverage(envs["suite"], intakes["suite"], clients["suite"], table)


def _note_coverage(env, intake, clients, table):
    """What covers a ticket of each client in the suite: the wallet, the
    plan, or neither, as the row labels say."""
    sources = []
    for kind, contact in clients.items():
        with request(env):
            ticket = env["helpdesk.ticket"].create(intake.values(1, contact))
            commit_work(env)
            sources.append(f"{kind}: {ticket.entitlement_source}")
    table.note("creation, what covers a ticket of each client: " + ", ".join(sources))
