from odoo import Command, api, fields, models

from .helpdesk_plan_subscription import LIVE_STATES


class HelpdeskPlanSubscription(models.Model):
    """Card payments and grace (003: recurring card payment or manual): a
    renewal invoice is charged to the saved card once; a refused charge
    leaves the plan serving for the grace period, then suspends it until the
    invoice is paid."""

    _inherit = "helpdesk.plan.subscription"

    @api.model
    def _invoices_to_charge(self, limit=50):
        """(subscription, invoice) pairs whose invoice is posted, unpaid and
        never charged to the subscription's card."""
        subscriptions = self.search(
            [("state", "in", LIVE_STATES), ("payment_token_id", "!=", False)]
        )
        by_line = {sub.contract_line_id.id: sub for sub in subscriptions}
        # One search for the unpaid invoices of every card subscription,
        # instead of each subscription's whole invoice history.
        invoice_lines = (
            self.env["account.move.line"]
            .sudo()
            .search(
                [
                    ("contract_line_id", "in", list(by_line)),
                    ("move_id.move_type", "=", "out_invoice"),
                    ("move_id.state", "=", "posted"),
                    ("move_id.payment_state", "in", ("not_paid", "partial")),
                ],
                order="move_id, id",
            )
        )
        pairs = []
        for invoice_line in invoice_lines:
            pair = (by_line[invoice_line.contract_line_id.id], invoice_line.move_id)
            if pair not in pairs and pair[0]._needs_charge(pair[1]):
                pairs.append(pair)
                if len(pairs) >= limit:
                    break
        return pairs

    def _needs_charge(self, invoice):
        self.ensure_one()
        if invoice.state != "posted" or invoice.amount_residual <= 0:
            return False
        if invoice.payment_state not in ("not_paid", "partial"):
            return False
        transactions = invoice.sudo().transaction_ids
        return not transactions.filtered(lambda tx: tx.state != "draft")

    def _charge_invoice(self, invoice):
        """Charge ``invoice`` to the saved card with the payment module's
        transaction API. A draft transaction left by an interrupted run is
        sent again under the same reference. Nothing happens when the
        invoice was paid or charged since it was found."""
        self.ensure_one()
        if not self._needs_charge(invoice):
            return self.env["payment.transaction"]
        Transaction = self.env["payment.transaction"].sudo()
        transaction = invoice.sudo().transaction_ids.filtered(
            lambda tx: tx.state == "draft" and tx.token_id == self.payment_token_id
        )[:1]
        if not transaction:
            transaction = Transaction.create(self._prepare_transaction(invoice))
        transaction._send_payment_request()
        if transaction.state == "done":
            transaction._post_process()
            self.payment_failed_on = False
        elif transaction.state in ("error", "cancel"):
            self._on_payment_failed(invoice)
        return transaction

    def _prepare_transaction(self, invoice):
        self.ensure_one()
        token = self.payment_token_id.sudo()
        return {
            "provider_id": token.provider_id.id,
            "payment_method_id": token.payment_method_id.id,
            "reference": self.env["payment.transaction"]._compute_reference(
                token.provider_id.code, prefix=invoice.name
            ),
            "amount": invoice.amount_residual,
            "currency_id": invoice.currency_id.id,
            "partner_id": token.partner_id.id,
            "token_id": token.id,
            "operation": "offline",
            "invoice_ids": [Command.set(invoice.ids)],
        }

    def _on_payment_failed(self, invoice):
        self.ensure_one()
        if not self.payment_failed_on:
            self.payment_failed_on = fields.Date.context_today(self)
        self._notify_client(
            "helpdesk_plans.mail_template_payment_failed", invoice=invoice
        )

    def _unpaid_invoices(self):
        self.ensure_one()
        return self._invoices().filtered(
            lambda m: (
                m.state == "posted"
                and m.payment_state in ("not_paid", "partial")
                and m.amount_residual > 0
            )
        )

    @api.model
    def _grace_watched(self):
        """Subscriptions whose renewal charge failed."""
        return self.search(
            [("state", "in", LIVE_STATES), ("payment_failed_on", "!=", False)]
        )

    def _apply_grace(self, today):
        """Suspend the plan when its grace period is over, give the coverage
        back when its renewal has been paid since; the client is told of a
        suspension once."""
        self.ensure_one()
        if self.state not in LIVE_STATES or not self.payment_failed_on:
            return
        if not self._unpaid_invoices():
            self._restore_after_payment()
        elif self.state != "suspended" and self._is_suspended_on(today):
            self.state = "suspended"
            self._notify_client("helpdesk_plans.mail_template_subscription_suspended")

    def _restore_after_payment(self):
        self.ensure_one()
        values = {"payment_failed_on": False}
        if self.state == "suspended":
            values["state"] = "cancelled" if self.cancel_requested_on else "active"
        self.write(values)
