from odoo.addons.helpdesk_priority_matrix.tools.module_data import (
    release_module_data,
    restore_module_data,
)


def pre_init_hook(env):
    """Records an earlier uninstall left in place are the module's again."""
    restore_module_data(env, "helpdesk_sla_wallet")


def post_init_hook(env):
    """Open tickets of clients who already hold a wallet are entitled
    through it; the others keep their service policy."""
    env["helpdesk.ticket"]._entitlement_apply_open()


def uninstall_hook(env):
    """Leave the records still in use in place and let the dropped tables
    take the module's own: see ``release_module_data``."""
    release_module_data(env, "helpdesk_sla_wallet")
