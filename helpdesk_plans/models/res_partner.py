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
        counts = dict(
            self.env["helpdesk.plan.subscription"]._read_group(
                [("partner_id", "in", self.commercial_partner_id.ids)],
                ["partner_id"],
                ["__count"],
            )
        )
        for partner in self:
            partner.helpdesk_plan_subscription_count = counts.get(
                partner.commercial_partner_id, 0
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
