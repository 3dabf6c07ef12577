from odoo import fields, models


class HelpdeskFunctionalArea(models.Model):
    """A business area of the client's system (invoicing, inventory, payroll…)
    used to group the catalog of critical and non-critical cases."""

    _name = "helpdesk.functional.area"
    _description = "Helpdesk Functional Area"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    category_ids = fields.One2many(
        comodel_name="helpdesk.ticket.category",
        inverse_name="functional_area_id",
        string="Cases",
    )

    def _merge_into(self, target):
        """Move the cases of these areas to ``target`` and delete them: the
        catalog keeps every case under a single area per business domain."""
        target.ensure_one()
        areas = self - target
        categories = (
            self.env["helpdesk.ticket.category"]
            .with_context(active_test=False)
            .search([("functional_area_id", "in", areas.ids)])
        )
        categories.functional_area_id = target
        areas.unlink()
