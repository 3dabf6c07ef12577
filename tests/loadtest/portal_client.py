"""A portal client: logs in on /web/login and submits tickets through
helpdesk_mgmt's portal form (/new/ticket, posted to /submitted/ticket)."""

import re
import time
from dataclasses import dataclass, field

import requests

CSRF = re.compile(r'name="csrf_token"\s+value="([^"]+)"')
TICKET_URL = re.compile(r"/my/ticket/(\d+)")
# The first choice of a select of the form (the company may require one).
FIRST_OPTION = r'name="{}"[^>]*>.*?<option[^>]*value="(\d+)"'

TIMEOUT = 120


@dataclass
class Outcome:
    """What a client saw for one request."""

    label: str
    seconds: float = 0.0
    ticket_id: int | None = None
    error: str | None = None
    details: dict = field(default_factory=dict)

    @property
    def accepted(self):
        return self.ticket_id is not None


class PortalClient:
    def __init__(self, url, login, password):
        self.url = url
        self.login_name = login
        self.password = password
        self.session = requests.Session()
        self.form_token = None
        self.choices = {}

    def _csrf(self, path):
        return CSRF.search(self._page(path))[1]

    def _page(self, path):
        response = self.session.get(self.url + path, timeout=TIMEOUT)
        response.raise_for_status()
        if not CSRF.search(response.text):
            raise RuntimeError(f"no CSRF token on {path}")
        return response.text

    def login(self):
        """Log in as a browser does; the outcome's time is the POST alone."""
        outcome = Outcome(f"login {self.login_name}")
        try:
            token = self._csrf("/web/login")
            start = time.monotonic()
            response = self.session.post(
                self.url + "/web/login",
                data={
                    "login": self.login_name,
                    "password": self.password,
                    "csrf_token": token,
                    "redirect": "/my",
                },
                allow_redirects=False,
                timeout=TIMEOUT,
            )
            outcome.seconds = time.monotonic() - start
            if response.status_code != 303 or "/web/login" in response.headers.get(
                "Location", ""
            ):
                outcome.error = f"login refused (HTTP {response.status_code})"
        except (requests.RequestException, RuntimeError) as error:
            outcome.error = repr(error)
        return outcome

    def open_form(self):
        """Load the new ticket form, as a client does before writing, and
        pick the first case and team it offers."""
        page = self._page("/new/ticket")
        self.form_token = CSRF.search(page)[1]
        for name in ("category", "team"):
            match = re.search(FIRST_OPTION.format(name), page, re.DOTALL)
            if match:
                self.choices[name] = match[1]

    def submit(self, subject, description, files):
        """Post the form; accepted when answered with the new ticket's page."""
        outcome = Outcome(
            subject, details={"files": [name for name, _data, _mime in files]}
        )
        start = time.monotonic()
        try:
            response = self.session.post(
                self.url + "/submitted/ticket",
                data={
                    "csrf_token": self.form_token,
                    "subject": subject,
                    "description": description,
                    **self.choices,
                },
                files=[("attachment", file) for file in files],
                allow_redirects=False,
                timeout=TIMEOUT,
            )
            match = TICKET_URL.search(response.headers.get("Location", ""))
            # helpdesk_mgmt answers with a redirect to the new ticket's page.
            if response.status_code in (302, 303) and match:
                outcome.ticket_id = int(match[1])
            else:
                outcome.error = f"HTTP {response.status_code}"
        except requests.RequestException as error:
            outcome.error = repr(error)
        outcome.seconds = time.monotonic() - start
        return outcome
