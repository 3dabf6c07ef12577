from odoo import api, fields, models
from odoo.tools import ormcache

from .helpdesk_priority_matrix_cell import IMPACT_URGENCY_LEVELS


class HelpdeskTicketCategory(models.Model):
    _name = "helpdesk.ticket.category"
    _inherit = ["helpdesk.ticket.category", "helpdesk.config.cache.mixin"]

    criticality = fields.Selection(
        selection=[("critical", "Critical"), ("non_critical", "Non-critical")],
        help="Critical cases stop the client's operation; they are proposed "
        "with a high impact and urgency.",
    )
    functional_area_id = fields.Many2one(
        comodel_name="helpdesk.functional.area",
        index=True,
    )
    default_impact = fields.Selection(
        selection=IMPACT_URGENCY_LEVELS,
        help="Impact proposed on a ticket when this category is chosen.",
    )
    default_urgency = fields.Selection(
        selection=IMPACT_URGENCY_LEVELS,
        help="Urgency proposed on a ticket when this category is chosen.",
    )
    administrative = fields.Boolean(
        string="Administrative Case",
        help="Billing, payments, account statements, subscription management: "
        "served for every client with the service policy, without consuming a "
        "wallet ticket or a plan quota.",
    )

    @api.model
    @ormcache()
    def _proposed_impact_urgency(self):
        """{category id: (impact, urgency)} of the categories that propose
        them, kept across transactions until a category changes: every new
        ticket with a category needs them."""
        proposing = [
            "|",
            ("default_impact", "!=", False),
            ("default_urgency", "!=", False),
        ]
        categories = self.sudo().with_context(active_test=False).search(proposing)
        return {
            category.id: (category.default_impact, category.default_urgency)
            for category in categories
        }

    def _portal_groups(self):
        """These categories as ``(label, categories)`` pairs for the portal
        picker: one group per functional area in the catalog's order, then
        the categories outside the catalog (helpdesk_mgmt's own, a company's
        additions) under "Other", so that they never mix with its areas."""
        groups = []
        for area, categories in self.grouped("functional_area_id").items():
            if area:
                groups.append((area, categories))
        groups.sort(key=lambda group: (group[0].sequence, group[0].name))
        pairs = [(area.name, categories) for area, categories in groups]
        others = self.filtered(lambda category: not category.functional_area_id)
        if others:
            pairs.append((self.env._("Other"), others))
        return pairs
