"""Uninstall each suite module from a database with data, check that the
helpdesk_mgmt tickets stay open and usable, and install it again: first the
three modules on the foundation one by one, then the foundation (which takes
them with it), then all four again.

Usage: uninstall.py -c CONF -d DB --logfile LOG; prints one line per step and
exits 1 when a step failed (the caller also reads LOG for ERROR lines).
"""

import sys

from odoo_env import configure, environment

LEAVES = ["helpdesk_autoclose", "helpdesk_plans", "helpdesk_sla_wallet"]
FOUNDATION = "helpdesk_priority_matrix"


def open_tickets(env):
    return env["helpdesk.ticket"].search([("stage_id.closed", "=", False)], order="id")


def modules(env, names):
    return env["ir.module.module"].search([("name", "in", names)])


def uninstall(names):
    with environment() as env:
        modules(env, names).button_immediate_uninstall()
    with environment() as env:
        left = modules(env, names).filtered(
            lambda module: module.state != "uninstalled"
        )
        return [f"{module.name} is {module.state}" for module in left]


def install(names):
    with environment() as env:
        modules(env, names).button_immediate_install()
    with environment() as env:
        left = modules(env, names).filtered(lambda module: module.state != "installed")
        return [f"{module.name} is {module.state}" for module in left]


def usable(expected_open):
    """The tickets open before are still open, and an agent can still work:
    read the form, write to a ticket, move it, open a new one."""
    with environment() as env:
        tickets = open_tickets(env)
        problems = [
            f"ticket {ticket_id} is no longer open"
            for ticket_id in sorted(set(expected_open) - set(tickets.ids))
        ]
        ticket = tickets[:1]
        env["helpdesk.ticket"].get_views([(False, "form"), (False, "list")])
        ticket.message_post(
            body="Still here after the uninstall.", message_type="comment"
        )
        stages = env["helpdesk.ticket.stage"].search(
            [("closed", "=", False)], order="sequence"
        )
        ticket.stage_id = (stages - ticket.stage_id)[:1]
        new = env["helpdesk.ticket"].create(
            {"name": "After the uninstall", "description": "<p>It works.</p>"}
        )
        env.cr.flush()
        ticket.read(list(ticket._fields))
        new.unlink()
        return problems


def step(name, problems):
    print(f"{name}: {'ok' if not problems else 'FAILED'}")
    for problem in problems:
        print(f"  {problem}")
    return not problems


configure(sys.argv[1:])
with environment() as env:
    before = open_tickets(env).ids
ok = True
for module in LEAVES:
    ok &= step(f"uninstall {module}", uninstall([module]) + usable(before))
    ok &= step(f"install {module} again", install([module]))
ok &= step(
    f"uninstall {FOUNDATION} and the three others",
    uninstall([FOUNDATION]) + usable(before),
)
ok &= step("install the four again", install([FOUNDATION, *LEAVES]))
sys.exit(0 if ok else 1)
