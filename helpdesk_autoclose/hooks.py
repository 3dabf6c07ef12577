def post_init_hook(env):
    """Tickets already waiting on the client when the module is installed
    start their waiting period now: their clients get the whole reminder
    and close delays rather than an immediate close."""
    env["helpdesk.ticket"].search(
        [("stage_id.closed", "=", False), ("stage_id.sla_pause", "=", True)]
    )._autoclose_start_waiting()
