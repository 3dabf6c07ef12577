from odoo import api, fields, models


class ContractContract(models.Model):
    _inherit = "contract.contract"

    helpdesk_plan_subscription_ids = fields.One2many(
        comodel_name="helpdesk.plan.subscription",
        inverse_name="contract_id",
        string="Plan Subscriptions",
    )
    helpdesk_plan_subscription_count = fields.Integer(
        compute="_compute_helpdesk_plan_subscription_count"
    )

    @api.depends("helpdesk_plan_subscription_ids")
    def _compute_helpdesk_plan_subscription_count(self):
        for contract in self:
            contract.helpdesk_plan_subscription_count = len(
                contract.helpdesk_plan_subscription_ids
            )

    @api.model
    def _get_contracts_to_invoice_domain(self, date_ref=None):
        """OCA contract's daily job leaves the plans' contracts alone: their
        renewal invoices, posts and charges each period (and its notice,
        grace and suspension); a draft invoiced by the job beside it would
        leave the period unpaid."""
        return super()._get_contracts_to_invoice_domain(date_ref) + [
            ("helpdesk_plan_subscription_ids", "=", False)
        ]

    def action_view_helpdesk_plan_subscriptions(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "helpdesk_plans.action_helpdesk_plan_subscription"
        )
        action["domain"] = [("contract_id", "=", self.id)]
        action["context"] = {"create": False}
        return action
