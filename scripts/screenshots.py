#!/usr/bin/env python3
"""Take the screenshots of each module's static/description/ from a running
demo server (make run), with headless Chromium driven over its DevTools
protocol: log in as admin, open each screen, save a PNG.

Usage: screenshots.py URL DATABASE (run by scripts/screenshots.sh, which
installs websocket-client in a throwaway environment).
"""

import base64
import contextlib
import http.cookiejar
import json
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import websocket

ROOT = Path(__file__).resolve().parent.parent
SIZE = (1440, 900)
DEBUG_PORT = 9322
HIDE_NOTICES = "document.querySelectorAll('.o_notification').forEach(n => n.remove())"
# A form view is drawn, with its fields, and nothing is loading any more.
READY = (
    "!!document.querySelector('.o_form_view .o_field_widget')"
    " && !document.querySelector('.o_loading_indicator, .o_blockUI')"
)
# (module, file, model, domain): the first record of the domain, in its form.
SCREENS = [
    (
        "helpdesk_priority_matrix",
        "ticket_sla.png",
        "helpdesk.ticket",
        [("name", "ilike", "no podemos emitir facturas electrónicas")],
    ),
    (
        "helpdesk_priority_matrix",
        "priority_matrix.png",
        "helpdesk.priority.matrix",
        [("team_id", "=", False)],
    ),
    ("helpdesk_sla_wallet", "wallet_ledger.png", "helpdesk.wallet", []),
    (
        "helpdesk_plans",
        "plan_subscription.png",
        "helpdesk.plan.subscription",
        [("consumption_ids", "!=", False)],
    ),
    ("helpdesk_autoclose", "inactivity_rule.png", "helpdesk.autoclose.rule", []),
    (
        "helpdesk_autoclose",
        "ticket_waiting.png",
        "helpdesk.ticket",
        [("autoclose_waiting_since", "!=", False)],
    ),
]


class Odoo:
    """JSON-RPC with the admin's session."""

    def __init__(self, url, database):
        self.url = url
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.cookies)
        )
        self.call(
            "/web/session/authenticate", db=database, login="admin", password="admin"
        )

    def call(self, path, **params):
        body = json.dumps(
            {"jsonrpc": "2.0", "method": "call", "params": params}
        ).encode()
        request = urllib.request.Request(
            self.url + path, body, {"Content-Type": "application/json"}
        )
        answer = json.load(self.opener.open(request))
        if "error" in answer:
            raise RuntimeError(answer["error"]["data"]["message"])
        return answer["result"]

    def first(self, model, domain):
        found = self.call(
            "/web/dataset/call_kw",
            model=model,
            method="search",
            args=[domain],
            kwargs={"limit": 1},
        )
        if not found:
            raise RuntimeError(f"no {model} matches {domain}")
        return found[0]

    def session_id(self):
        return next(
            cookie.value for cookie in self.cookies if cookie.name == "session_id"
        )


class Browser:
    """One headless Chromium tab."""

    def __init__(self):
        self.profile = tempfile.TemporaryDirectory()
        self.process = subprocess.Popen(
            [
                "chromium",
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--hide-scrollbars",
                f"--remote-debugging-port={DEBUG_PORT}",
                f"--user-data-dir={self.profile.name}",
                f"--window-size={SIZE[0]},{SIZE[1]}",
                "about:blank",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        self.socket = websocket.create_connection(self._page_socket(), timeout=120)
        self.sequence = 0

    def _page_socket(self):
        for _attempt in range(60):
            # Until Chromium listens, the port refuses the connection.
            with contextlib.suppress(OSError):
                with urllib.request.urlopen(
                    f"http://127.0.0.1:{DEBUG_PORT}/json"
                ) as answer:
                    pages = [tab for tab in json.load(answer) if tab["type"] == "page"]
                if pages:
                    return pages[0]["webSocketDebuggerUrl"]
            time.sleep(0.5)
        raise RuntimeError("Chromium did not open its DevTools port")

    def send(self, method, **params):
        self.sequence += 1
        self.socket.send(
            json.dumps({"id": self.sequence, "method": method, "params": params})
        )
        while True:
            message = json.loads(self.socket.recv())
            if message.get("id") == self.sequence:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})

    def shoot(self, url, path):
        self.send("Page.navigate", url=url)
        self.wait_for(READY)
        time.sleep(2)
        # Notices of the moment (a page "out of date" after an update) are
        # not part of the screen.
        self.send("Runtime.evaluate", expression=HIDE_NOTICES)
        data = self.send("Page.captureScreenshot", format="png")["data"]
        path.write_bytes(base64.b64decode(data))

    def wait_for(self, expression, timeout=180):
        """Until the page's JavaScript expression is true (the first visit
        builds the web client's assets: minutes on a busy machine)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            answer = self.send(
                "Runtime.evaluate", expression=expression, returnByValue=True
            )
            if answer.get("result", {}).get("value"):
                return
            time.sleep(1)
        raise RuntimeError(f"the page never satisfied {expression}")

    def close(self):
        self.socket.close()
        self.process.terminate()
        self.process.wait()
        self.profile.cleanup()


def main(url, database):
    odoo = Odoo(url, database)
    browser = Browser()
    try:
        browser.send(
            "Network.setCookie", name="session_id", value=odoo.session_id(), url=url
        )
        browser.send(
            "Emulation.setDeviceMetricsOverride",
            width=SIZE[0],
            height=SIZE[1],
            deviceScaleFactor=1,
            mobile=False,
        )
        for module, name, model, domain in SCREENS:
            record = odoo.first(model, domain)
            target = ROOT / module / "static" / "description" / name
            browser.shoot(f"{url}/odoo/{model}/{record}", target)
            print(target.relative_to(ROOT))
    finally:
        browser.close()


if __name__ == "__main__":
    main(*sys.argv[1:])
