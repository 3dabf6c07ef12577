from odoo import api, fields, models


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

    @api.depends(
        "order_line.helpdesk_plan_subscription_ids",
        "order_line.helpdesk_plan_bag_ids",
    )
    def _compute_helpdesk_plan_records(self):
        for order in self:
            lines = order.order_line.sudo()
            order.helpdesk_plan_subscription_ids = lines.helpdesk_plan_subscription_ids
            order.helpdesk_plan_bag_ids = lines.helpdesk_plan_bag_ids

    def action_confirm(self):
        result = super().action_confirm()
        self._helpdesk_plan_fulfil()
        return result

    def _action_cancel(self):
        result = super()._action_cancel()
        self._helpdesk_plan_withdraw()
        return result

    def _helpdesk_plan_withdraw(self):
        """A cancelled order takes back the add-on bags it sold: confirming
        it again sells new ones."""
        self.order_line.sudo().helpdesk_plan_bag_ids._withdraw()

    def _helpdesk_plan_fulfil(self):
        """Subscriptions and bags for the plan products sold; confirming
        twice creates nothing new."""
        for line in self.order_line.filtered("product_id.helpdesk_plan_role"):
            role = line.product_id.helpdesk_plan_role
            if role == "bag":
                line._helpdesk_plan_create_bag()
            else:
                line._helpdesk_plan_subscribe(included=role == "license")
