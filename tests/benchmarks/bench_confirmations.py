"""The confirmation cron: queries per ticket with 10, 100 and 1,000
tickets queued, each queue sent by one run (``batch_size`` as large as the
queue): the cost per ticket must not grow with the size of a run.

Goal: at most 5 queries per ticket, and flat from the smallest queue to
the largest (queries per ticket within 10 %).
"""

from common import Goal, Intake, Stopwatch, commit_work, request, transaction

PER_TICKET_GOAL = Goal(5, on=("queries",), unit=" q/unit")
FLAT_GOAL = Goal(1.10, on=("queries",))


def send_confirmations(env, intake, count, stopwatch):
    """The cron run that sends the confirmations of ``count`` new tickets;
    how many confirmations it posted."""
    tickets = env["helpdesk.ticket"]
    with request(env):
        queued = tickets.search([("confirmation_queued_at", "!=", False)])
        queued.confirmation_queued_at = False
        new = tickets.create(intake.values(count))
        commit_work(env)
        env.flush_all()
        env.cr.clear()
        with stopwatch.timing():
            tickets._cron_send_confirmations(batch_size=count)
            commit_work(env)
        return env["mail.message"].search_count(
            [
                ("model", "=", "helpdesk.ticket"),
                ("res_id", "in", new.ids),
                ("author_id", "=", env.company.partner_id.id),
            ]
        )


def run(env, args, table):
    table.section("4. confirmation cron: one run per queue, suite")
    sizes = args.confirmations
    with transaction(env):
        intake = Intake.create(env)
        send_confirmations(env, intake, 5, Stopwatch(env.cr))
        results = {}
        for size in sizes:
            results[size] = table.result(
                f"confirmations, {size} queued",
                "suite",
                "ticket",
                size,
                PER_TICKET_GOAL,
            )
        table.ratio(
            f"{sizes[-1]} / {sizes[0]} queued",
            results[sizes[-1]],
            results[sizes[0]],
            FLAT_GOAL,
        )
        posted = {}
        for _repeat in range(args.cron_repeats):
            for size in sizes:
                stopwatch = Stopwatch(env.cr)
                posted[size] = send_confirmations(env, intake, size, stopwatch)
                results[size].add(stopwatch)
    table.note(
        "confirmations posted per run: "
        + ", ".join(f"{n}/{size}" for size, n in posted.items())
    )
