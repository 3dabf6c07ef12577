from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    helpdesk_plan_subscription_ids = fields.One2many(
        comodel_name="helpdesk.plan.subscription",
        inverse_name="partner_id",
        string="Plan Subscriptions",
    )
    helpdesk_plan_subscription_count = fields.Integer(
        compute="_compute_helpdesk_plan_subscription_count",
        string="Support Plans",
    )

    def _compute_helpdesk_plan_subscription_count(self):
        Subscription = self.env["helpdesk.plan.subscription"]
        for partner in self:
            partner.helpdesk_plan_subscription_count = Subscription.search_count(
                [("partner_id", "=", partner.commercial_partner_id.id)]
            )

    def action_view_helpdesk_plan_subscriptions(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "helpdesk_plans.action_helpdesk_plan_subscription"
        )
        partner = self.commercial_partner_id
        action["domain"] = [("partner_id", "=", partner.id)]
        action["context"] = {"default_partner_id": partner.id}
        return action
