"""Uninstall each suite module from a database with data, check that the
helpdesk_mgmt tickets stay open and usable (but the demo tickets of the
uninstalled modules' data files, which Odoo deletes with them), and install
it again: first the three modules on the foundation one by one, then the
foundation (which takes them with it), then all four again. The shipped
records the uninstall left in place (still in use: a stage holding tickets)
are the ones the modules find again when installed anew, not a second copy.

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


def made_by(env, names):
    """The tickets the modules' data files created (their demo tickets):
    Odoo deletes them with the modules."""
    data = env["ir.model.data"].search(
        [("model", "=", "helpdesk.ticket"), ("module", "in", names)]
    )
    return set(data.mapped("res_id"))


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


def shipped(env, names):
    """The records of the modules' data files, by external id."""
    data = env["ir.model.data"].search(
        [("module", "in", names), ("model", "not like", "ir.model%")]
    )
    return {f"{item.module}.{item.name}": (item.model, item.res_id) for item in data}


def left_in_place(before):
    """The shipped records the uninstall left in place (still in use)."""
    with environment() as env:
        return {
            xmlid: res_id
            for xmlid, (model, res_id) in before.items()
            if model in env and env[model].browse(res_id).exists()
        }


def taken_back(kept):
    """Installed again, the modules find the records they left in place
    instead of shipping a second copy."""
    with environment() as env:
        return [
            f"{xmlid} is a new record, not the one left in place"
            for xmlid, res_id in kept.items()
            if env.ref(xmlid, raise_if_not_found=False).id != res_id
        ]


def step(name, problems):
    print(f"{name}: {'ok' if not problems else 'FAILED'}")
    for problem in problems:
        print(f"  {problem}")
    return not problems


configure(sys.argv[1:])
with environment() as env:
    expected = set(open_tickets(env).ids)
ok = True
for module in LEAVES:
    with environment() as env:
        expected -= made_by(env, [module])
        before = shipped(env, [module])
    ok &= step(f"uninstall {module}", uninstall([module]) + usable(expected))
    kept = left_in_place(before)
    ok &= step(f"install {module} again", install([module]) + taken_back(kept))
with environment() as env:
    expected -= made_by(env, [FOUNDATION, *LEAVES])
    before = shipped(env, [FOUNDATION, *LEAVES])
ok &= step(
    f"uninstall {FOUNDATION} and the three others",
    uninstall([FOUNDATION]) + usable(expected),
)
kept = left_in_place(before)
ok &= step("install the four again", install([FOUNDATION, *LEAVES]) + taken_back(kept))
sys.exit(0 if ok else 1)
