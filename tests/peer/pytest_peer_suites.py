"""pytest plugin for the peer suites: the Python tests of the OCA addons the
suite builds on, run with pytest-odoo in a database where every suite module
is installed (`make test` loads it with `-p pytest_peer_suites`).

pytest collects more than Odoo's own test runner (odoo/tests/loader.py) runs
for an addon; two rules make the two agree:

- A test class runs in the module that defines it. A test module that
  imports another addon's class (contract_line_successor imports contract's
  `TestContract` to subclass it) would otherwise run it a second time.
- A test method runs in the class that defines it, unless the class sets
  `allow_inherited_tests_method`. `TestContractSuccessor(TestContract)`
  runs its own tests, not contract's again.

The tests of `KNOWN_FAILURES` are skipped with their reason, which pytest
prints and the summary counts. It is the only list of tests left out.

The browser tests (OCA `contract`'s portal tour) run in the browser that
`make test` found, named by the environment variable SUITE_BROWSER; with
it set, a browser test that Odoo skips because the browser did not start
fails instead of passing unseen.
"""

import os
from pathlib import PurePath

import pytest

# contract's own tests that another OCA addon of requirements-oca.txt breaks,
# suite or no suite: contract's CI runs them before that addon is installed.
UNLINK = (
    "OCA contract_line_successor: the test deletes a running contract line and "
    "contract.line.unlink() raises 'Contract line must be canceled before "
    "delete' (fails with only contract and contract_line_successor installed)"
)
DATE_START = (
    "OCA product_contract: its contract.line onchange of product_id sets "
    "date_start to today, so a line added in the contract form does not take "
    "the contract's date_start (assertEqual(date(2020, 1, 1), <today>); fails "
    "with only contract and product_contract's dependencies installed)"
)
CLOSE_REASON = (
    "helpdesk_priority_matrix asks the client for a reason before a ticket is "
    "closed from the portal (seed 001 §6: the client confirms and says why); "
    "helpdesk_mgmt's test posts no reason, so the confirmation page answers "
    "instead of the redirect. Closing with a reason, a wrong stage and "
    "another client's ticket are tested in helpdesk_priority_matrix"
)
RENEW_DEMO = (
    "the test compares the set of every contract line due for renewal in the "
    "database with the four lines it made; helpdesk_plans' demo data adds "
    "plan subscriptions due for renewal (seed 003's client that renews in "
    "three days), so the set holds one line more than the test made"
)
# "<addon>/tests/<file>.py::<Class>[::<test>]" -> why it does not run here.
# A class entry covers every test of the class.
KNOWN_FAILURES = {
    "contract/tests/test_contract.py::TestContract::"
    "test_invoice_contract_without_lines": UNLINK,
    "contract/tests/test_contract.py::TestContract::"
    "test_onchange_contract_template_id_lines": UNLINK,
    "contract/tests/test_contract.py::TestContract::"
    "test_recurrency_propagation": DATE_START,
    "helpdesk_mgmt/tests/test_helpdesk_portal.py::TestHelpdeskPortal"
    "::test_close_ticket": CLOSE_REASON,
    "contract_line_successor/tests/test_contract.py::TestContractSuccessor"
    "::test_search_contract_line_to_renew": RENEW_DEMO,
}


def _addon_node_id(item):
    """The item's id from its addon folder on: the part after .../addons/."""
    parts = PurePath(item.path).parts
    addons = len(parts) - 1 - parts[::-1].index("addons")
    return "::".join(["/".join(parts[addons + 1 :]), *item.nodeid.split("::")[1:]])


def _known_failure(node_id):
    for known, reason in KNOWN_FAILURES.items():
        if node_id == known or node_id.startswith(known + "::"):
            return known, reason
    return None, None


def _not_run_by_odoo(item):
    """Whether Odoo's test runner leaves this test to another class."""
    cls = getattr(item, "cls", None)
    if cls is None:
        return False
    if cls.__module__ != item.module.__name__:
        return True
    inherited = item.originalname not in cls.__dict__
    return inherited and not getattr(cls, "allow_inherited_tests_method", False)


def pytest_collection_modifyitems(config, items):
    kept, elsewhere, used = [], [], set()
    for item in items:
        if _not_run_by_odoo(item):
            elsewhere.append(item)
            continue
        known, reason = _known_failure(_addon_node_id(item))
        if known:
            used.add(known)
            item.add_marker(pytest.mark.skip(reason=f"known failure: {reason}"))
        kept.append(item)
    if elsewhere:
        config.hook.pytest_deselected(items=elsewhere)
        items[:] = kept
    config.stash[_unused_key] = sorted(set(KNOWN_FAILURES) - used)


_unused_key = pytest.StashKey[list]()


def pytest_terminal_summary(terminalreporter, config):
    # An entry that matches nothing is stale: say so rather than keep it.
    for known in config.stash.get(_unused_key, []):
        terminalreporter.write_line(f"peer suites: {known} matched no test")


# The reasons Odoo's ChromeBrowser gives when it skips a browser test.
BROWSER_SKIPS = (
    "Chrome executable not found",
    "websocket-client module is not installed",
    "Failed to detect chrome devtools port",
    "Error during Chrome headless connection",
    "Error during Chrome connection",
    "Cannot connect to chrome dev tools",
)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    report = (yield).get_result()
    browser = os.environ.get("SUITE_BROWSER")
    if not (browser and report.skipped and isinstance(report.longrepr, tuple)):
        return
    reason = report.longrepr[2]
    if any(skip in reason for skip in BROWSER_SKIPS):
        report.outcome = "failed"
        report.longrepr = (
            f"browser test skipped although {browser} is installed: {reason}"
        )
