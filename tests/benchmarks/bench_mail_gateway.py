"""An email through the mail gateway: ``mail.thread.message_process`` with
a raw RFC822 message of a known client, with two attachments, creating a
ticket of the team in each database, one message per request, the
databases taking turns.

Goal: at most 1.2 times bare helpdesk_mgmt, queries and time. With the
dependencies' database (see bench_ticket_create), the emails go there too.
"""

import itertools
from email.message import EmailMessage

from bench_ticket_create import add_ratios, in_turns
from clients import create_clients
from common import Goal, Intake, Stopwatch, commit_work, request, transactions

GOAL = Goal(1.2)
WARM_UP = 3
_sequence = itertools.count()


def raw_email(contact, subject):
    """An email from ``contact`` to the support address, with a PDF and a
    log attached; its Message-Id is new, so that the gateway does
    not take it for a message it has seen."""
    message = EmailMessage()
    message["From"] = f"{contact.name} <{contact.email}>"
    message["To"] = "soporte@helpdesk.example.com"
    message["Subject"] = subject
    message["Message-Id"] = f"<bench-{next(_sequence)}-{id(message)}@example.com>"
    message.set_content(
        "Buenos días,\n\nEl sistema rechaza todas las facturas desde esta "
        "mañana con el error 503.\n\nGracias."
    )
    message.add_attachment(
        b"%PDF-1.4 " + b"0" * 20_000,
        maintype="application",
        subtype="pdf",
        filename="factura.pdf",
    )
    message.add_attachment(
        "ERROR 503 Service Unavailable\n" * 1_000, filename="registro.txt"
    )
    return message.as_bytes()


def receive(env, intake, contact, stopwatch):
    """One incoming email, in a request of its own."""
    raw = raw_email(contact, "No podemos emitir facturas electrónicas")
    with request(env), stopwatch.timing():
        thread_id = env["mail.thread"].message_process(
            "helpdesk.ticket", raw, custom_values={"team_id": intake.team.id}
        )
        commit_work(env)
    return thread_id


def run(envs, args, table):
    """``envs``: ``bare`` and ``suite``, and ``deps`` when it is measured."""
    table.section("2. an email through the mail gateway, two attachments")
    with transactions(envs):
        intakes = {name: Intake.create(env) for name, env in envs.items()}
        contacts = {name: create_clients(env)["neither"] for name, env in envs.items()}
        results = {
            name: table.result("email, client neither", name, "email", args.emails)
            for name in envs
        }
        add_ratios(table, "email", results, GOAL)
        for _index in range(WARM_UP):
            for name, env in envs.items():
                receive(env, intakes[name], contacts[name], Stopwatch(env.cr))
        for repeat in range(args.repeats):
            stopwatches = {name: Stopwatch(env.cr) for name, env in envs.items()}
            for index in range(args.emails):
                for name in in_turns(envs, index + repeat):
                    receive(
                        envs[name], intakes[name], contacts[name], stopwatches[name]
                    )
            for name, stopwatch in stopwatches.items():
                results[name].add(stopwatch)
