"""The three clients of issue 17 whose tickets are compared: one with a
wallet holding tickets, one with an active plan subscription with quota
left, one with neither.

Each is a company with a contact who opens the tickets. In the database
with the suite the wallet is credited and the subscription activated with
the modules' own methods, as a manager and a sale would; in the one with
bare helpdesk_mgmt the same partners exist without them, so that both
databases create the same tickets.
"""

from common import Intake

# More than every run creates: no ticket of a run finds the wallet or the
# plan exhausted.
QUOTA = 1_000_000
KINDS = ("wallet", "plan", "neither")


def create_clients(env):
    """``{kind: contact}`` for the three kinds, with what the suite gives
    them where it is installed."""
    clients = {kind: _contact(env, kind) for kind in KINDS}
    if "helpdesk.wallet" in env:
        _credit_wallet(env, clients["wallet"])
    if "helpdesk.plan.subscription" in env:
        subscribe(env, clients["plan"])
    env.flush_all()
    return clients


def _contact(env, kind):
    company = env["res.partner"].create(
        {
            "name": f"Cliente {kind} S.A.",
            "email": f"ti@{kind}.example.com",
            "is_company": True,
        }
    )
    return env["res.partner"].create(
        {
            "name": f"Contacto {kind}",
            "email": f"contacto@{kind}.example.com",
            "parent_id": company.id,
        }
    )


def standard_policy(env):
    return env.ref("helpdesk_priority_matrix.sla_policy_standard")


def _credit_wallet(env, contact):
    """Tickets credited by a manager's adjustment, on the standard policy."""
    wallet = env["helpdesk.wallet"]._for_partner(contact, create=True)
    wallet.with_user(env.ref("base.user_admin"))._adjust(
        QUOTA, "Benchmark", sla_policy=standard_policy(env)
    )


def support_plan(env, **values):
    """A monthly plan on the standard policy, quota large enough for any
    run."""
    return env["helpdesk.plan"].create(
        {
            "name": "Plan de soporte",
            "sla_policy_id": standard_policy(env).id,
            "ticket_quota": QUOTA,
            "billing_period": "monthly",
            "price": 350.0,
            **values,
        }
    )


def subscribe(env, contact, plan=None, **values):
    """An active subscription of the contact's company, started today: its
    contract line is created by the activation."""
    subscription = env["helpdesk.plan.subscription"].create(
        {
            "partner_id": contact.commercial_partner_id.id,
            "plan_id": (plan or support_plan(env)).id,
            **values,
        }
    )
    subscription.action_activate()
    return subscription


def intake_with_clients(env):
    """The benchmark's team and category, and the three clients."""
    return Intake.create(env), create_clients(env)
