from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.osv import expression
from odoo.tools import SQL


class HelpdeskTicket(models.Model):
    """Which tickets a portal client reads: helpdesk_mgmt's rule (the tickets
    of the client's company and of its contacts, and those they follow),
    asked as one lookup through the indexes of the client and of the
    followers. Written as helpdesk_mgmt writes it, the rule makes
    PostgreSQL read every ticket of every client for each portal page."""

    _inherit = "helpdesk.ticket"

    partner_id = fields.Many2one(index=True)
    portal_client_id = fields.Many2one(
        comodel_name="res.partner",
        compute="_compute_portal_client_id",
        search="_search_portal_client_id",
        help="The client whose portal users read this ticket.",
    )

    @api.depends("commercial_partner_id")
    def _compute_portal_client_id(self):
        for ticket in self:
            ticket.portal_client_id = ticket.commercial_partner_id

    def _search_portal_client_id(self, operator, value):
        """Tickets whose contact, or one of whose followers, is one of the
        partners ``value`` or one of their contacts (``child_of``, as
        helpdesk_mgmt's rule says); ``!=`` and ``not in`` the others."""
        if operator not in ("=", "in", "!=", "not in"):
            raise UserError(
                self.env._(
                    "Tickets are searched by portal client with =, !=, in or "
                    "not in, not with %(operator)s.",
                    operator=operator,
                )
            )
        positive = operator in ("=", "in")
        clients = [value] if isinstance(value, int) else [v for v in value or () if v]
        partners = (
            self.env["res.partner"]
            .sudo()
            .with_context(active_test=False)
            .search([("id", "child_of", clients)])
            if clients
            else self.env["res.partner"]
        )
        if not partners:
            return expression.FALSE_DOMAIN if positive else expression.TRUE_DOMAIN
        ids = tuple(partners.ids)
        self.env["mail.followers"].flush_model(["res_model", "res_id", "partner_id"])
        self.flush_model(["partner_id"])
        return [
            (
                "id",
                "in" if positive else "not in",
                SQL(
                    "(SELECT id FROM helpdesk_ticket WHERE partner_id IN %s "
                    "UNION SELECT res_id FROM mail_followers "
                    "WHERE res_model = %s AND partner_id IN %s)",
                    ids,
                    self._name,
                    ids,
                ),
            )
        ]
