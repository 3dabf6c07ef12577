from odoo import fields, models


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    helpdesk_plan_subscription_ids = fields.One2many(
        comodel_name="helpdesk.plan.subscription",
        inverse_name="sale_line_id",
        string="Plan Subscriptions",
    )
    helpdesk_plan_bag_ids = fields.One2many(
        comodel_name="helpdesk.plan.bag",
        inverse_name="sale_line_id",
        string="Add-on Bags",
    )

    def _helpdesk_plan_token(self):
        """A card saved while paying this order online, if any."""
        self.ensure_one()
        return self.order_id.sudo().transaction_ids.token_id[:1]

    def _helpdesk_plan_subscribe(self, included=False):
        self.ensure_one()
        Subscription = self.env["helpdesk.plan.subscription"].sudo()
        if self.sudo().helpdesk_plan_subscription_ids:
            return Subscription.browse()
        order = self.order_id
        contract_line = (
            self.env["contract.line"]
            .sudo()
            .search([("sale_order_line_id", "=", self.id)], limit=1)
        )
        subscription = Subscription.create(
            {
                "partner_id": order.partner_id.id,
                "company_id": order.company_id.id,
                "plan_id": self.product_id.helpdesk_plan_id.id,
                "date_start": contract_line.date_start
                or fields.Date.context_today(self),
                "contract_line_id": contract_line.id,
                "sale_line_id": self.id,
                "included_in_license": included,
                "payment_token_id": self._helpdesk_plan_token().id,
            }
        )
        subscription.action_activate()
        return subscription

    def _helpdesk_plan_create_bag(self):
        self.ensure_one()
        Bag = self.env["helpdesk.plan.bag"].sudo()
        if self.sudo().helpdesk_plan_bag_ids:
            return Bag.browse()
        product = self.product_id
        plan = product.helpdesk_plan_id
        bag = Bag.create(
            {
                "partner_id": self.order_id.partner_id.id,
                "company_id": self.order_id.company_id.id,
                "plan_id": plan.id,
                "ticket_count": plan.ticket_quota * int(self.product_uom_qty or 1),
                "purchase_date": fields.Date.context_today(self),
                "validity_days": product.helpdesk_bag_validity_days,
                "sale_line_id": self.id,
            }
        )
        bag.message_post_with_source(
            "helpdesk_plans.mail_template_bag_purchased",
            subtype_xmlid="mail.mt_comment",
            partner_ids=bag.partner_id.ids,
        )
        return bag
