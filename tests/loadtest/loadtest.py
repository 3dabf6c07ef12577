#!/usr/bin/env python3
"""Load and fault test of the suite in Odoo's multi-worker server.

On a database where the suite is installed (scripts/loadtest.sh makes a
throwaway one), it starts Odoo in prefork mode on the loopback interface,
then:

1. logs N portal clients in: one alone, all at once, then workers - 1 at a
   time (the login cost: password hashing);
2. has the N clients submit a ticket with two attachments through the
   portal form while M emails with an attachment reach a team alias through
   the mail gateway and the SLA cron runs, each in its own transaction;
3. kills one busy HTTP worker with SIGKILL during that run;
4. checks one ticket per accepted submission and per email, none
   half-saved, and that the websocket (gevent) process kept its PID.

It prints the counts, throughput, latencies, server-side queries per
submission, and ends with "N passed, N failed" over its checks.
"""

import argparse
import io
import math
import os
import signal
import statistics
import sys
import threading
import time
import xmlrpc.client
from concurrent.futures import ThreadPoolExecutor

from backend import Backend
from checks import run_checks
from mail_sender import build_email, deliver
from odoo_server import OdooServer
from passlib.context import CryptContext
from PIL import Image
from portal_client import PortalClient

ODOO_MIN_ROUNDS = 600_000  # odoo/addons/base/models/res_users.py MIN_ROUNDS


def percentile(values, share):
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def spread(values, unit=" s", digits=2):
    if not values:
        return "none"
    return (
        f"p50 {percentile(values, 0.5):.{digits}f}{unit}, "
        f"p95 {percentile(values, 0.95):.{digits}f}{unit}, "
        f"max {max(values):.{digits}f}{unit}"
    )


def attachment_files(run, index):
    """A log excerpt and a screenshot, as a client attaches them."""
    lines = "\n".join(
        f"2026-03-02 09:{n % 60:02d}:00 ERROR facturacion: timbrado rechazado ({index})"
        for n in range(300)
    )
    image = Image.frombytes("RGB", (160, 120), os.urandom(160 * 120 * 3))
    png = io.BytesIO()
    image.save(png, format="PNG")
    return [
        (f"lt-{run}-{index}-registro.txt", lines.encode(), "text/plain"),
        (f"lt-{run}-{index}-captura.png", png.getvalue(), "image/png"),
    ]


def hash_seconds(rounds=ODOO_MIN_ROUNDS):
    """One password check at Odoo's rounds, in this process: (CPU, wall)
    seconds; the two differ when other processes hold the cores."""
    context = CryptContext(["pbkdf2_sha512"], pbkdf2_sha512__rounds=rounds)
    hashed = context.hash("clave")
    cpu, wall = time.process_time(), time.monotonic()
    context.verify("clave", hashed)
    return time.process_time() - cpu, time.monotonic() - wall


class LoadTest:
    def __init__(self, server, args):
        self.server = server
        self.args = args
        self.db = args.db
        self.run_id = args.run_id
        self.checks = []

    def say(self, line=""):
        print(line, flush=True)

    def check(self, name, passed, detail=""):
        self.checks.append((name, passed, detail))

    # Phases

    def setup(self):
        self.backend = Backend(self.server.url, self.db)
        self.team_id, self.alias = self.backend.team_alias(self.run_id)
        self.credentials = self.backend.portal_users(self.run_id, self.args.clients)
        self.gevent_before = self.server.gevent_pid()
        self.say(
            f"server: master {self.server.process.pid}, HTTP workers "
            f"{self.server.http_workers()}, websocket process {self.gevent_before}"
        )

    def logins(self):
        """The login cost: one login alone, then every client at once, then
        every client again with at most workers - 1 logins in progress, as a
        reverse proxy's connection limit on /web/login would allow."""
        (cpu, wall), count = hash_seconds(), len(self.credentials)
        self.say(f"\n== {count} portal logins")
        self.say(
            f"one pbkdf2_sha512 check at Odoo's {ODOO_MIN_ROUNDS:,} rounds: "
            f"{cpu:.3f} s of CPU ({wall:.3f} s wall now); {count} logins = "
            f"{count * cpu:.1f} CPU-seconds on {os.cpu_count()} cores"
        )
        self.login_storm("alone", self.credentials[:1], 1)
        self.login_storm("all at once", self.credentials, len(self.credentials))
        limit = max(1, self.args.workers - 1)
        self.clients = self.login_storm(f"{limit} at a time", self.credentials, limit)
        for client in self.clients:
            client.open_form()

    def login_storm(self, label, credentials, concurrency):
        """Log the clients in, `concurrency` at a time, while a probe
        measures how long any other request waits for a worker."""
        clients = [PortalClient(self.server.url, *pair) for pair in credentials]
        offset = self.server.log_size()
        done = threading.Event()
        probe_waits = []

        def probe():
            while not done.is_set():
                start = time.monotonic()
                self.server.answers("/web/health", timeout=120)
                probe_waits.append(time.monotonic() - start)
                time.sleep(0.1)

        prober = threading.Thread(target=probe)
        prober.start()
        start = time.monotonic()
        with ThreadPoolExecutor(concurrency) as pool:
            outcomes = list(pool.map(PortalClient.login, clients))
        wall = time.monotonic() - start
        done.set()
        prober.join()
        posts = [
            r
            for r in self.server.requests(offset)
            if r.path.startswith("/web/login") and r.method == "POST"
        ]
        ok = [o for o in outcomes if not o.error]
        self.say(
            f"{label}: {len(ok)}/{len(clients)} logged in, in {wall:.1f} s; "
            f"POST /web/login {spread([o.seconds for o in ok])}"
        )
        if posts:
            self.say(
                "  server side per login: "
                f"{statistics.median(r.queries for r in posts):.0f} queries, "
                f"{statistics.median(r.query_time for r in posts):.3f} s in SQL, "
                f"{statistics.median(r.other_time for r in posts):.3f} s in Python"
            )
        self.say(f"  GET /web/health meanwhile: {spread(probe_waits)}")
        self.check(
            f"every portal client logged in ({label})",
            len(ok) == len(clients),
            f"{len(ok)}/{len(clients)}",
        )
        return clients

    def load(self):
        """Submissions, emails and the SLA cron at once; one worker killed."""
        clients, emails = self.clients, self.args.emails
        offset = self.server.log_size()
        barrier = threading.Barrier(len(clients) + emails + 2, timeout=60)
        finished = []
        killed = {}
        cron = {}
        files = {i: attachment_files(self.run_id, i) for i in range(len(clients))}
        messages = [build_email(self.run_id, j, self.alias) for j in range(emails)]

        def submit(i):
            barrier.wait()
            outcome = clients[i].submit(
                f"LT {self.run_id} portal {i}",
                f"El portal de pagos rechaza las tarjetas desde las 9:00 ({i}).",
                files[i],
            )
            finished.append(outcome)
            return outcome

        def email(j):
            barrier.wait()
            outcome = deliver(
                self.server.url,
                self.db,
                self.backend.uid,
                self.backend.password,
                messages[j],
            )
            finished.append(outcome)
            return outcome

        def kill_one_worker():
            barrier.wait()
            # Once the first requests are answered every worker is busy with
            # the queue: the busiest one is in the middle of a request.
            deadline = time.monotonic() + 10
            while len(finished) < self.args.kill_after and time.monotonic() < deadline:
                time.sleep(0.05)
            killed["workers_before"] = self.server.http_workers()
            killed["pid"] = self.server.busiest_http_worker()
            killed["at"] = time.monotonic() - start
            os.kill(killed["pid"], signal.SIGKILL)
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline:
                workers = self.server.http_workers()
                if killed["pid"] not in workers and len(workers) >= self.args.workers:
                    killed["respawned"] = sorted(
                        set(workers) - set(killed["workers_before"])
                    )
                    killed["respawn_after"] = time.monotonic() - start - killed["at"]
                    break
                time.sleep(0.1)

        def run_cron():
            barrier.wait()
            time.sleep(1)
            backend = Backend(self.server.url, self.db)
            cron_start = time.monotonic()
            try:
                backend.call("ir.cron", "method_direct_trigger", [backend.sla_cron()])
                cron["result"] = "ran"
            except (OSError, xmlrpc.client.Error) as error:
                cron["result"] = f"failed: {error!r}"[:200]
            cron["seconds"] = time.monotonic() - cron_start

        with ThreadPoolExecutor(len(clients) + emails + 2) as pool:
            start = time.monotonic()
            portal_futures = [pool.submit(submit, i) for i in range(len(clients))]
            email_futures = [pool.submit(email, j) for j in range(emails)]
            side = [pool.submit(kill_one_worker), pool.submit(run_cron)]
            submissions = [f.result() for f in portal_futures]
            delivered = [f.result() for f in email_futures]
            wall = time.monotonic() - start
            for future in side:
                future.result()
        self.report_load(offset, submissions, delivered, wall, killed, cron)
        return submissions, delivered

    # Report

    def report_load(self, offset, submissions, emails, wall, killed, cron):
        logged = self.server.requests(offset)
        accepted = [o for o in submissions + emails if o.accepted]
        say = self.say
        say(
            f"\n== {len(submissions)} portal submissions (2 attachments each), "
            f"{len(emails)} emails to {self.alias}, SLA cron, one HTTP worker killed"
        )
        for label, outcomes in (("portal", submissions), ("emails", emails)):
            answered = [o.seconds for o in outcomes if o.accepted]
            say(
                f"{label}: {len(answered)}/{len(outcomes)} accepted; "
                f"latency {spread(answered)}"
            )
        rate = len(accepted) / wall
        say(
            f"throughput: {len(accepted)} tickets in {wall:.1f} s = "
            f"{rate:.2f} tickets/s"
        )
        for label, path in (
            ("portal submission", "/submitted/ticket"),
            ("email", "/xmlrpc/2/object"),
        ):
            served = [r for r in logged if r.path == path]
            if served:
                queries = spread([r.queries for r in served], unit="", digits=0)
                sql = statistics.median(r.query_time for r in served)
                python = statistics.median(r.other_time for r in served)
                say(
                    f"server side per {label}: queries {queries}; "
                    f"median {sql:.3f} s in SQL, {python:.3f} s in Python"
                )
        say(
            f"SLA cron run during the load: {cron.get('result')} "
            f"in {cron.get('seconds', 0):.1f} s"
        )
        self.report_kill(logged, killed, submissions + emails)
        gevent_after = self.server.gevent_pid()
        same = "unchanged" if gevent_after == self.gevent_before else "CHANGED"
        say(
            f"websocket process: PID {self.gevent_before} before, "
            f"{gevent_after} after ({same})"
        )
        self.check(
            "the SLA cron ran during the load",
            cron.get("result") == "ran",
            cron.get("result"),
        )
        self.check(
            "the websocket process kept its PID all along",
            self.gevent_before is not None and gevent_after == self.gevent_before,
            f"{self.gevent_before} -> {gevent_after}",
        )
        handshake = self.server.websocket_handshake()
        self.check(
            "a websocket opens on the websocket port", " 101 " in handshake, handshake
        )
        crashes = sum(
            "DistributionNotFound" in line for line in self.server.log_lines()
        )
        self.check(
            "no gevent start-up crash in the log", crashes == 0, f"{crashes} lines"
        )

    def report_kill(self, logged, killed, outcomes):
        pid = killed.get("pid")
        answered = sum(1 for r in logged if r.pid == pid)
        self.say(
            f"killed HTTP worker {pid} with SIGKILL {killed.get('at', 0):.1f} s "
            f"into the run, after it had answered {answered} request(s) of it"
        )
        hit = [o for o in outcomes if not o.accepted or o.details.get("resent")]
        for outcome in hit:
            saw = outcome.error or f"ticket {outcome.ticket_id}"
            if outcome.details.get("resent"):
                saw = f"nothing: {outcome.details['resent']}, then {saw}"
            stored = self.backend.call(
                "helpdesk.ticket", "search_count", [("name", "=", outcome.label)]
            )
            self.say(f"  in flight: {outcome.label}; its client saw {saw}")
            self.say(f"  tickets saved for it: {stored}")
        if not hit:
            self.say("  no client saw an error: the worker was between two requests")
        respawned = killed.get("respawned")
        self.say(
            f"  replaced by worker {respawned} "
            f"{killed.get('respawn_after', 0):.1f} s later"
        )
        self.check(
            "the killed HTTP worker was replaced", bool(respawned), f"{respawned}"
        )
        self.check(
            "at most one request hit the killed worker", len(hit) <= 1, f"{len(hit)}"
        )

    def verify(self, submissions, emails):
        checks, tickets = run_checks(self.backend, self.run_id, submissions, emails)
        self.checks.extend(checks)
        self.say(f"\n== checks ({len(tickets)} tickets of the run in the database)")
        for name, passed, detail in self.checks:
            self.say(f"{'ok  ' if passed else 'FAIL'} {name}: {detail}")
        passed = sum(1 for _name, ok, _detail in self.checks if ok)
        self.say(f"machine load average at the end: {os.getloadavg()[0]:.1f}")
        self.say(f"{passed} passed, {len(self.checks) - passed} failed")
        return passed == len(self.checks)


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--python", default=sys.executable)
    parser.add_argument("--odoo-home", required=True)
    parser.add_argument("--conf", required=True)
    parser.add_argument("--db", required=True)
    parser.add_argument("--port", type=int, default=8240)
    parser.add_argument("--gevent-port", type=int, default=8241)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--emails", type=int, default=30)
    parser.add_argument(
        "--kill-after", type=int, default=5, help="answers before the kill"
    )
    parser.add_argument("--time-limit", type=int, default=600, help="seconds")
    parser.add_argument("--log", required=True, help="the server's log file")
    parser.add_argument("--run-id", default=time.strftime("%H%M%S"))
    return parser.parse_args()


def main():
    args = parse_args()

    def out_of_time(_signum, _frame):
        raise TimeoutError(f"the load test took more than {args.time_limit} s")

    signal.signal(signal.SIGALRM, out_of_time)
    signal.alarm(args.time_limit)
    server = OdooServer(
        args.python,
        args.odoo_home,
        args.conf,
        args.db,
        args.port,
        args.gevent_port,
        args.workers,
        args.log,
    )
    print(
        f"== Odoo in prefork mode: {args.workers} HTTP workers, 1 cron worker, "
        f"websocket on 127.0.0.1:{args.gevent_port}, database {args.db}\n"
        f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}",
        flush=True,
    )
    server.start()
    try:
        test = LoadTest(server, args)
        test.setup()
        test.logins()
        submissions, emails = test.load()
        ok = test.verify(submissions, emails)
    finally:
        server.stop()
        signal.alarm(0)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
