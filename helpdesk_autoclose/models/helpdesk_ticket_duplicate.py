from odoo import api, fields, models
from odoo.tools.sql import create_index, drop_index

from .helpdesk_ticket_autoclose import AUTOMATIC


class HelpdeskTicket(models.Model):
    """004 rules 3 and 6: one ticket per case. A new ticket of a client that
    has an open ticket with the same subject or category is flagged to the
    agent, who merges it (helpdesk_mgmt_merge) or dismisses the flag."""

    _inherit = "helpdesk.ticket"

    probable_duplicate_id = fields.Many2one(
        comodel_name="helpdesk.ticket",
        string="Probable Duplicate Of",
        readonly=True,
        copy=False,
        help="Open ticket of the same client with the same subject or "
        "category: the client may have opened a new ticket for an open case.",
    )

    def init(self):
        # Every new ticket looks for the oldest matching ticket of its
        # client: in the order of this index the search stops at the first
        # match, instead of reading and sorting all the client's tickets.
        create_index(
            self.env.cr,
            "helpdesk_ticket__commercial_partner_id_id_index",
            self._table,
            ["commercial_partner_id", "id"],
        )
        # The index of the client alone, of earlier versions, is a prefix
        # of this one.
        drop_index(
            self.env.cr, "helpdesk_ticket__commercial_partner_id_index", self._table
        )

    @api.model
    def _autoclose_subject_key(self, subject):
        """Subjects compare without case, surrounding spaces nor a reply
        prefix."""
        subject = (subject or "").strip()
        for prefix in ("re:", "fw:", "fwd:", "rv:"):
            if subject.lower().startswith(prefix):
                subject = subject[len(prefix) :].strip()
        return subject.lower()

    def _autoclose_duplicate_domain(self):
        self.ensure_one()
        matches = []
        subject = self._autoclose_subject_key(self.name)
        if subject:
            escaped = subject.replace("\\", "\\\\").replace("%", "\\%")
            matches.append([("name", "=ilike", escaped.replace("_", "\\_"))])
        if self.category_id:
            matches.append([("category_id", "=", self.category_id.id)])
        if not matches:
            return None
        return (
            [
                ("id", "<", self.id),
                ("commercial_partner_id", "=", self.commercial_partner_id.id),
                ("stage_id.closed", "=", False),
            ]
            + (["|"] * (len(matches) - 1))
            + [leaf for match in matches for leaf in match]
        )

    def _autoclose_flag_duplicates(self):
        """Look for an older open ticket of the same case."""
        # The search saves the new tickets first: what remains to compute on
        # them (due dates, stars) is computed now and saved in the same
        # statement instead of one more at the commit.
        self._recompute_recordset()
        rules = {}
        detecting = self.env["helpdesk.autoclose.rule"]._detecting_duplicate_ids()
        for ticket in self:
            if (
                ticket.autoclose_origin_id
                or not ticket.commercial_partner_id
                or ticket._autoclose_rule(rules).id not in detecting
            ):
                continue
            domain = ticket._autoclose_duplicate_domain()
            if domain is None:
                continue
            original = self.sudo().search(domain, order="id", limit=1)
            if original:
                ticket.sudo().probable_duplicate_id = original

    def action_autoclose_merge_duplicate(self):
        """Open the merge wizard with the older ticket as destination."""
        self.ensure_one()
        original = self.probable_duplicate_id
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "helpdesk_mgmt_merge.action_helpdesk_ticket_merge"
        )
        action["context"] = {
            "active_model": self._name,
            "active_ids": (original | self).ids,
        }
        return action

    def action_autoclose_dismiss_duplicate(self):
        for ticket in self.with_context(**{AUTOMATIC: True}):
            original = ticket.probable_duplicate_id
            ticket.probable_duplicate_id = False
            ticket.message_post(
                body=ticket.env._(
                    "Not a duplicate of %(number)s.", number=original.number
                ),
                subtype_xmlid="mail.mt_note",
            )
