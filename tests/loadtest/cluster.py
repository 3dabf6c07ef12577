#!/usr/bin/env python3
"""Cluster test: the suite on two Odoo nodes behind HAProxy, with real mail.

On a database where the suite is installed (scripts/cluster-test.sh makes a
throwaway one), on the loopback interface only, it starts an SMTP sink,
Dovecot holding the support mailbox, two Odoo prefork nodes sharing one
data dir (each with HTTP workers and a cron worker, both polling the
mailbox with Odoo's incoming mail server) and HAProxy in front of them, then:

1. measures tickets/s through the proxy with one node, then with two;
2. runs portal clients submitting tickets with attachments, emails arriving
   in the mailbox and agents replying over RPC, while every suite cron is
   triggered on both nodes at the same moment, again and again, and while
   one node is killed with SIGKILL (and started again), PostgreSQL is
   restarted and the IMAP server is down for 30 s;
3. lets the nodes finish the queues, then checks that every submission and
   every email is one ticket, each suite effect happened once, the wallets'
   and plans' books agree, and every mail the suite sent reached the sink
   once, in its client's language.

It prints the figures and ends with "N passed, N failed".
"""

import argparse
import contextlib
import json
import os
import random
import signal
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
import xmlrpc.client
from concurrent.futures import ThreadPoolExecutor

from backend import Backend
from cluster_checks import ClusterChecks
from loadtest import attachment_files, spread
from mail_sender import build_email
from mail_servers import Dovecot, SmtpSink
from odoo_server import OdooServer
from portal_client import Outcome, PortalClient
from proxy import HAProxy

IMAP_USER = "soporte"


class Node(OdooServer):
    def __init__(self, name, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.name = name


class ClusterTest:
    def __init__(self, args):
        self.args = args
        self.run_id = args.run_id
        self.db = args.db
        self.lock = threading.Lock()
        self.events = []  # (seconds into the load, what happened)
        self.submissions, self.emails, self.replies = [], [], []
        self.storms = []
        self.email_index = 0
        self.stop_load = threading.Event()
        self.storm_running = threading.Event()

    def say(self, line=""):
        print(line, flush=True)

    def note(self, what):
        at = time.monotonic() - self.load_start
        with self.lock:
            self.events.append((at, what))
        self.say(f"  [{at:5.1f} s] {what}")

    # Set-up and tear-down

    def start(self):
        args = self.args
        sink_folder = os.path.join(args.log_dir, "sink")
        for old in os.listdir(sink_folder) if os.path.isdir(sink_folder) else []:
            os.remove(os.path.join(sink_folder, old))
        self.sink = SmtpSink(args.smtp_port, sink_folder)
        self.sink.start()
        self.dovecot = Dovecot(
            os.path.join(args.root, "dovecot"), args.imap_port, IMAP_USER, "clave-imap"
        )
        os.makedirs(self.dovecot.root, exist_ok=True)
        self.dovecot.start()
        self.record(self.dovecot.process)
        self.fixtures = self.load_fixtures()
        smtp = [f"--smtp={'127.0.0.1'}", f"--smtp-port={args.smtp_port}"]
        self.nodes = [
            Node(
                f"node{number}",
                args.python,
                args.odoo_home,
                args.conf,
                self.db,
                port,
                port + 1,
                args.workers,
                os.path.join(args.log_dir, f"node{number}.log"),
                cron_workers=args.cron_workers,
                extra_args=smtp,
            )
            for number, port in ((1, args.port), (2, args.port + 2))
        ]
        with ThreadPoolExecutor(2) as pool:
            list(pool.map(lambda node: node.start(timeout=300), self.nodes))
        for node in self.nodes:
            self.record(node.process)
            self.warm_health_check(node)
        self.proxy = HAProxy(
            args.root,
            args.proxy_port,
            [(n.name, int(n.url.rsplit(":", 1)[1]), n.gevent_port) for n in self.nodes],
            os.path.join(args.log_dir, "haproxy.log"),
            maxconn=args.workers,
        )
        self.proxy.start(timeout=120)
        self.record(self.proxy.process)
        self.backend = Backend(self.proxy.url, self.db)
        nodes = [f"{n.name} {n.url} (master {n.process.pid})" for n in self.nodes]
        self.say(f"nodes: {', '.join(nodes)}")
        self.say(f"proxy: {self.proxy.url}, nodes {self.proxy.states()}")

    def warm_health_check(self, node):
        """The websocket process loads the registry at its first request,
        blocking its health answers meanwhile: done before the proxy asks."""
        url = f"http://127.0.0.1:{node.gevent_port}/web/health"
        if not self.wait_for(lambda: urllib.request.urlopen(url, timeout=120), 300):
            raise RuntimeError(f"{node.name}'s websocket process does not answer")

    def load_fixtures(self):
        env = dict(
            os.environ,
            PYTHONPATH=self.args.odoo_home,
            CLUSTER_RUN=self.run_id,
            CLUSTER_CLIENTS=str(self.args.clients),
            CLUSTER_IMAP_PORT=str(self.args.imap_port),
            CLUSTER_IMAP_USER=f"{IMAP_USER}:clave-imap",
        )
        with open(
            os.path.join(os.path.dirname(__file__), "cluster_fixtures.py")
        ) as script:
            done = subprocess.run(
                [
                    self.args.python,
                    os.path.join(self.args.odoo_home, "odoo-bin"),
                    "shell",
                    "-c",
                    self.args.conf,
                    "-d",
                    self.db,
                    "--no-http",
                    "--log-level=warn",
                    # Mails of the fixtures (a ticket's first messages) go
                    # to the sink as well.
                    "--smtp=127.0.0.1",
                    f"--smtp-port={self.args.smtp_port}",
                ],
                stdin=script,
                capture_output=True,
                text=True,
                env=env,
                timeout=600,
                check=False,
            )
        for line in done.stdout.splitlines():
            if line.startswith("FIXTURES "):
                return json.loads(line[len("FIXTURES ") :])
        raise RuntimeError(
            f"the fixtures failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
        )

    def record(self, process):
        """The process group of each server started, for the shell script's
        clean-up should this driver be killed."""
        with open(os.path.join(self.args.root, "pids"), "a") as pids:
            pids.write(f"{process.pid}\n")

    def stop(self):
        for part in ("proxy", "nodes", "dovecot", "sink"):
            items = getattr(self, part, None)
            for item in items if isinstance(items, list) else [items]:
                if item is not None:
                    try:
                        item.stop()
                    except Exception as error:  # noqa: BLE001 - keep cleaning up
                        self.say(f"stopping {part}: {error!r}")

    # Clients

    def portal_clients(self, clients):
        logged = []
        for client in clients:
            portal = PortalClient(self.proxy.url, client["login"], client["password"])
            outcome = portal.login()
            if outcome.error:
                raise RuntimeError(
                    f"{client['login']} could not log in: {outcome.error}"
                )
            portal.open_form()
            portal.client = client
            logged.append(portal)
        return logged

    def submit(self, portal, label):
        index = len(self.submissions) + len(self.emails)
        outcome = portal.submit(
            f"LT {self.run_id} {label} {portal.client['index']}-{index}",
            f"El portal de pagos rechaza las tarjetas ({index}).",
            attachment_files(self.run_id, f"{portal.client['index']}-{index}"),
        )
        outcome.details["node"] = portal.session.cookies.get("ODOO_NODE")
        outcome.details["at"] = time.monotonic() - self.load_start
        outcome.details["partner_id"] = portal.client["partner_id"]
        with self.lock:
            self.submissions.append(outcome)
        return outcome

    # 1. One node, then two

    def throughput(self):
        clients = self.fixtures["clients"]
        half = len(clients) // 2
        self.load_start = time.monotonic()
        self.warm_up(clients[0])
        self.rates = {}
        for label, group, nodes in (
            ("1 node", clients[:half], 1),
            ("2 nodes", clients[half:], 2),
        ):
            if nodes == 1:
                self.proxy.disable("node2")
            else:
                self.proxy.enable("node2")
                self.wait_for(lambda: self.proxy.states().get("node2") == "UP", 30)
            portals = self.portal_clients(group)
            before = len(self.submissions)
            start = time.monotonic()

            def work(portal, label=label):
                return [
                    self.submit(portal, "rate") for _ in range(self.args.rate_tickets)
                ]

            with ThreadPoolExecutor(len(portals)) as pool:
                list(pool.map(work, portals))
            wall = time.monotonic() - start
            done = [o for o in self.submissions[before:] if o.accepted]
            self.rates[label] = (len(done), wall, [o.seconds for o in done])
            self.portals = getattr(self, "portals", []) + portals
        self.say(
            "\n== tickets/s through the proxy (portal submissions, 2 attachments each)"
        )
        for label, (count, wall, seconds) in self.rates.items():
            self.say(
                f"{label}: {count} tickets in {wall:.1f} "
                f"s = {count / wall:.2f} tickets/s; "
                f"latency {spread(seconds)}"
            )
        one, two = (c / w for c, w, _s in self.rates.values())
        self.say(
            f"ratio 2 nodes / 1 node: {two / one:.2f} (both nodes share this "
            f"machine's {os.cpu_count()} cores: the ratio is bounded by them; on "
            "machines of their own each node adds its cores)"
        )

    def warm_up(self, client):
        """A login and two tickets on each node directly: each HTTP worker
        loads its caches before anything is measured."""
        for node in self.nodes:
            portal = PortalClient(node.url, client["login"], client["password"])
            portal.login()
            portal.open_form()
            portal.client = client
            for _index in range(2 * self.args.workers):
                self.submit(portal, "warm-up")

    # 2. Load with faults

    def load(self):
        self.say(
            f"\n== load for {self.args.duration} s: "
            f"{len(self.portals)} portal clients, "
            "emails into the mailbox, agent replies, crons on both nodes, faults"
        )
        self.load_start = time.monotonic()
        self.stop_load.clear()
        workers = [
            threading.Thread(target=self.portal_loop, args=(p,)) for p in self.portals
        ]
        workers += [
            threading.Thread(target=self.email_loop),
            threading.Thread(target=self.agent_loop),
            threading.Thread(target=self.storm_loop),
            threading.Thread(target=self.faults),
        ]
        for worker in workers:
            worker.start()
        # The load goes on for its duration and at least 10 s past the last
        # fault, so that clients meet the cluster after each one.
        time.sleep(self.args.duration)
        workers[-1].join(timeout=self.args.time_limit)
        time.sleep(10)
        self.stop_load.set()
        for worker in workers:
            worker.join(timeout=300)
        self.say(f"  load over after {time.monotonic() - self.load_start:.0f} s")

    def portal_loop(self, portal):
        while not self.stop_load.is_set():
            self.submit(portal, "portal")
            self.stop_load.wait(random.uniform(0.5, 1.5))

    def email_loop(self):
        clients = self.fixtures["clients"]
        while not self.stop_load.is_set():
            self.deliver_email(random.choice(clients))
            self.stop_load.wait(random.uniform(0.5, 1.0))

    def deliver_email(self, client):
        """Into the mailbox over IMAP APPEND; while Dovecot is down, by its
        local delivery agent, as the mail exchanger would: the mail waits in
        the mailbox either way."""
        with self.lock:
            index = self.email_index
            self.email_index += 1
        message = build_email(
            self.run_id, index, self.fixtures["alias"], sender=client["login"]
        )
        outcome = Outcome(
            str(message["Subject"]),
            details={
                "message_id": str(message["Message-Id"]),
                "files": [part.get_filename() for part in message.iter_attachments()],
                "at": time.monotonic() - self.load_start,
                "partner_id": client["partner_id"],
                "imap_down": not self.dovecot.running,
            },
        )
        start = time.monotonic()
        try:
            if self.dovecot.running:
                self.dovecot.append(message)
            else:
                self.dovecot.deliver_locally(message)
            outcome.details["delivered"] = True
        except Exception as error:  # noqa: BLE001 - a refused delivery is reported
            outcome.details["delivered"] = False
            outcome.error = f"not delivered: {error!r}"
        outcome.seconds = time.monotonic() - start
        with self.lock:
            self.emails.append(outcome)

    def agent_loop(self):
        login, password = self.fixtures["agent"]
        agent = None
        while not self.stop_load.is_set():
            self.stop_load.wait(random.uniform(0.8, 1.6))
            try:
                agent = agent or Backend(self.proxy.url, self.db, login, password)
            except (OSError, xmlrpc.client.Error):
                continue
            with self.lock:
                tickets = [o for o in self.submissions if o.accepted]
            if not tickets:
                continue
            target = random.choice(tickets)
            lang = self.lang_of(target.details["partner_id"])
            body = (
                "Hola: ya revisamos el caso y le escribimos con la solución en breve."
                if lang.startswith("es")
                else "Hello: we have looked at the case and will write to you soon."
            )
            start = time.monotonic()
            reply = {"ticket_id": target.ticket_id, "lang": lang}
            try:
                reply["message_id"] = agent.call(
                    "helpdesk.ticket",
                    "message_post",
                    [target.ticket_id],
                    body=body,
                    message_type="comment",
                    subtype_xmlid="mail.mt_comment",
                )
            except (OSError, xmlrpc.client.Error) as error:
                reply["error"] = repr(error)[:200]
                agent = None
            reply["seconds"] = time.monotonic() - start
            with self.lock:
                self.replies.append(reply)

    def lang_of(self, partner_id):
        for client in self.fixtures["clients"]:
            if client["partner_id"] == partner_id:
                return client["lang"]
        return "en_US"

    # Crons on both nodes at the same moment

    def storm_loop(self):
        while not self.stop_load.is_set():
            self.storm()
            self.stop_load.wait(self.args.storm_every)

    def storm(self):
        """Every suite cron and the mail queue, on every live node at the
        same moment, cron by cron: through ir.cron (Run Manually: Odoo's
        job lock lets one node run it, the other is told it is running,
        until the job's first commit releases the lock) and straight through
        its server action (no job lock: the suite's own locks must keep it
        to one effect). Fetching mail is left to the nodes' cron workers
        (see fetch_alone)."""
        live = [node for node in self.nodes if node.running]
        calls = [
            ("ir.cron", "method_direct_trigger", cron_id) for cron_id in self.cron_ids()
        ]
        calls += [
            ("ir.actions.server", "run", action)
            for action in self.fixtures["suite_actions"].values()
        ]
        barriers = [threading.Barrier(len(live), timeout=60) for _call in calls]
        storm = {
            "at": time.monotonic() - self.load_start,
            "ran": 0,
            "busy": 0,
            "failed": [],
        }
        self.storm_running.set()

        def on(node):
            try:
                backend = Backend(node.url, self.db)
            except (OSError, xmlrpc.client.Error) as error:
                storm["failed"].append(f"{node.name}: {error!r}"[:200])
                for barrier in barriers:
                    barrier.abort()
                return
            for (model, method, record_id), barrier in zip(
                calls, barriers, strict=True
            ):
                try:
                    barrier.wait()
                except threading.BrokenBarrierError:
                    pass  # the other node is gone: this one goes on alone
                self.call_counting(backend, node, storm, model, method, record_id)

        with ThreadPoolExecutor(len(live)) as pool:
            list(pool.map(on, live))
        self.storm_running.clear()
        storm["nodes"] = len(live)
        storm["seconds"] = time.monotonic() - self.load_start - storm["at"]
        with self.lock:
            self.storms.append(storm)

    def cron_ids(self):
        """The suite's crons and the mail queue (not the mail fetch)."""
        return [
            *self.fixtures["suite_crons"].values(),
            self.fixtures["mail_crons"]["mail.ir_cron_mail_scheduler_action"],
        ]

    def call_counting(self, backend, node, storm, model, method, record_id):
        try:
            backend.call(model, method, [record_id])
            with self.lock:
                storm["ran"] += 1
        except xmlrpc.client.Fault as fault:
            # A UserError (fault code 2) from Run Manually: Odoo's job lock,
            # the job runs on the other node.
            with self.lock:
                if fault.faultCode == 2 and method == "method_direct_trigger":
                    storm["busy"] += 1
                else:
                    storm["failed"].append(
                        f"{node.name} {model} {record_id}: {fault.faultString[-200:]}"
                    )
        except OSError as error:
            with self.lock:
                storm["failed"].append(
                    f"{node.name} {model} {record_id}: {error!r}"[:200]
                )

    # Faults

    def faults(self):
        """The IMAP server down for 30 s; on another timeline, node 2 killed,
        started again, then PostgreSQL restarted once both nodes serve."""
        duration = self.args.duration
        mail = threading.Thread(
            target=self.timeline,
            args=([(0.15 * duration, self.imap_down), (30, self.imap_up)],),
        )
        mail.start()
        self.timeline(
            [
                (0.25 * duration, self.kill_node),
                (0.25 * duration, self.restart_node),
                (0.2 * duration, self.restart_postgres),
            ]
        )
        mail.join()

    @staticmethod
    def timeline(steps):
        """Each step ``delay`` seconds after the previous one ended."""
        for delay, step in steps:
            time.sleep(delay)
            step()

    def imap_down(self):
        self.dovecot.stop()
        self.imap_down_at = time.monotonic()
        self.note("IMAP server stopped")

    def imap_up(self):
        self.dovecot.start()
        self.record(self.dovecot.process)
        self.note(
            "IMAP server started again after "
            f"{time.monotonic() - self.imap_down_at:.0f} s"
        )

    def kill_node(self):
        # While a storm runs (within 15 s): the node is running crons.
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline and not self.storm_running.is_set():
            time.sleep(0.05)
        time.sleep(0.5)
        node = self.nodes[1]
        self.killed = {
            "at": time.monotonic() - self.load_start,
            "crons": node.children(),
        }
        node.kill()
        self.note(f"{node.name} killed with SIGKILL (master and all its processes)")
        self.wait_for(lambda: self.proxy.states().get(node.name) == "DOWN", 30)
        self.killed["proxy_down_after"] = (
            time.monotonic() - self.load_start - self.killed["at"]
        )
        self.note(f"proxy marked {node.name} DOWN")

    def restart_node(self):
        node = self.nodes[1]
        node.start(timeout=300)
        self.record(node.process)
        self.warm_health_check(node)
        self.wait_for(lambda: self.proxy.states().get(node.name) == "UP", 60)
        self.note(f"{node.name} started again and back in the proxy")

    def restart_postgres(self):
        if not self.args.pg_restart:
            self.note(
                "PostgreSQL restart skipped: the cluster is not this checkout's own"
            )
            self.pg_restarted = None
            return
        start = time.monotonic()
        done = subprocess.run(
            self.args.pg_restart,
            shell=True,
            capture_output=True,
            text=True,
            check=False,
        )
        self.pg_restarted = {
            "at": start - self.load_start,
            "seconds": time.monotonic() - start,
            "ok": done.returncode == 0,
            "output": (done.stdout + done.stderr)[-300:],
        }
        self.note(
            "PostgreSQL restarted (pg_ctl restart -m "
            f"fast) in {time.monotonic() - start:.1f} s"
        )

    @staticmethod
    def wait_for(condition, timeout):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            # A server that is not listening yet refuses the connection.
            with contextlib.suppress(OSError):
                if condition():
                    return True
            time.sleep(0.2)
        return False

    # 3. Queues drained

    def drain(self):
        """The nodes finish what is queued: every email fetched, every cron
        caught up, every mail sent. Bounded."""
        self.say("\n== draining the queues")
        node = self.nodes[0]
        backend = Backend(node.url, self.db)
        with self.fetch_alone(backend) as fetch:
            for _attempt in range(30):
                if self.dovecot.unseen() == 0:
                    break
                fetch()
            self.say(f"mailbox: {self.dovecot.unseen()} message(s) left unseen")
            self.measure_email_queries(node, fetch)
        for _round in range(10):
            for cron_id in self.cron_ids():
                self.call_quietly(backend, "ir.cron", "method_direct_trigger", cron_id)
            queued = backend.call(
                "helpdesk.ticket",
                "search_count",
                [("confirmation_queued_at", "!=", False)],
            )
            outgoing = backend.call(
                "mail.mail", "search_count", [("state", "=", "outgoing")]
            )
            if not queued and not outgoing:
                break
        self.say(f"confirmations queued: {queued}, mails outgoing: {outgoing}")
        time.sleep(2)  # the sink's last messages

    @contextlib.contextmanager
    def fetch_alone(self, backend):
        """Fetch mail with Run Manually while no cron worker can: Odoo's
        fetch commits after each email, which releases the job lock that
        Run Manually holds, and two fetchers would read the same unseen
        message. The job is switched off first (Odoo refuses while it
        runs), and on again after."""
        cron_id = self.fixtures["mail_crons"]["mail.ir_cron_mail_gateway_action"]
        for _attempt in range(60):
            try:
                backend.call("ir.cron", "write", [cron_id], {"active": False})
                break
            except xmlrpc.client.Fault:
                time.sleep(2)
        try:
            yield lambda: self.call_quietly(
                backend, "ir.cron", "method_direct_trigger", cron_id
            )
        finally:
            backend.call("ir.cron", "write", [cron_id], {"active": True})

    def call_quietly(self, backend, model, method, record_id):
        for _attempt in range(5):
            try:
                return backend.call(model, method, [record_id])
            except xmlrpc.client.Fault as fault:
                if fault.faultCode != 2:
                    self.say(
                        f"  {model}.{method}({record_id}): {fault.faultString[-300:]}"
                    )
                    return None
                time.sleep(2)
        return None

    def measure_email_queries(self, node, fetch):
        """A few emails fetched by one Run Manually: the request's queries
        divided by the emails it fetched."""
        clients = self.fixtures["clients"]
        probe = []
        for _index in range(self.args.probe_emails):
            self.deliver_email(random.choice(clients))
            probe.append(self.emails[-1])
        offset = node.log_size()
        fetch()
        logged = [r for r in node.requests(offset) if r.path == "/xmlrpc/2/object"]
        fetched = [line for line in node.log_lines(offset) if "Fetched " in line]
        count = sum(int(line.split("Fetched ")[1].split()[0]) for line in fetched)
        self.email_queries = (
            (max(r.queries for r in logged) / count) if logged and count else None
        )

    # Report

    def report(self):
        say = self.say
        accepted = [o for o in self.submissions if o.accepted]
        say("\n== figures")
        say(
            f"portal submissions: {len(accepted)}/{len(self.submissions)} accepted; "
            f"latency {spread([o.seconds for o in accepted])}"
        )
        failed = [o for o in self.submissions if not o.accepted]
        for outcome in failed[:8]:
            say(
                f"  refused at {outcome.details['at']:.1f} s on "
                f"{outcome.details['node']}: {outcome.error[:120]}"
            )
        by_node = {}
        for outcome in accepted:
            by_node[outcome.details["node"]] = (
                by_node.get(outcome.details["node"], 0) + 1
            )
        say(f"  accepted submissions by node (sticky cookie): {by_node}")
        say(f"  proxy: requests served per node {self.proxy.sessions()}")
        delivered = [o for o in self.emails if o.details["delivered"]]
        say(
            f"emails: {len(delivered)}/{len(self.emails)} delivered into the mailbox "
            f"({sum(o.details['imap_down'] for o in delivered)} "
            "while IMAP was down); "
            f"APPEND {spread([o.seconds for o in delivered])}"
        )
        for outcome in self.emails:
            if not outcome.details["delivered"]:
                at = outcome.details["at"]
                say(f"  not delivered at {at:.1f} s: {outcome.error}")
        ok = [r for r in self.replies if "message_id" in r]
        say(
            f"agent replies over RPC: {len(ok)}/{len(self.replies)}; "
            f"{spread([r['seconds'] for r in ok])}"
        )
        logged = [
            r
            for node in self.nodes
            for r in node.requests()
            if r.path == "/submitted/ticket"
        ]
        if logged:
            say(
                "server side per portal submission: queries "
                f"{spread([r.queries for r in logged], unit='', digits=0)}; median "
                f"{statistics.median(r.query_time for r in logged):.3f} s in SQL"
            )
        if self.email_queries:
            say(
                "server side per email fetched over "
                f"IMAP: {self.email_queries:.0f} queries"
            )
        runs = sum(s["ran"] for s in self.storms)
        busy = sum(s["busy"] for s in self.storms)
        say(
            f"cron storms: {len(self.storms)}, {runs} runs, {busy} refused by Odoo's "
            f"job lock, {sum(len(s['failed']) for s in self.storms)} failed calls"
        )
        for storm in self.storms:
            for failure in storm["failed"][:2]:
                say(f"  at {storm['at']:.0f} s: {failure}")

    def verify(self):
        checks = ClusterChecks(self)
        results = checks.run()
        self.say(f"\n== checks ({checks.ticket_count} tickets of the run)")
        for name, passed, detail in results:
            self.say(f"{'ok  ' if passed else 'FAIL'} {name}: {detail}")
        passed = sum(1 for _n, ok, _d in results if ok)
        self.say(f"machine load average at the end: {os.getloadavg()[0]:.1f}")
        self.say(f"{passed} passed, {len(results) - passed} failed")
        return passed == len(results)


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--python", default=sys.executable)
    parser.add_argument("--odoo-home", required=True)
    parser.add_argument("--conf", required=True)
    parser.add_argument("--db", required=True)
    parser.add_argument("--root", required=True, help="the run's temporary folder")
    parser.add_argument("--log-dir", required=True)
    parser.add_argument("--port", type=int, default=8310, help="node 1; node 2 is +2")
    parser.add_argument("--proxy-port", type=int, default=8330)
    parser.add_argument("--imap-port", type=int, default=1143)
    parser.add_argument("--smtp-port", type=int, default=2525)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--cron-workers", type=int, default=1)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument(
        "--rate-tickets", type=int, default=4, help="per client and phase"
    )
    parser.add_argument("--duration", type=int, default=90, help="seconds of load")
    parser.add_argument("--storm-every", type=float, default=8.0)
    parser.add_argument("--probe-emails", type=int, default=5)
    parser.add_argument(
        "--pg-restart", default="", help="command restarting PostgreSQL"
    )
    parser.add_argument("--time-limit", type=int, default=1500, help="seconds")
    parser.add_argument("--run-id", default=time.strftime("%H%M%S"))
    return parser.parse_args()


def main():
    args = parse_args()

    def out_of_time(_signum, _frame):
        raise TimeoutError(f"the cluster test took more than {args.time_limit} s")

    def interrupted(_signum, _frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGALRM, out_of_time)
    signal.signal(signal.SIGTERM, interrupted)
    signal.alarm(args.time_limit)
    print(
        f"== cluster test {args.run_id}: 2 Odoo nodes ({args.workers} HTTP workers, "
        f"{args.cron_workers} cron worker(s) each), "
        f"HAProxy on 127.0.0.1:{args.proxy_port}, "
        f"Dovecot IMAP on 127.0.0.1:{args.imap_port}, "
        f"SMTP sink on 127.0.0.1:{args.smtp_port}, "
        f"database {args.db}\nmachine: {os.cpu_count()} cores, load average "
        f"{os.getloadavg()[0]:.1f}",
        flush=True,
    )
    test = ClusterTest(args)
    ok = False
    try:
        test.start()
        test.throughput()
        test.load()
        test.drain()
        test.report()
        ok = test.verify()
    finally:
        signal.alarm(0)
        test.stop()
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
