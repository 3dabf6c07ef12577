from odoo.addons.helpdesk_priority_matrix.tools.module_data import (
    release_module_data,
    restore_module_data,
)


def pre_init_hook(env):
    """Records an earlier uninstall left in place are the module's again."""
    restore_module_data(env, "helpdesk_autoclose")


def post_init_hook(env):
    """Tickets already waiting on the client when the module is installed
    start their waiting period now: their clients get the whole reminder
    and close delays rather than an immediate close."""
    env["helpdesk.ticket"].search(
        [("stage_id.closed", "=", False), ("stage_id.sla_pause", "=", True)]
    )._autoclose_start_waiting()


def uninstall_hook(env):
    """Leave the records still in use in place and let the dropped tables
    take the module's own: see ``release_module_data``."""
    release_module_data(env, "helpdesk_autoclose")
