"""The checks of the cluster test, read over XML-RPC and from the SMTP sink
after the queues are drained. Each check is (name, passed, detail)."""

import re
import xmlrpc.client
from collections import Counter, defaultdict

from backend import Backend
from checks import run_checks

CONFIRMATION = "helpdesk_priority_matrix.mail_template_ticket_confirmation"
REMINDER = "helpdesk_autoclose.mail_template_autoclose_reminder"
CLOSED = "helpdesk_autoclose.mail_template_autoclose_closed"
SPANISH = set(
    "el la los las de del que su sus en por para con una es se le al lo".split()
)
ENGLISH = set("the your of to and is for on with we you has was by be this it".split())
WORD = re.compile(r"[a-záéíóúñü]+")


def language(text):
    """es or en, by the commonest short words of each."""
    words = WORD.findall(text.lower())
    spanish = sum(word in SPANISH for word in words)
    english = sum(word in ENGLISH for word in words)
    return "es" if spanish > english else "en"


def text_of(message):
    part = message.get_body(preferencelist=("plain", "html"))
    text = part.get_content() if part else ""
    return re.sub(r"<[^>]+>", " ", text)


class ClusterChecks:
    def __init__(self, test):
        self.test = test
        self.backend = test.backend
        self.run_id = test.run_id
        self.fixtures = test.fixtures
        self.results = []
        self.ticket_count = 0

    def call(self, *args, **kwargs):
        return self.backend.call(*args, **kwargs)

    def check(self, name, problems, total):
        detail = f"{total - len(problems)}/{total}"
        if problems:
            detail += ": " + "; ".join(str(p) for p in problems[:5])
        self.results.append((name, not problems, detail))

    def run(self):
        self.tickets = self.call(
            "helpdesk.ticket",
            "search_read",
            [("name", "=like", f"LT {self.run_id} %")],
            fields=[
                "name",
                "partner_id",
                "stage_id",
                "entitlement_source",
                "confirmation_queued_at",
            ],
            context={"active_test": False},
        )
        self.ticket_count = len(self.tickets)
        self.ticket_ids = [t["id"] for t in self.tickets]
        self.resolve_emails()
        checks, _tickets = run_checks(
            self.backend, self.run_id, self.test.submissions, self.test.emails
        )
        self.results.extend(checks)
        self.emails_fetched()
        self.suite_mails_once()
        self.wallets()
        self.plans()
        self.mails_in_sink()
        self.faults()
        return self.results

    # Tickets

    def resolve_emails(self):
        """The ticket each delivered email became (its Message-Id's thread)."""
        emails = [o for o in self.test.emails if o.details["delivered"]]
        messages = self.call(
            "mail.message",
            "search_read",
            [("message_id", "in", [o.details["message_id"] for o in emails])],
            fields=["message_id", "model", "res_id"],
        )
        thread = {
            m["message_id"]: m["res_id"]
            for m in messages
            if m["model"] == "helpdesk.ticket"
        }
        for outcome in emails:
            outcome.ticket_id = thread.get(outcome.details["message_id"])
            if not outcome.ticket_id:
                outcome.error = "delivered into the mailbox, no ticket"

    def emails_fetched(self):
        delivered = [o for o in self.test.emails if o.details["delivered"]]
        self.check(
            "every email delivered into the mailbox became a ticket (none lost)",
            [o.label for o in delivered if not o.accepted],
            len(delivered),
        )
        waited = [o for o in delivered if o.details["imap_down"]]
        self.check(
            "emails that arrived while IMAP was down were fetched after",
            [o.label for o in waited if not o.accepted],
            len(waited),
        )
        self.check(
            "the mailbox has no unfetched message left",
            [f"{self.test.dovecot.unseen()} unseen"]
            if self.test.dovecot.unseen()
            else [],
            1,
        )

    def subject_patterns(self, xmlid):
        """A pattern matching the template's subject in every language."""
        module, name = xmlid.split(".")
        [data] = self.call(
            "ir.model.data",
            "search_read",
            [("module", "=", module), ("name", "=", name)],
            fields=["res_id"],
        )
        patterns = []
        for lang in ("en_US", "es_419"):
            [template] = self.call(
                "mail.template",
                "read",
                [data["res_id"]],
                ["subject"],
                context={"lang": lang},
            )
            parts = re.split(r"\{\{.*?\}\}", template["subject"] or "")
            patterns.append("^" + ".+?".join(re.escape(p) for p in parts) + "$")
        return re.compile("|".join(patterns))

    def suite_mails_once(self):
        messages = self.call(
            "mail.message",
            "search_read",
            [("model", "=", "helpdesk.ticket"), ("res_id", "in", self.ticket_ids)],
            fields=["res_id", "subject"],
        )
        subjects = defaultdict(list)
        for message in messages:
            subjects[message["res_id"]].append(message["subject"] or "")
        waiting = set(self.fixtures["waiting_ticket_ids"])
        covered = [
            t for t in self.tickets if t["entitlement_source"] not in (False, "none")
        ]
        for label, xmlid, tickets in (
            ("confirmation", CONFIRMATION, covered),
            ("reminder", REMINDER, [t for t in self.tickets if t["id"] in waiting]),
            ("close notice", CLOSED, [t for t in self.tickets if t["id"] in waiting]),
        ):
            pattern = self.subject_patterns(xmlid)
            self.check(
                f"each {label} posted exactly once",
                [
                    f"{t['name']}: {count}"
                    for t in tickets
                    if (count := sum(bool(pattern.match(s)) for s in subjects[t["id"]]))
                    != 1
                ],
                len(tickets),
            )
        self.check(
            "no confirmation left queued",
            [t["name"] for t in self.tickets if t["confirmation_queued_at"]],
            len(self.tickets),
        )
        closed = self.call(
            "helpdesk.ticket",
            "search_read",
            [("id", "in", list(waiting))],
            fields=["name", "stage_id"],
        )
        self.check(
            "each ticket waiting a month was closed",
            [
                f"{t['name']} in {t['stage_id'][1]}"
                for t in closed
                if "Closed" not in t["stage_id"][1]
                and "Cerrado" not in t["stage_id"][1]
            ],
            len(closed),
        )

    # Books

    def clients_of(self, kind):
        return [c for c in self.fixtures["clients"] if c["kind"] == kind]

    def wallets(self):
        clients = self.clients_of("wallet")
        wallets = self.call(
            "helpdesk.wallet",
            "search_read",
            [("partner_id", "in", [c["company_partner_id"] for c in clients])],
            fields=["partner_id", "balance"],
        )
        moves = self.call(
            "helpdesk.wallet.move",
            "search_read",
            [("wallet_id", "in", [w["id"] for w in wallets])],
            fields=[
                "wallet_id",
                "kind",
                "amount",
                "ticket_id",
                "credit_id",
                "is_credit",
                "remaining",
                "expiry_date",
            ],
        )
        by_wallet = defaultdict(list)
        for move in moves:
            by_wallet[move["wallet_id"][0]].append(move)
        self.check(
            "each wallet's balance equals the sum of its ledger",
            [
                f"{w['partner_id'][1]}: balance {w['balance']}, ledger {total}"
                for w in wallets
                if (total := sum(m["amount"] for m in by_wallet[w["id"]]))
                != w["balance"]
            ],
            len(wallets),
        )
        per_ticket = Counter(
            m["ticket_id"][0]
            for m in moves
            if m["kind"] == "consumption" and m["ticket_id"]
        )
        reversed_ = Counter(
            m["ticket_id"][0]
            for m in moves
            if m["kind"] == "reversal" and m["ticket_id"]
        )
        wallet_tickets = [
            t for t in self.tickets if t["entitlement_source"] == "wallet"
        ]
        self.check(
            "each wallet ticket consumed exactly one ticket of its wallet",
            [
                f"{t['name']}: {per_ticket[t['id']]} "
                f"consumption(s), {reversed_[t['id']]} reversal(s)"
                for t in wallet_tickets
                if per_ticket[t["id"]] - reversed_[t["id"]] != 1
            ],
            len(wallet_tickets),
        )
        expired = [m for m in moves if m["is_credit"] and m["expiry_date"]]
        expiries = Counter(
            m["credit_id"][0] for m in moves if m["kind"] == "expiry" and m["credit_id"]
        )
        self.check(
            "each expired pack was expired exactly once, nothing left on it",
            [
                f"credit {m['id']}: {expiries[m['id']]} "
                f"expiry move(s), {m['remaining']} left"
                for m in expired
                if expiries[m["id"]] != 1 or m["remaining"] != 0
            ],
            len(expired),
        )

    def plans(self):
        clients = self.clients_of("plan")
        subscriptions = self.call(
            "helpdesk.plan.subscription",
            "search_read",
            [("partner_id", "in", [c["company_partner_id"] for c in clients])],
            fields=[
                "partner_id",
                "tickets_used",
                "contract_id",
                "period_start",
                "state",
            ],
        )
        consumptions = self.call(
            "helpdesk.plan.consumption",
            "search_read",
            [("subscription_id", "in", [s["id"] for s in subscriptions])],
            fields=[
                "subscription_id",
                "ticket_id",
                "released",
                "period_start",
                "ticket_count",
            ],
        )
        plan_tickets = {
            t["id"] for t in self.tickets if t["entitlement_source"] == "plan"
        }
        live = [c for c in consumptions if not c["released"]]
        problems = []
        for subscription in subscriptions:
            used = sum(
                c["ticket_count"]
                for c in live
                if c["subscription_id"][0] == subscription["id"]
                and c["period_start"] == subscription["period_start"]
            )
            if used != subscription["tickets_used"]:
                problems.append(
                    f"{subscription['partner_id'][1]}: used "
                    f"{subscription['tickets_used']}, consumption {used}"
                )
        self.check(
            "each plan's tickets used equal its consumption",
            problems,
            len(subscriptions),
        )
        per_ticket = Counter(c["ticket_id"][0] for c in live if c["ticket_id"])
        self.check(
            "each plan ticket consumed exactly once",
            [
                f"ticket {t}: {per_ticket[t]}"
                for t in plan_tickets
                if per_ticket[t] != 1
            ],
            len(plan_tickets),
        )
        self.invoices(
            [s["contract_id"][0] for s in subscriptions if s["contract_id"]],
            len(subscriptions),
        )

    def invoices(self, contract_ids, subscriptions):
        lines = self.call(
            "account.move.line",
            "search_read",
            [("contract_line_id.contract_id", "in", contract_ids)],
            fields=["move_id", "contract_line_id", "name"],
        )
        moves = {line["move_id"][0] for line in lines}
        invoices = self.call(
            "account.move",
            "search_read",
            [("id", "in", list(moves))],
            fields=[
                "name",
                "invoice_date",
                "state",
                "payment_state",
                "transaction_ids",
                "invoice_line_ids",
            ],
        )
        contract_of = {
            line["move_id"][0]: line["contract_line_id"][0] for line in lines
        }
        periods = Counter(
            (contract_of[i["id"]], i["invoice_date"])
            for i in invoices
            if i["state"] != "cancel"
        )
        self.check(
            "one invoice per plan and period",
            [
                f"contract line {key[0]} on {key[1]}: {count}"
                for key, count in periods.items()
                if count != 1
            ]
            + ([] if invoices else ["no renewal invoice at all"]),
            len(periods) or 1,
        )
        self.say_invoices(invoices, subscriptions)
        transactions = self.call(
            "payment.transaction",
            "search_read",
            [("invoice_ids", "in", list(moves))],
            fields=["invoice_ids", "state", "reference"],
        )
        charges = Counter(
            i
            for tx in transactions
            if tx["state"] in ("done", "authorized", "pending")
            for i in tx["invoice_ids"]
        )
        posted = [i for i in invoices if i["state"] == "posted"]
        self.check(
            "each renewal invoice charged to the card exactly once",
            [
                f"{i['name']}: {charges[i['id']]} charge(s)"
                for i in posted
                if charges[i["id"]] != 1
            ],
            len(posted),
        )

    def say_invoices(self, invoices, subscriptions):
        self.test.say(
            f"renewals: {len(invoices)} invoice(s) for "
            f"{subscriptions} plan subscription(s) "
            f"({Counter(i['payment_state'] for i in invoices)})"
        )

    # Mail

    def mails_in_sink(self):
        notifications = self.call(
            "mail.notification",
            "search_read",
            [
                ("mail_message_id.model", "=", "helpdesk.ticket"),
                ("mail_message_id.res_id", "in", self.ticket_ids),
                ("notification_type", "=", "email"),
            ],
            fields=[
                "mail_message_id",
                "res_partner_id",
                "notification_status",
                "failure_reason",
            ],
        )
        message_ids = {n["mail_message_id"][0] for n in notifications}
        headers = {
            m["id"]: m["message_id"]
            for m in self.call(
                "mail.message", "read", list(message_ids), ["message_id"]
            )
        }
        partners = {
            p["id"]: (p["email"] or "").lower()
            for p in self.call(
                "res.partner",
                "read",
                list({n["res_partner_id"][0] for n in notifications}),
                ["email"],
            )
        }
        received = self.test.sink.received()
        delivered = Counter(
            (str(m["Message-Id"]).strip(), rcpt) for rcpt, m in received
        )
        twice = {key: count for key, count in delivered.items() if count > 1}
        in_flight = self.sent_during_restart(twice)
        self.check(
            "every mail the suite sent is marked sent",
            [
                f"message {n['mail_message_id'][0]} to {n['res_partner_id'][1]}: "
                f"{n['notification_status']} {n['failure_reason'] or ''}"
                for n in notifications
                if n["notification_status"] != "sent"
            ],
            len(notifications),
        )
        self.check(
            "every mail the suite sent reached the SMTP sink exactly once",
            [
                f"{key[0]} to {key[1]}: {delivered[key]}"
                for key in (
                    (headers[n["mail_message_id"][0]], partners[n["res_partner_id"][0]])
                    for n in notifications
                )
                if delivered[key] != 1 and key not in in_flight
            ],
            len(notifications),
        )
        self.check(
            "no message reached the sink twice (but one sent while PostgreSQL "
            "restarted: accepted by the sink, not recorded as sent, sent again)",
            [
                f"{key[0]} to {key[1]}: {count}"
                for key, count in twice.items()
                if key not in in_flight
            ],
            len(delivered),
        )
        for key in in_flight:
            self.test.say(f"  sent again after the PostgreSQL restart: {key[0]}")
        langs = {c["login"].lower(): c["lang"][:2] for c in self.fixtures["clients"]}
        suite_mails = {
            (headers[n["mail_message_id"][0]], partners[n["res_partner_id"][0]])
            for n in notifications
        }
        to_clients = [
            (rcpt, m)
            for rcpt, m in received
            if rcpt in langs and (str(m["Message-Id"]).strip(), rcpt) in suite_mails
        ]
        self.check(
            "every mail the suite sent a client is in the client's language",
            [
                f"{m['Subject']} to {rcpt} ({langs[rcpt]}) reads {found}"
                for rcpt, m in to_clients
                if (found := language(f"{m['Subject']} {text_of(m)}")) != langs[rcpt]
            ],
            len(to_clients),
        )
        bounces = [m for _rcpt, m in received if "MAILER-DAEMON" in str(m["From"])]
        self.test.say(
            f"SMTP sink: {len(received)} deliveries, {len(to_clients)} suite mails to "
            f"clients ({Counter(langs[r] for r, _m in to_clients)}), {len(bounces)} "
            "bounce(s) of Odoo's mail gateway"
            + "".join(f"\n  bounce: {m['Subject']} to {m['To']}" for m in bounces[:5])
        )

    def sent_during_restart(self, twice):
        """The messages delivered twice whose first delivery came during the
        PostgreSQL restart (5 s either side)."""
        pg = getattr(self.test, "pg_restarted", None)
        if not pg:
            return set()
        start = self.test.load_start + pg["at"] - 5
        end = start + pg["seconds"] + 10
        first = {}
        for rcpt, message_id, at in self.test.sink.arrivals():
            first.setdefault((message_id, rcpt), at)
        return {key for key in twice if start <= first[key] <= end}

    # Faults

    def faults(self):
        test = self.test
        killed = getattr(test, "killed", {})
        restarted = next(
            (at for at, what in test.events if "started again and back" in what), None
        )
        if killed and restarted:
            window_start = killed["at"] + killed.get("proxy_down_after", 0) + 1
            window = [
                o
                for o in test.submissions
                if window_start <= o.details["at"] <= restarted
            ]
            self.check(
                "with a node killed, the proxy sent every client to the other node",
                [f"{o.label}: {o.error}" for o in window if not o.accepted]
                + ([] if window else ["no submission in the window"]),
                len(window),
            )
            storms = [s for s in test.storms if window_start <= s["at"] <= restarted]
            self.check(
                "with a node killed, the other node ran the crons",
                []
                if storms and all(s["ran"] for s in storms)
                else [f"storms {storms}"],
                len(storms),
            )
        else:
            self.check("the node was killed and started again", ["did not happen"], 1)
        both = [s for s in test.storms if s["nodes"] == 2]
        self.check(
            "crons were triggered on both nodes at the same moment, repeatedly",
            [] if len(both) >= 3 else [f"only {len(both)} storms on both nodes"],
            len(test.storms),
        )
        pg = getattr(test, "pg_restarted", None)
        if pg is not None:
            self.check(
                "after the PostgreSQL restart both nodes read and write again",
                ([] if pg["ok"] else [pg["output"]]) + self.nodes_serving(),
                len(test.nodes),
            )

    def nodes_serving(self):
        """Problems of the nodes answering a reading request directly."""
        problems = []
        for node in self.test.nodes:
            try:
                Backend(node.url, self.test.db).call("res.partner", "search_count", [])
            except (OSError, xmlrpc.client.Error) as error:
                problems.append(f"{node.name}: {error!r}"[:200])
        return problems
