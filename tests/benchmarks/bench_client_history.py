"""What must not grow with a client's own history: the ticket of a wallet
client whose ledger already holds ``--history`` moves (5,000 by default)
against the ticket of a client whose wallet is new.

Each ticket claims its wallet under the wallet's row lock: it looks up
the credit it consumes, posts its move, and the balance and what is left
of the credit are summed again. None of that may read the whole ledger.
The long ledger is one real ticket's consumption copied in SQL (the
copies share its ticket); the balance and the credit's remainder are
summed again by the first claim that follows. Each measured ticket is
rolled back: the ledgers keep their length. One transaction, rolled back
at the end.
"""

from bench_crons import analyze
from bench_open_tickets import CREATE_RUNS, new_tickets
from clients import create_clients
from common import Goal, Intake, copy_row, transaction

SAME_GOAL = Goal(1.2)


def lengthen_ledger(env, intake, contact, moves):
    """``moves`` consumptions in ``contact``'s wallet: one through a
    ticket, the others copied from it."""
    ticket = env["helpdesk.ticket"].create(intake.values(1, contact))
    consumption = ticket.wallet_move_ids.filtered(lambda m: m.kind == "consumption")
    copy_row(env, "helpdesk_wallet_move", consumption.id, moves - 1)
    env.invalidate_all()
    analyze(env, "helpdesk_wallet_move")


def run(env, args, table):
    table.section("8. a wallet ticket: a long ledger against a new one")
    long = args.history
    labels = {0: "a new wallet", long: f"a wallet of {long} tickets"}
    rows = {
        size: table.result(f"create 1/request, {label}", "suite", "ticket", CREATE_RUNS)
        for size, label in labels.items()
    }
    table.ratio(
        f"create, {long} / 0 tickets in the ledger", rows[long], rows[0], SAME_GOAL
    )
    with transaction(env):
        intake = Intake.create(env)
        new = create_clients(env)["wallet"]
        old = create_clients(env)["wallet"]
        lengthen_ledger(env, intake, old, long)
        clients = {0: new, long: old}
        for client in clients.values():
            new_tickets(env, intake, client)
        for _repeat in range(args.repeats):
            for size, client in clients.items():
                rows[size].add(new_tickets(env, intake, client))
        ledgers = {
            size: env["helpdesk.wallet"]._for_partner(client).move_ids
            for size, client in clients.items()
        }
    table.note(
        "wallet ledgers measured: "
        + ", ".join(f"{len(moves)} moves" for moves in ledgers.values())
    )
