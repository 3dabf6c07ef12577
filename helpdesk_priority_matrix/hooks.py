def pre_init_hook(env):
    """Tickets that exist before the installation started their SLA clock
    when they were created, not when the module was installed."""
    env.cr.execute(
        "ALTER TABLE helpdesk_ticket ADD COLUMN IF NOT EXISTS sla_start_date timestamp"
    )
    env.cr.execute("UPDATE helpdesk_ticket SET sla_start_date = create_date")


def post_init_hook(env):
    """Give the tickets that existed before the installation a priority level
    (the matrix is loaded after their columns were filled) without changing
    their stars, then an entitlement, hence an SLA policy and deadlines."""
    tickets = env["helpdesk.ticket"].with_context(active_test=False).search([])
    without_level = tickets.filtered(lambda t: not t.priority_level_id)
    stars = {ticket: ticket.priority for ticket in without_level}
    without_level._compute_priority_level_id()
    for ticket, priority in stars.items():
        ticket.priority = priority
    env["helpdesk.ticket"]._entitlement_apply_open()
