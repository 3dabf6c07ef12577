from .tools.module_data import release_module_data, restore_module_data


def pre_init_hook(env):
    """Tickets that exist before the installation started their SLA clock
    when they were created, not when the module was installed. Records an
    earlier uninstall left in place are the module's again."""
    restore_module_data(env, "helpdesk_priority_matrix")
    env.cr.execute(
        "ALTER TABLE helpdesk_ticket ADD COLUMN IF NOT EXISTS sla_start_date timestamp"
    )
    env.cr.execute("UPDATE helpdesk_ticket SET sla_start_date = create_date")


SHIPPED_CALENDARS = (
    "calendar_mon_fri_9_18",
    "calendar_mon_fri_0830_1730",
    "calendar_8x5",
    "calendar_12x5",
    "calendar_24x7",
    "calendar_mon_fri_9_17",
)


def post_init_hook(env):
    _localize_shipped_calendars(env)
    _entitle_existing_tickets(env)


def _localize_shipped_calendars(env):
    """The shipped working hours mean local time: a calendar left in UTC
    would open the service in the middle of the night in Latin America."""
    tz = env.company._helpdesk_timezone()
    for xmlid in SHIPPED_CALENDARS:
        calendar = env.ref(
            f"helpdesk_priority_matrix.{xmlid}", raise_if_not_found=False
        )
        if calendar and calendar.tz in (False, "UTC"):
            calendar.tz = tz


def _entitle_existing_tickets(env):
    """Give the tickets that existed before the installation a priority level
    (the matrix is loaded after their columns were filled): the level their
    stars show, so that stars and level agree; then an entitlement, hence an
    SLA policy and deadlines."""
    tickets = env["helpdesk.ticket"].with_context(active_test=False).search([])
    without_level = tickets.filtered(lambda t: not t.priority_level_id)
    stars = {ticket: ticket.priority for ticket in without_level}
    without_level._compute_priority_level_id()
    for ticket, priority in stars.items():
        # Written, not restored: the stars' inverse picks the level.
        ticket.priority = priority
    env["helpdesk.ticket"]._entitlement_apply_open()


# helpdesk_mgmt's domain of its portal rule, which the module replaces.
HELPDESK_MGMT_PORTAL_RULE = (
    "['|', ('partner_id', 'child_of', [user.commercial_partner_id.id]), "
    "('message_partner_ids', 'child_of', [user.commercial_partner_id.id])]"
)


def uninstall_hook(env):
    """Leave the records still in use in place and let the dropped tables
    take the module's own: see ``release_module_data``."""
    restore_helpdesk_mgmt_portal_rule(env)
    release_module_data(env, "helpdesk_priority_matrix")


def restore_helpdesk_mgmt_portal_rule(env):
    """Give helpdesk_mgmt's portal rule its own domain back: the field the
    module's version relies on goes away with it."""
    rule = env.ref(
        "helpdesk_mgmt.helpdesk_ticket_rule_portal", raise_if_not_found=False
    )
    if rule:
        rule.domain_force = HELPDESK_MGMT_PORTAL_RULE
