import logging

from odoo import api, fields, models

from odoo.addons.helpdesk_priority_matrix.tools.row_lock import touch_rows

from .helpdesk_plan_subscription import LIVE_STATES

_logger = logging.getLogger(__name__)


class HelpdeskPlanSubscription(models.Model):
    """Renewal and invoicing: the renewal cron renews the contract line
    past its notice date and invoices each period due, one locked
    subscription at a time; the cards are charged and the grace period
    applied in the same run (see ``helpdesk_plan_subscription_payment.py``)."""

    _inherit = "helpdesk.plan.subscription"

    def _invoices(self):
        """Customer invoices of this subscription's contract line."""
        self.ensure_one()
        if not self.contract_line_id:
            return self.env["account.move"]
        return (
            self.env["account.move.line"]
            .sudo()
            .search([("contract_line_id", "=", self.contract_line_id.id)])
            .move_id.filtered(lambda move: move.move_type == "out_invoice")
        )

    @api.model
    def _renewal_due_domain(self, today):
        return [
            ("state", "in", LIVE_STATES),
            ("contract_line_id", "!=", False),
            "|",
            ("contract_line_id.recurring_next_date", "<=", today),
            "&",
            ("contract_line_id.is_auto_renew", "=", True),
            ("contract_line_id.termination_notice_date", "<=", today),
        ]

    @api.model
    def _cron_renew(self, batch_size=50, auto_commit=True):
        """Renew, invoice and collect the due subscriptions, then apply the
        grace period and end the cancelled ones.

        Each subscription is processed in its own savepoint (and committed
        when ``auto_commit``): a crash rolls back that subscription only.
        Reruns are harmless: a contract line is invoiced once per period,
        and an invoice with a live card transaction is never charged again.
        Two workers running it at once share the work: each step first
        locks its subscription (see :meth:`_lock_for_step`).
        """
        today = fields.Date.context_today(self)
        due = self.search(self._renewal_due_domain(today), limit=batch_size)
        done = 0
        for subscription in due:
            done += subscription._run_step(
                subscription._renew_and_invoice, today, auto_commit
            )
        for subscription, invoice in self._invoices_to_charge(limit=batch_size):
            done += subscription._run_step(
                subscription._charge_invoice, invoice, auto_commit
            )
        for subscription in self._grace_watched():
            subscription._run_step(subscription._apply_grace, today, auto_commit)
        for subscription in self._finished(today):
            subscription._run_step(subscription._end, today, auto_commit)
        remaining = self.search_count(self._renewal_due_domain(today))
        self.env["ir.cron"]._notify_progress(done=done, remaining=remaining)

    def _run_step(self, step, argument, auto_commit):
        """Run ``step(argument)`` in a savepoint once the subscription is
        locked; a failure is logged and leaves the other subscriptions of
        the batch untouched. Whether the step ran and succeeded: a
        subscription another worker holds, or has processed since this
        transaction's snapshot, is left to it."""
        self.ensure_one()
        succeeded = True
        try:
            with self.env.cr.savepoint():
                succeeded = self._lock_for_step()
                if succeeded:
                    step(argument)
        except Exception:
            succeeded = False
            _logger.exception("Support plan renewal failed for %s", self.display_name)
        if auto_commit:
            self.env.cr.commit()  # pylint: disable=invalid-commit
        return succeeded

    def _lock_for_step(self):
        """Lock the subscription for one step of the cron, or False when
        another worker holds it. The row is touched as well: a worker whose
        snapshot predates this step's commit then fails to lock it (and
        skips it) instead of repeating the step on what it saw before. The
        step checks again, on data read after the lock, that it is due."""
        self.ensure_one()
        if not self._lock_for_batch():
            return False
        touch_rows(self.env.cr, self._table, self.ids, "last_cron_date")
        self.invalidate_recordset(["last_cron_date"])
        return True

    def _renew_and_invoice(self, today):
        """Renew the contract line past its notice date and invoice each
        period due, including those missed while the cron did not run."""
        self.ensure_one()
        invoices = self.env["account.move"]
        while True:
            line = self._renew_line_if_due(today)
            if not (line.recurring_next_date and line.recurring_next_date <= today):
                break
            contract = line.contract_id.with_company(line.contract_id.company_id)
            new_invoices = contract._recurring_create_invoice(line.recurring_next_date)
            if not new_invoices:
                break
            invoices |= new_invoices
        invoices.filtered(lambda move: move.state == "draft").action_post()
        if invoices and not self.payment_token_id:
            for invoice in invoices.filtered(lambda m: m.amount_residual > 0):
                self._notify_client(
                    "helpdesk_plans.mail_template_renewal_invoice",
                    invoice=invoice,
                )
        return invoices

    def _renew_line_if_due(self, today):
        """The contract line, renewed for one more term once its notice date
        has passed (the line that follows it when the company creates a new
        line at each renewal)."""
        self.ensure_one()
        line = self.contract_line_id.sudo()
        if (
            line.is_auto_renew
            and line.termination_notice_date
            and line.termination_notice_date <= today
        ):
            renewed = line.renew()
            if renewed and renewed != line:
                self.contract_line_id = renewed
                line = renewed
        return line
