from odoo.addons.helpdesk_priority_matrix.tools.module_data import (
    release_module_data,
    restore_module_data,
)


def pre_init_hook(env):
    """Records an earlier uninstall left in place are the module's again."""
    restore_module_data(env, "helpdesk_plans")


def post_init_hook(env):
    """Entitle the open tickets again, so that the clients' plans answer for
    them from now on; keep the simulated card provider away from clients."""
    env["helpdesk.ticket"]._entitlement_apply_open()
    _keep_demo_provider_private(env)


def _keep_demo_provider_private(env):
    """``payment_demo`` (a dependency, to charge saved cards in tests and
    demonstrations) publishes a provider that simulates payments. Outside
    demonstration databases it is disabled, so that no client can pay with
    it; an administrator may enable it for a trial."""
    if env.ref("base.module_helpdesk_plans").demo:
        return
    provider = env.ref("payment.payment_provider_demo", raise_if_not_found=False)
    if provider and provider.state == "test":
        provider.write({"state": "disabled", "is_published": False})


def uninstall_hook(env):
    """Leave the records still in use in place and let the dropped tables
    take the module's own: see ``release_module_data``."""
    release_module_data(env, "helpdesk_plans")
