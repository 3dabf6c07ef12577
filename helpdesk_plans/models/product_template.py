from odoo import api, fields, models
from odoo.exceptions import ValidationError

PLAN_ROLES = [
    ("subscription", "Plan subscription"),
    ("bag", "Add-on bag"),
    ("license", "License including a plan"),
]


class ProductTemplate(models.Model):
    _inherit = "product.template"

    helpdesk_plan_role = fields.Selection(
        selection=PLAN_ROLES,
        string="Support Plan Role",
        help="Plan subscription: confirming a sale subscribes the client to "
        "the plan. Add-on bag: adds the plan's tickets for a limited number "
        "of days. License including a plan: the license comes with a "
        "subscription to the plan, not invoiced by itself.",
    )
    helpdesk_plan_id = fields.Many2one(
        comodel_name="helpdesk.plan",
        string="Support Plan",
        ondelete="restrict",
    )
    helpdesk_bag_validity_days = fields.Integer(
        string="Bag Validity (days)",
        default=30,
        help="Days the tickets of an add-on bag stay usable after its purchase.",
    )

    @api.constrains("helpdesk_plan_role", "helpdesk_plan_id", "is_contract")
    def _check_helpdesk_plan(self):
        for product in self.filtered("helpdesk_plan_role"):
            if not product.helpdesk_plan_id:
                raise ValidationError(
                    self.env._(
                        "The product %(product)s has a support plan role: choose "
                        "its plan.",
                        product=product.name,
                    )
                )
            if product.helpdesk_plan_role == "subscription" and not (
                product.is_contract
            ):
                raise ValidationError(
                    self.env._(
                        "The product %(product)s subscribes to a plan: it must "
                        "be a contract product, invoiced at every period.",
                        product=product.name,
                    )
                )
            if (
                product.helpdesk_plan_role == "bag"
                and product.helpdesk_bag_validity_days <= 0
            ):
                raise ValidationError(
                    self.env._(
                        "The bag %(product)s must stay valid at least one day.",
                        product=product.name,
                    )
                )
