from odoo import api, models
from odoo.tools import ormcache

# Fields whose change makes a client a holder, or not any more.
HOLDER_FIELDS = {"partner_id", "company_id"}


class HelpdeskCoverageHolderMixin(models.AbstractModel):
    """What covers a client's tickets (a wallet, a plan subscription, an
    add-on bag): the clients holding one are known per company through a
    registry cache, so that the ticket of a client who holds none, the
    common case, is entitled without searching every kind of coverage.

    The cache is cleared when such a record is created, deleted or changes
    hands, in this worker at once and in the others when the transaction
    commits; once more after the commit, for a worker thread that filled it
    meanwhile from an older snapshot.
    """

    _name = "helpdesk.coverage.holder.mixin"
    _description = "Helpdesk Coverage Holder"

    @api.model
    @ormcache("company_id")
    def _holder_partner_ids(self, company_id):
        groups = (
            self.sudo()
            .with_context(active_test=False)
            ._read_group([("company_id", "=", company_id)], groupby=["partner_id"])
        )
        return frozenset(partner.id for (partner,) in groups)

    @api.model
    def _is_holder(self, partner, company):
        """Whether ``partner`` (a commercial partner) holds a record of this
        model in ``company``, whatever its state."""
        return partner.id in self._holder_partner_ids(company.id)

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        self._holders_changed()
        return records

    def write(self, vals):
        result = super().write(vals)
        if HOLDER_FIELDS & set(vals):
            self._holders_changed()
        return result

    def unlink(self):
        result = super().unlink()
        self._holders_changed()
        return result

    def _holders_changed(self):
        registry = self.env.registry
        registry.clear_cache()
        self.env.cr.postcommit.add(registry.clear_cache)
