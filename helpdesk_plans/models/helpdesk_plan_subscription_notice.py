from odoo import api, fields, models


class HelpdeskPlanSubscription(models.Model):
    """Client notices: the templates posted to the client on the
    subscription's thread, with the invoice they are about."""

    _inherit = "helpdesk.plan.subscription"

    notice_invoice_id = fields.Many2one(
        comodel_name="account.move",
        compute="_compute_notice_invoice_id",
        help="The invoice a client notice is about.",
    )

    @api.depends_context("helpdesk_plan_invoice_id")
    def _compute_notice_invoice_id(self):
        invoice_id = self.env.context.get("helpdesk_plan_invoice_id")
        invoice = self.env["account.move"].sudo().browse(invoice_id).exists()
        for subscription in self:
            subscription.notice_invoice_id = invoice

    def _notify_client(self, template_xmlid, invoice=None):
        """Post a client-facing template on the subscription's thread."""
        template = self.env.ref(template_xmlid, raise_if_not_found=False)
        if not template:
            return
        for subscription in self:
            subscription.with_context(
                helpdesk_plan_invoice_id=invoice.id if invoice else False
            ).message_post_with_source(
                template,
                subtype_xmlid="mail.mt_comment",
                partner_ids=subscription.partner_id.ids,
            )
