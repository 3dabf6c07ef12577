def pre_init_hook(env):
    """Tickets that exist before the installation started their SLA clock
    when they were created, not when the module was installed."""
    env.cr.execute(
        "ALTER TABLE helpdesk_ticket ADD COLUMN IF NOT EXISTS sla_start_date timestamp"
    )
    env.cr.execute("UPDATE helpdesk_ticket SET sla_start_date = create_date")


def post_init_hook(env):
    """Give the open tickets an entitlement, hence an SLA policy and deadlines."""
    tickets = env["helpdesk.ticket"].search([("closed", "=", False)])
    tickets._apply_entitlement(keep_policy=True)
