"""Merge the near-duplicate functional areas of the shipped catalog and let
the stars of existing tickets follow their priority level.

The catalog is ``noupdate``: an update neither moves its cases nor deletes
the areas dropped from the data file, so this step does it once.
"""

from odoo import SUPERUSER_ID, api

MERGED_AREAS = {
    "functional_area_inventory_logistics": "functional_area_logistics_inventory",
    "functional_area_pos_ecommerce": "functional_area_sales_pos_ecommerce",
    "functional_area_invoicing_accounting": "functional_area_accounting_finance",
}


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    _merge_functional_areas(env)
    _stars_follow_levels(env)


def _merge_functional_areas(env):
    for duplicate_xmlid, kept_xmlid in MERGED_AREAS.items():
        duplicate = env.ref(
            f"helpdesk_priority_matrix.{duplicate_xmlid}", raise_if_not_found=False
        )
        kept = env.ref(
            f"helpdesk_priority_matrix.{kept_xmlid}", raise_if_not_found=False
        )
        if duplicate and kept:
            duplicate._merge_into(kept)


def _stars_follow_levels(env):
    """Stars clicked before they changed the level meant a priority: open
    tickets take the level their stars show; closed tickets keep their level
    (and their SLA history) and show its stars."""
    tickets = env["helpdesk.ticket"].with_context(active_test=False).search([])
    differing = tickets.filtered(
        lambda t: (
            t.priority_level_id and t.priority_level_id.ticket_priority != t.priority
        )
    )
    open_tickets = differing.filtered(lambda t: not t.closed)
    open_tickets._inverse_priority()
    closed_tickets = differing - open_tickets
    for stars, tickets in closed_tickets.grouped(
        lambda t: t.priority_level_id.ticket_priority
    ).items():
        tickets.write({"priority": stars})
