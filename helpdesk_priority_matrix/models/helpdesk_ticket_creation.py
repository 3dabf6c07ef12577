from odoo import api, models
from odoo.tools import ormcache

# Context key set while helpdesk_mgmt and mail create the tickets.
CREATING = "helpdesk_creating_tickets"


class HelpdeskTicket(models.Model):
    """What a new ticket is known to hold before it is saved, given with its
    values so that it is not searched or computed again for each ticket:
    the first stage of its team, the client's company, and what each module
    adds (no rating yet, no task yet). The values passed by the caller always win."""

    _inherit = "helpdesk.ticket"

    @api.model
    def _creation_known_values(self, vals):
        """``{field: value}`` that a ticket created from ``vals`` would get
        anyway from a search or a computation."""
        known = {}
        if "stage_id" not in vals and self._creation_stage_cacheable():
            team_id = vals.get("team_id") or False
            company_id = False if team_id else self.env.company.id
            known["stage_id"] = self._creation_first_stage_id(team_id, company_id)
        if vals.get("partner_id") and "commercial_partner_id" not in vals:
            # helpdesk_mgmt's related field, otherwise written after the
            # insert by an UPDATE of its own.
            partner = self.env["res.partner"].sudo().browse(vals["partner_id"])
            known["commercial_partner_id"] = partner.commercial_partner_id.id
        return known

    def _creation_stage_cacheable(self):
        """The first stage depends on the user's companies through the
        stages' record rule, and on ``active_test``: only the superuser's
        default search is kept (the portal form, the mail gateway, the
        crons)."""
        return self.env.su and self.env.context.get("active_test", True)

    @api.model
    @ormcache("team_id", "company_id")
    def _creation_first_stage_id(self, team_id, company_id):
        """helpdesk_mgmt's first applicable stage of the team (or, without
        a team, of the company); cleared with the stages and the teams."""
        teams = self.env(su=True, context={})["helpdesk.ticket.team"]
        team = teams.browse(team_id) if team_id else teams.with_company(company_id)
        return team._get_applicable_stages()[:1].id

    @api.model
    def _creation_prepare_vals(self, vals_list):
        """Add the known values to ``vals_list``; the names added to each
        vals, for ``_creation_keep_known``."""
        added = []
        for vals in vals_list:
            known = self._creation_known_values(vals)
            names = [name for name in known if name not in vals]
            vals.update((name, known[name]) for name in names)
            added.append(names)
        return added

    def _creation_keep_known(self, added):
        """Odoo computes a read-only computed field of a new record even
        when its value is given: the known ones are kept as saved."""
        for ticket, names in zip(self, added, strict=True):
            for name in names:
                field = self._fields[name]
                if field.compute and field.readonly:
                    self.env.remove_to_compute(field, ticket)

    def _creation_env(self):
        """The environment the tickets are inserted in, which lets their
        creation message skip the search of an older one."""
        return self.with_context(**{CREATING: True})

    def _creation_subtype(self):
        """helpdesk_mgmt's subtype, without checking that the record still
        exists at each ticket: the external id's cache is cleared when it
        is deleted."""
        subtype_id = self.env["ir.model.data"]._xmlid_to_res_id(
            "helpdesk_mgmt.hlp_tck_created", raise_if_not_found=False
        )
        return self.env["mail.message.subtype"].browse(subtype_id)

    def _message_compute_parent_id(self, parent_id):
        """The message that creates a ticket is its first: nothing to
        thread it under, which Odoo would search for."""
        if not parent_id and self._creation_has_no_message():
            return False
        return super()._message_compute_parent_id(parent_id)

    def _creation_has_no_message(self):
        """A ticket created in this transaction whose messages are known,
        from the cache the creation filled, to be none yet."""
        if len(self) != 1 or not self.env.context.get(CREATING):
            return False
        field = self._fields["message_ids"]
        return self.env.cache.get(self, field, None) == ()
