"""The mail servers of the cluster test, on the loopback interface only:
Dovecot holding the support mailbox that Odoo's incoming mail server polls
over IMAP, and an SMTP sink (aiosmtpd) that records every message Odoo
sends."""

import email
import email.policy
import imaplib
import os
import pwd
import subprocess
import threading
import time

from aiosmtpd.controller import Controller

LDA = "/usr/lib/dovecot/dovecot-lda"
# The delivery agent runs as the mailbox owner: it logs to its stderr and
# skips the statistics socket of the (root) server.
LDA_OPTIONS = ["-o", "log_path=/dev/stderr", "-o", "stats_writer_socket_path="]
DOVECOT_CONF = """\
# Loopback-only IMAP for the cluster test; plain-text logins, no TLS.
protocols = imap
listen = 127.0.0.1
base_dir = {root}/run
state_dir = {root}/state
log_path = {root}/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
mail_location = maildir:{root}/mail/%u
first_valid_uid = {uid}
last_valid_uid = {uid}
default_internal_user = dovecot
default_login_user = dovenull
postmaster_address = postmaster@localhost
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {root}/users
}}
userdb {{
  driver = static
  args = uid={uid} gid={gid} home={root}/home/%u
}}
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
"""


class Dovecot:
    """Debian's Dovecot, run as root from a configuration file of its own
    under ``root``; the mailbox belongs to the unprivileged `nobody`."""

    def __init__(self, root, port, login, password):
        self.root, self.port = root, port
        self.login, self.password = login, password
        self.conf = os.path.join(root, "dovecot.conf")
        self.process = None
        owner = pwd.getpwnam("nobody")
        self.uid, self.gid = owner.pw_uid, owner.pw_gid

    def write_config(self):
        for sub in ("run", "state", "mail", "home"):
            os.makedirs(os.path.join(self.root, sub), exist_ok=True)
        for sub in ("mail", "home"):
            os.chown(os.path.join(self.root, sub), self.uid, self.gid)
        with open(self.conf, "w") as conf:
            conf.write(
                DOVECOT_CONF.format(
                    root=self.root, uid=self.uid, gid=self.gid, port=self.port
                )
            )
        with open(os.path.join(self.root, "users"), "w") as users:
            users.write(f"{self.login}:{{PLAIN}}{self.password}::::::\n")

    def start(self, timeout=30):
        if not os.path.exists(self.conf):
            self.write_config()
        self.process = subprocess.Popen(
            ["dovecot", "-F", "-c", self.conf],
            stdout=subprocess.DEVNULL,
            stderr=open(os.path.join(self.root, "dovecot.stderr"), "ab"),
            start_new_session=True,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"Dovecot exited at start-up; see {self.root}")
            try:
                with self.connect():
                    return
            except (OSError, imaplib.IMAP4.error):
                time.sleep(0.2)
        raise RuntimeError(f"Dovecot did not answer within {timeout} s")

    def stop(self, timeout=15):
        if not self.process or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, 9)
            self.process.wait()

    @property
    def running(self):
        return self.process is not None and self.process.poll() is None

    def connect(self):
        imap = imaplib.IMAP4("127.0.0.1", self.port, timeout=30)
        imap.login(self.login, self.password)
        return imap

    def append(self, message):
        """Deliver one email into the inbox, as a mail server does."""
        with self.connect() as imap:
            status, _data = imap.append("INBOX", None, None, message.as_bytes())
            if status != "OK":
                raise imaplib.IMAP4.error(f"APPEND answered {status}")

    def deliver_locally(self, message):
        """Deliver one email into the mailbox with Dovecot's local delivery
        agent, as the mail exchanger does: as the mailbox's owner, without
        asking the (maybe stopped) IMAP server anything."""
        subprocess.run(
            [LDA, "-c", self.conf, "-e", *LDA_OPTIONS],
            input=message.as_bytes(),
            capture_output=True,
            timeout=30,
            check=True,
            user=self.uid,
            group=self.gid,
            env={
                "USER": self.login,
                "HOME": os.path.join(self.root, "home", self.login),
            },
        )

    def unseen(self):
        """How many messages of the inbox no IMAP client fetched yet."""
        with self.connect() as imap:
            imap.select("INBOX", readonly=True)
            _status, data = imap.search(None, "UNSEEN")
            return len(data[0].split())


class SinkHandler:
    """Records each message with its envelope recipients, in memory and as
    a file of ``folder``."""

    def __init__(self, folder):
        self.lock = threading.Lock()
        self.messages = []
        self.arrivals = []  # time.monotonic() of each message
        self.folder = folder
        os.makedirs(folder, exist_ok=True)

    async def handle_DATA(self, _server, _session, envelope):
        parsed = email.message_from_bytes(envelope.content, policy=email.policy.default)
        with self.lock:
            self.messages.append((list(envelope.rcpt_tos), parsed))
            self.arrivals.append(time.monotonic())
            name = f"{len(self.messages):05d}.eml"
        with open(os.path.join(self.folder, name), "wb") as saved:
            saved.write(f"X-Envelope-To: {', '.join(envelope.rcpt_tos)}\r\n".encode())
            saved.write(envelope.content)
        return "250 Message accepted for delivery"


class SmtpSink:
    """An SMTP server that accepts every message and keeps it."""

    def __init__(self, port, folder):
        self.handler = SinkHandler(folder)
        self.controller = Controller(self.handler, hostname="127.0.0.1", port=port)

    def start(self):
        self.controller.start()

    def stop(self):
        self.controller.stop()

    def arrivals(self):
        """(recipient, Message-Id, arrival) of each delivery."""
        with self.handler.lock:
            return [
                (recipient.lower(), str(message["Message-Id"]).strip(), at)
                for (recipients, message), at in zip(
                    self.handler.messages, self.handler.arrivals, strict=True
                )
                for recipient in recipients
            ]

    def received(self):
        """(recipient, message) for each envelope recipient of each message."""
        with self.handler.lock:
            return [
                (recipient.lower(), message)
                for recipients, message in self.handler.messages
                for recipient in recipients
            ]
