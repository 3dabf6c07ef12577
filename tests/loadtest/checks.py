"""After the run: one ticket per accepted submission and per email, none
half-saved. Each check is (name, passed, detail)."""

from collections import Counter

SLA_FIELDS = [
    "sla_policy_id",
    "priority_level_id",
    "sla_response_deadline",
    "sla_resolution_deadline",
    "sla_status",
]


def run_checks(backend, run, submissions, emails):
    tickets = backend.call(
        "helpdesk.ticket",
        "search_read",
        [("name", "=like", f"LT {run} %")],
        fields=["name", *SLA_FIELDS],
    )
    by_id = {ticket["id"]: ticket for ticket in tickets}
    names = Counter(ticket["name"] for ticket in tickets)
    attachments = backend.call(
        "ir.attachment",
        "search_read",
        [("name", "=like", f"lt-{run}-%")],
        fields=["name", "res_model", "res_id"],
    )
    files_of = {}
    for attachment in attachments:
        if attachment["res_model"] == "helpdesk.ticket":
            files_of.setdefault(attachment["res_id"], set()).add(attachment["name"])
    checks = []

    def check(name, problems, total):
        detail = f"{total - len(problems)}/{total}"
        if problems:
            detail += ": " + "; ".join(problems[:5])
        checks.append((name, not problems, detail))

    requests = submissions + emails
    accepted = [outcome for outcome in requests if outcome.accepted]
    check(
        "one ticket per accepted submission and email",
        [
            f"{o.label}: ticket {o.ticket_id}, {names[o.label]} with this subject"
            for o in accepted
            if o.ticket_id not in by_id or names[o.label] != 1
        ],
        len(accepted),
    )
    message_ids = [o.details["message_id"] for o in emails if o.accepted]
    messages = backend.call(
        "mail.message",
        "search_read",
        [("message_id", "in", message_ids)],
        fields=["message_id", "model", "res_id"],
    )
    threads = Counter((m["message_id"], m["model"], m["res_id"]) for m in messages)
    check(
        "each email's Message-Id on its ticket, once",
        [
            f"{o.details['message_id']} not once on ticket {o.ticket_id}"
            for o in emails
            if o.accepted
            and threads[(o.details["message_id"], "helpdesk.ticket", o.ticket_id)] != 1
        ],
        len(message_ids),
    )
    failed = [outcome for outcome in requests if not outcome.accepted]
    check(
        "a refused or broken request left no ticket, or one whole ticket",
        [f"{o.label}: {names[o.label]} tickets" for o in failed if names[o.label] > 1],
        len(failed),
    )
    check(
        "every ticket has its SLA fields",
        [
            f"{ticket['name']} without {', '.join(missing)}"
            for ticket in tickets
            if (missing := [f for f in SLA_FIELDS if not ticket[f]])
        ],
        len(tickets),
    )
    expected_files = {o.ticket_id: set(o.details["files"]) for o in accepted}
    check(
        "every accepted ticket has all its attachments",
        [
            f"ticket {ticket_id} lacks {', '.join(sorted(missing))}"
            for ticket_id, files in expected_files.items()
            if (missing := files - files_of.get(ticket_id, set()))
        ],
        len(expected_files),
    )
    check(
        "every attachment belongs to a ticket of the run",
        [
            f"{a['name']} on {a['res_model']},{a['res_id']}"
            for a in attachments
            if a["res_model"] != "helpdesk.ticket" or a["res_id"] not in by_id
        ],
        len(attachments),
    )
    return checks, tickets
