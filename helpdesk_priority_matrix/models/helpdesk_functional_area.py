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
