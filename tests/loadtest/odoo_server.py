"""An Odoo server in prefork mode, started and watched from outside.

The master process forks the HTTP workers, the cron worker and the
websocket (gevent) process; their PIDs are read from /proc and from the
server log, which also gives each request's query count and times.
"""

import base64
import os
import re
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from dataclasses import dataclass

# 2026-11-22 21:00:00,123 4242 INFO db werkzeug: 127.0.0.1 - - [...]
# "POST /submitted/ticket HTTP/1.1" 303 - 312 0.201 0.554
REQUEST_LINE = re.compile(
    r"^\S+ \S+ (?P<pid>\d+) INFO \S+ werkzeug: .*\""
    r"(?P<method>[A-Z]+) (?P<path>\S+) HTTP/[\d.]+\" (?P<status>\d+) - "
    r"(?P<queries>\d+) (?P<query_time>[\d.]+) (?P<other_time>[\d.]+)"
)
WORKER_ALIVE = re.compile(
    r"Worker (?P<kind>WorkerHTTP|WorkerCron) \((?P<pid>\d+)\) alive"
)


@dataclass
class LoggedRequest:
    pid: int
    method: str
    path: str
    status: int
    queries: int
    query_time: float
    other_time: float


class OdooServer:
    def __init__(
        self,
        python,
        odoo_home,
        conf,
        db,
        port,
        gevent_port,
        workers,
        log_path,
        cron_workers=1,
        extra_args=(),
    ):
        self.command = [
            python,
            os.path.join(odoo_home, "odoo-bin"),
            "-c",
            conf,
            "-d",
            db,
            f"--db-filter=^{db}$",
            f"--workers={workers}",
            f"--max-cron-threads={cron_workers}",
            "--http-interface=127.0.0.1",
            f"--http-port={port}",
            f"--gevent-port={gevent_port}",
            "--log-level=info",
            *extra_args,
        ]
        self.env = dict(os.environ, PYTHONPATH=odoo_home)
        self.url = f"http://127.0.0.1:{port}"
        self.gevent_port = gevent_port
        self.log_path = log_path
        self.process = None

    # Process control

    def start(self, timeout=120):
        # Everything the processes print, tracebacks of a dying gevent
        # process included, goes to one log file, kept across restarts.
        with open(self.log_path, "ab" if self.process else "wb") as log:
            self.process = subprocess.Popen(
                self.command,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"Odoo exited at start-up; see {self.log_path}")
            # The websocket process starts last, a few seconds after the
            # workers.
            if (
                self.answers("/web/health")
                and self.http_workers()
                and self._listening()
            ):
                return
            time.sleep(0.5)
        raise RuntimeError(
            f"Odoo did not answer within {timeout} s; see {self.log_path}"
        )

    def stop(self, timeout=30):
        if not self.process or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()

    def kill(self):
        """SIGKILL to the master and every process it forked at once, as
        when the machine dies."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()

    @property
    def running(self):
        return self.process is not None and self.process.poll() is None

    def answers(self, path, timeout=5):
        try:
            with urllib.request.urlopen(self.url + path, timeout=timeout) as response:
                return response.status == 200
        except (OSError, urllib.error.URLError):
            return False

    # Processes of the server

    def children(self):
        """PIDs of the master's live child processes, with their command line."""
        found = {}
        for entry in os.listdir("/proc"):
            if not entry.isdigit():
                continue
            try:
                with open(f"/proc/{entry}/stat") as stat:
                    fields = stat.read().rsplit(")", 1)[1].split()
                with open(f"/proc/{entry}/cmdline", "rb") as cmdline:
                    args = cmdline.read().split(b"\0")
            except OSError:
                continue
            # fields: state, ppid, ...; a zombie is dead already.
            if int(fields[1]) == self.process.pid and fields[0] != "Z":
                found[int(entry)] = [arg.decode() for arg in args if arg]
        return found

    def gevent_pid(self):
        """The websocket process: Odoo starts it as `odoo-bin gevent ...`."""
        pids = [pid for pid, args in self.children().items() if "gevent" in args[1:3]]
        return pids[0] if pids else None

    def http_workers(self):
        alive = {
            int(match["pid"])
            for match in map(WORKER_ALIVE.search, self.log_lines())
            if match and match["kind"] == "WorkerHTTP"
        }
        return sorted(alive & set(self.children()))

    def busiest_http_worker(self, sample=0.2):
        """The HTTP worker that used the most CPU over `sample` seconds:
        one in the middle of a request."""

        def cpu(pid):
            try:
                with open(f"/proc/{pid}/stat") as stat:
                    fields = stat.read().rsplit(")", 1)[1].split()
                return int(fields[11]) + int(fields[12])  # utime + stime
            except OSError:
                return -1

        workers = self.http_workers()
        before = {pid: cpu(pid) for pid in workers}
        time.sleep(sample)
        return max(workers, key=lambda pid: cpu(pid) - before[pid])

    def _listening(self):
        try:
            with socket.create_connection(("127.0.0.1", self.gevent_port), timeout=5):
                return True
        except OSError:
            return False

    def websocket_handshake(self):
        """Open a websocket on the gevent port as the web client does: the
        status line of the answer (101 when the process serves it)."""
        key = base64.b64encode(os.urandom(16)).decode()
        request = (
            f"GET /websocket HTTP/1.1\r\nHost: 127.0.0.1:{self.gevent_port}\r\n"
            "Connection: Upgrade\r\nUpgrade: websocket\r\n"
            f"Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: {key}\r\n"
            f"Origin: http://127.0.0.1:{self.gevent_port}\r\n\r\n"
        )
        try:
            with socket.create_connection(
                ("127.0.0.1", self.gevent_port), timeout=10
            ) as ws:
                ws.sendall(request.encode())
                return ws.recv(4096).decode(errors="replace").split("\r\n", 1)[0]
        except OSError as error:
            return repr(error)

    # Log

    def log_size(self):
        return os.path.getsize(self.log_path)

    def log_lines(self, offset=0):
        with open(self.log_path, "rb") as log:
            log.seek(offset)
            return log.read().decode(errors="replace").splitlines()

    def requests(self, offset=0):
        """Requests logged since `offset`, with their server-side figures."""
        logged = []
        for line in self.log_lines(offset):
            match = REQUEST_LINE.match(line)
            if match:
                logged.append(
                    LoggedRequest(
                        pid=int(match["pid"]),
                        method=match["method"],
                        path=match["path"],
                        status=int(match["status"]),
                        queries=int(match["queries"]),
                        query_time=float(match["query_time"]),
                        other_time=float(match["other_time"]),
                    )
                )
        return logged
