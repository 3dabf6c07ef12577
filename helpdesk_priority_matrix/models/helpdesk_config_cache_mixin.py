from odoo import api, models


class HelpdeskConfigCacheMixin(models.AbstractModel):
    """Configuration that creating a ticket reads through registry caches
    (``ormcache``: matrices, levels, categories, policies, suspensions):
    any change to it clears them, in this worker at once and in the others
    when the transaction commits."""

    _name = "helpdesk.config.cache.mixin"
    _description = "Helpdesk Cached Configuration"

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        self.env.registry.clear_cache()
        return records

    def write(self, vals):
        result = super().write(vals)
        self.env.registry.clear_cache()
        return result

    def unlink(self):
        result = super().unlink()
        self.env.registry.clear_cache()
        return result
