"""The upgrade test's comparison of the snapshots before and after `-u`
(tests/upgrade/compare.py), as a table of changes it must catch or accept."""

import copy
import importlib.util
from pathlib import Path

import pytest

_PATH = Path(__file__).resolve().parents[1] / "upgrade" / "compare.py"
_SPEC = importlib.util.spec_from_file_location("upgrade_compare", _PATH)
compare = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(compare)

BEFORE = {
    "wallets": {"1": {"balance": 3, "ledger": 3}},
    "moves": {
        "1": {"id": 1, "wallet_id": 1, "kind": "purchase", "amount": 5},
        "2": {"id": 2, "wallet_id": 1, "kind": "consumption", "amount": -2},
    },
    "subscriptions": {"1": {"state": "active", "tickets_remaining": 4}},
    "tickets": {
        "7": {
            "stage_id": [2],
            "sla_response_deadline": "2026-11-23T14:00:00",
            "is_covered": True,
        }
    },
    "messages": {"7": 5},
    "crons": {
        "helpdesk_autoclose.ir_cron_helpdesk_autoclose": {
            "active": True,
            "code": "model._cron_autoclose()",
            "interval": "15 minutes",
            "nextcall": "2026-11-23T10:00:00",
        }
    },
}


def changed(path, value):
    """A copy of BEFORE with the value at path (keys) replaced or removed."""
    after = copy.deepcopy(BEFORE)
    *keys, last = path
    target = after
    for key in keys:
        target = target[key]
    if value is None:
        del target[last]
    else:
        target[last] = value
    return after


@pytest.mark.parametrize(
    "after, expected",
    [
        (copy.deepcopy(BEFORE), []),
        (
            changed(("wallets", "1", "balance"), 4),
            ["wallet 1 after", "wallet 1: balance"],
        ),
        (changed(("moves", "2", "amount"), -1), ["move 2: amount"]),
        (changed(("moves", "2"), None), ["move 2: missing"]),
        (changed(("moves", "3"), {"id": 3, "amount": 1}), ["move 3: created"]),
        (changed(("moves", "1", "new_column"), "x"), []),
        (changed(("subscriptions", "1", "tickets_remaining"), 5), ["subscription 1"]),
        (changed(("tickets", "7", "stage_id"), [3]), ["ticket 7: stage_id"]),
        (
            changed(("tickets", "7", "sla_response_deadline"), None),
            ["ticket 7: sla_response"],
        ),
        (changed(("tickets", "7", "is_covered"), False), ["ticket 7: is_covered"]),
        (changed(("tickets", "8"), {"stage_id": [1]}), ["ticket 8: created"]),
        (changed(("messages", "7"), 6), ["ticket 7: 5 messages"]),
        (
            changed(
                ("crons", "helpdesk_autoclose.ir_cron_helpdesk_autoclose", "active"),
                False,
            ),
            ["no longer scheduled"],
        ),
        (
            changed(
                ("crons", "helpdesk_autoclose.ir_cron_helpdesk_autoclose", "nextcall"),
                False,
            ),
            ["no longer scheduled"],
        ),
        (
            changed(
                ("crons", "helpdesk_autoclose.ir_cron_helpdesk_autoclose", "interval"),
                "1 hours",
            ),
            ["runs every 1 hours"],
        ),
        (
            changed(("crons", "helpdesk_autoclose.ir_cron_helpdesk_autoclose"), None),
            ["gone"],
        ),
        (
            changed(
                ("crons", "helpdesk_plans.ir_cron_new"),
                BEFORE["crons"]["helpdesk_autoclose.ir_cron_helpdesk_autoclose"],
            ),
            [],
        ),
    ],
)
def test_compare(after, expected):
    found = list(compare.problems(BEFORE, after))
    assert len(found) == len(expected), found
    for problem, start in zip(found, expected, strict=True):
        assert start in problem


def test_unbalanced_before_is_reported():
    before = changed(("wallets", "1", "ledger"), 2)
    found = list(compare.problems(before, before))
    assert found == [
        "wallet 1 before: balance 3 but its ledger sums to 2",
        "wallet 1 after: balance 3 but its ledger sums to 2",
    ]
