from odoo import fields, models


class SaleOrder(models.Model):
    _inherit = "sale.order"

    helpdesk_plan_subscription_ids = fields.One2many(
        comodel_name="helpdesk.plan.subscription",
        compute="_compute_helpdesk_plan_records",
        string="Plan Subscriptions",
    )
    helpdesk_plan_bag_ids = fields.One2many(
        comodel_name="helpdesk.plan.bag",
        compute="_compute_helpdesk_plan_records",
        string="Add-on Bags",
    )

    def _compute_helpdesk_plan_records(self):
        Subscription = self.env["helpdesk.plan.subscription"].sudo()
        Bag = self.env["helpdesk.plan.bag"].sudo()
        for order in self:
            lines = order.order_line.ids
            order.helpdesk_plan_subscription_ids = Subscription.search(
                [("sale_line_id", "in", lines)]
            )
            order.helpdesk_plan_bag_ids = Bag.search([("sale_line_id", "in", lines)])

    def action_confirm(self):
        result = super().action_confirm()
        self._helpdesk_plan_fulfil()
        return result

    def _helpdesk_plan_fulfil(self):
        """Subscriptions and bags for the plan products sold; confirming
        twice creates nothing new."""
        for line in self.order_line.filtered("product_id.helpdesk_plan_role"):
            role = line.product_id.helpdesk_plan_role
            if role == "bag":
                line._helpdesk_plan_create_bag()
            else:
                line._helpdesk_plan_subscribe(included=role == "license")
