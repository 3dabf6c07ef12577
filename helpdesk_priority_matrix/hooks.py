def post_init_hook(env):
    """Give the tickets that existed before the installation a priority
    level, an entitlement and an SLA clock started when they were created."""
    tickets = env["helpdesk.ticket"].with_context(active_test=False).search([])
    for ticket in tickets:
        ticket.sla_start_date = ticket.create_date
    tickets.filtered(lambda t: not t.closed)._apply_entitlement(keep_policy=True)
