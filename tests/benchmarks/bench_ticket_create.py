"""Ticket creation: the suite's foundation against bare helpdesk_mgmt.

The same portal tickets are created in both databases, one per request
(the portal form, an incoming email: a create, then the flush and the
tracking of the commit) and in batches (an import, a script). The two
databases take turns ticket by ticket and batch by batch, each going first
every other time, so that a busy machine slows both alike.

The client's confirmation is not part of the creation: it is queued and
sent by a cron, measured apart, per ticket.
"""

from common import Intake, Stopwatch, commit_work, request, transaction

WARM_UP = 5


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


def one_per_request(envs, intakes, count):
    """``count`` requests per database that each create one ticket."""
    stopwatches = {name: Stopwatch(env.cr) for name, env in envs.items()}
    values = {name: intake.values(count) for name, intake in intakes.items()}
    for index in range(count):
        for name in in_turns(envs, index):
            create(envs[name], [values[name][index]], stopwatches[name])
    return stopwatches


def in_one_call(envs, intakes, count, turn):
    """One request per database that creates ``count`` tickets at once."""
    stopwatches = {name: Stopwatch(env.cr) for name, env in envs.items()}
    for name in in_turns(envs, turn):
        create(envs[name], intakes[name].values(count), stopwatches[name])
    return stopwatches


def send_confirmations(env, count, stopwatch):
    """The cron run that sends the confirmations of ``count`` new tickets."""
    tickets = env["helpdesk.ticket"]
    with request(env):
        queued = tickets.search([("confirmation_queued_at", "!=", False)])
        queued.confirmation_queued_at = False
        intake = Intake.create(env)
        tickets.create(intake.values(count))
        commit_work(env)
        env.flush_all()
        env.cr.clear()
        with stopwatch.timing():
            tickets._cron_send_confirmations(batch_size=count)
            commit_work(env)


def run(bare_env, suite_env, args, table):
    envs = {"bare": bare_env, "suite": suite_env}
    with transaction(bare_env), transaction(suite_env):
        intakes = {name: Intake.create(env) for name, env in envs.items()}
        # A worker that served requests before: registry caches filled.
        one_per_request(envs, intakes, WARM_UP)
        in_one_call(envs, intakes, WARM_UP, 0)
        table.section("ticket creation: suite foundation vs bare helpdesk_mgmt")
        single_label = "create, one ticket per request"
        singles = {
            name: table.result(single_label, name, "ticket", args.singles)
            for name in envs
        }
        table.ratio("suite / bare, one per request", singles["suite"], singles["bare"])
        batch_label = f"create, {args.batch} tickets per call"
        batches = {
            name: table.result(batch_label, name, "ticket", args.batch) for name in envs
        }
        table.ratio("suite / bare, in batches", batches["suite"], batches["bare"])
        for repeat in range(args.repeats):
            for name, stopwatch in one_per_request(envs, intakes, args.singles).items():
                singles[name].add(stopwatch)
            for name, stopwatch in in_one_call(
                envs, intakes, args.batch, repeat
            ).items():
                batches[name].add(stopwatch)
        confirmations = table.result(
            "confirmations sent by the cron", "suite", "ticket", args.batch
        )
        for _repeat in range(args.repeats):
            stopwatch = Stopwatch(suite_env.cr)
            send_confirmations(suite_env, args.batch, stopwatch)
            confirmations.add(stopwatch)
