#!/usr/bin/env python3
"""Compare the snapshots taken before and after an upgrade (snapshot.py).

Usage: compare.py BEFORE.json AFTER.json; prints one line per problem and
exits 1 when there is one. An upgrade keeps every wallet's balance equal to
its ledger, every move, subscription (state and quota) and ticket (stage,
deadlines, coverage, waiting clock) as it was, every ticket's messages, and
every scheduled job of the suite active, scheduled and at its interval.
Columns and records the newer version adds are not compared.
"""

import json
import sys

COUNTED = ("wallets", "moves", "subscriptions", "tickets", "crons")


def same_records(kind, before, after):
    """Every record of before, with the same values for before's fields."""
    for key, old in before.items():
        new = after.get(key)
        if new is None:
            yield f"{kind} {key}: missing after the upgrade"
            continue
        for name, value in old.items():
            if new.get(name, value) != value or name not in new:
                yield f"{kind} {key}: {name} was {value!r}, is {new.get(name)!r}"


def balanced(when, wallets):
    for key, wallet in wallets.items():
        if wallet["balance"] != wallet["ledger"]:
            yield (
                f"wallet {key} {when}: balance {wallet['balance']} "
                f"but its ledger sums to {wallet['ledger']}"
            )


def no_new(kind, before, after):
    for key in sorted(set(after) - set(before), key=int):
        yield f"{kind} {key}: created by the upgrade"


def scheduled(before, after):
    for name, old in before.items():
        new = after.get(name)
        if new is None:
            yield f"cron {name}: gone after the upgrade"
        elif not new["active"] or not new["nextcall"]:
            yield f"cron {name}: no longer scheduled"
        elif new["interval"] != old["interval"]:
            yield f"cron {name}: runs every {new['interval']}, not {old['interval']}"


def problems(before, after):
    yield from balanced("before", before["wallets"])
    yield from balanced("after", after["wallets"])
    yield from same_records("wallet", before["wallets"], after["wallets"])
    yield from same_records("move", before["moves"], after["moves"])
    yield from no_new("move", before["moves"], after["moves"])
    yield from same_records(
        "subscription", before["subscriptions"], after["subscriptions"]
    )
    yield from same_records("ticket", before["tickets"], after["tickets"])
    yield from no_new("ticket", before["tickets"], after["tickets"])
    for key, count in before["messages"].items():
        now = after["messages"].get(key)
        if now != count:
            yield f"ticket {key}: {count} messages before, {now} after"
    yield from scheduled(before["crons"], after["crons"])


def main(argv):
    before, after = (json.load(open(path, encoding="utf-8")) for path in argv)
    found = list(problems(before, after))
    for problem in found:
        print(problem)
    counts = ", ".join(f"{len(before[kind])} {kind}" for kind in COUNTED)
    print(f"compared {counts}: {len(found)} differences")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
