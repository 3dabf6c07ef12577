from odoo import api, fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    helpdesk_authorized = fields.Boolean(
        string="May Open Support Tickets",
        compute="_compute_helpdesk_authorized",
        store=True,
        readonly=False,
        help="When the company accepts tickets from authorized contacts only, "
        "tickets from other contacts wait until an authorized contact or an "
        "agent approves them. The main contact (a company's own address, or a "
        "person without a company) is authorized by default.",
    )

    @api.depends("is_company", "parent_id")
    def _compute_helpdesk_authorized(self):
        # A contact moved to another company loses the authorization its
        # former company gave.
        for partner in self:
            partner.helpdesk_authorized = partner.is_company or not partner.parent_id

    def _helpdesk_approvers(self):
        """The contacts of the same commercial partner who may approve a
        ticket from this partner: authorized, reachable by email."""
        commercial = self.commercial_partner_id
        if not commercial:
            return self.browse()
        return (
            self.sudo()
            .search(
                [
                    ("id", "child_of", commercial.ids),
                    ("helpdesk_authorized", "=", True),
                    ("email", "!=", False),
                ]
            )
            .filtered(lambda contact: contact not in self)
        )
