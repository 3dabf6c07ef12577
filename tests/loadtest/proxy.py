"""HAProxy in front of the Odoo nodes: round robin with sticky sessions (a
cookie names the node that served a client first) and a health check on
/web/health that takes a dead node out within two seconds."""

import csv
import io
import os
import socket
import subprocess
import time
import urllib.request

HAPROXY_CONF = """\
global
    maxconn 1024
    stats socket {root}/haproxy.sock mode 600 level admin

defaults
    mode http
    timeout connect 5s
    timeout client 180s
    timeout server 180s
    timeout http-request 30s
    timeout queue 120s
    timeout check 5s
    # A request refused by a dead node's closed port goes to the other one.
    option redispatch
    retries 2
    option forwardfor

frontend odoo_front
    bind 127.0.0.1:{port}
    default_backend odoo_nodes

backend odoo_nodes
    balance roundrobin
    cookie ODOO_NODE insert indirect nocache
    # Odoo answers a request without a Host header with an error.
    option httpchk
    http-check send meth GET uri /web/health ver HTTP/1.1 hdr Host 127.0.0.1
    http-check expect status 200
{servers}
"""
# The health check asks the node's websocket process, which answers at
# once while every HTTP worker is busy, and dies with the node: a node is
# taken out when it is gone, not when it is loaded. Requests beyond the
# node's HTTP workers wait in HAProxy's queue rather than in the node's.
SERVER_LINE = (
    "    server {name} 127.0.0.1:{port} cookie {name} maxconn {maxconn} "
    "check port {check_port} inter 1s fall 3 rise 2"
)


class HAProxy:
    def __init__(self, root, port, nodes, log_path, maxconn):
        """``nodes``: (name, HTTP port, websocket port) of each Odoo node;
        ``maxconn``: requests in progress per node (its HTTP workers)."""
        self.root, self.port, self.nodes = root, port, nodes
        self.maxconn = maxconn
        self.log_path = log_path
        self.conf = os.path.join(root, "haproxy.cfg")
        self.url = f"http://127.0.0.1:{port}"
        self.process = None

    def start(self, timeout=30):
        servers = "\n".join(
            SERVER_LINE.format(
                name=name, port=port, check_port=check, maxconn=self.maxconn
            )
            for name, port, check in self.nodes
        )
        with open(self.conf, "w") as conf:
            conf.write(
                HAPROXY_CONF.format(root=self.root, port=self.port, servers=servers)
            )
        self.process = subprocess.Popen(
            ["haproxy", "-db", "-f", self.conf],
            stdout=open(self.log_path, "ab"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"HAProxy exited at start-up; see {self.log_path}")
            # Servers start as UP until their checks say otherwise: wait for a
            # passed check of each.
            checks = {row["check_status"] for row in self.stats().values()}
            if len(self.stats()) == len(self.nodes) and checks == {"L7OK"}:
                return
            time.sleep(0.3)
        raise RuntimeError(f"HAProxy did not see every node up within {timeout} s")

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(15)

    def command(self, line):
        """One command on HAProxy's admin socket; its answer."""
        with socket.socket(socket.AF_UNIX) as sock:
            try:
                sock.connect(os.path.join(self.root, "haproxy.sock"))
            except OSError:
                return ""
            sock.sendall(line.encode() + b"\n")
            chunks = []
            while chunk := sock.recv(65536):
                chunks.append(chunk)
        return b"".join(chunks).decode()

    def stats(self):
        """The statistics row of each node, by name."""
        text = self.command("show stat").lstrip("# ")
        rows = csv.DictReader(io.StringIO(text))
        return {
            row["svname"]: row
            for row in rows
            if row["pxname"] == "odoo_nodes"
            and row["svname"] not in ("FRONTEND", "BACKEND")
        }

    def states(self):
        """UP, DOWN, MAINT... of each node (the health check's view)."""
        return {name: row["status"].split()[0] for name, row in self.stats().items()}

    def sessions(self):
        """Requests each node served through the proxy so far."""
        return {name: int(row["stot"] or 0) for name, row in self.stats().items()}

    def disable(self, name):
        self.command(f"disable server odoo_nodes/{name}")

    def enable(self, name):
        self.command(f"enable server odoo_nodes/{name}")

    def answers(self, path="/web/health", timeout=5):
        try:
            with urllib.request.urlopen(self.url + path, timeout=timeout) as response:
                return response.status == 200
        except OSError:
            return False
