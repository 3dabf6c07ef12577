import logging

from odoo import Command, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL, format_date

from ..tools import cancellation_deadline, grace_end, period_containing

_logger = logging.getLogger(__name__)

SUBSCRIPTION_STATES = [
    ("draft", "Draft"),
    ("active", "Active"),
    ("cancelled", "Cancelled at Period End"),
    ("suspended", "Suspended"),
    ("ended", "Ended"),
]
# States in which the subscription may still serve tickets (on its dates).
SERVING_STATES = ("active", "cancelled")
LIVE_STATES = ("active", "cancelled", "suspended")
# What the tickets taken were counted for: the client, the quota and the
# periods (which start on the subscription's first day).
TAKEN_TERMS = ("partner_id", "company_id", "plan_id", "date_start")
# Transactions that charged, or may still charge, a renewal invoice.
LIVE_TRANSACTION_STATES = ("pending", "authorized", "done")


class HelpdeskPlanSubscription(models.Model):
    """A client's subscription to a support plan, billed by a contract line.

    The contract line (OCA ``contract``) carries the recurrence, the
    invoicing and the renewal; the subscription adds the periods and their
    ticket quota, computed from the consumption records, and the rules of
    cancellation with notice, card renewal and grace period.
    """

    _name = "helpdesk.plan.subscription"
    _description = "Helpdesk Plan Subscription"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "helpdesk.batch.lock.mixin",
        "helpdesk.coverage.holder.mixin",
    ]
    _order = "date_start desc, id desc"

    name = fields.Char(compute="_compute_name", store=True)
    partner_id = fields.Many2one(
        comodel_name="res.partner",
        string="Client",
        required=True,
        index=True,
        tracking=True,
        domain="[('is_company', '=', True)]",
        help="The company served: every contact of this client uses the plan.",
    )
    company_id = fields.Many2one(
        comodel_name="res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    plan_id = fields.Many2one(
        comodel_name="helpdesk.plan",
        required=True,
        tracking=True,
        ondelete="restrict",
        domain="[('company_id', 'in', [company_id, False])]",
    )
    state = fields.Selection(
        selection=SUBSCRIPTION_STATES,
        default="draft",
        required=True,
        readonly=True,
        tracking=True,
        index=True,
        copy=False,
    )
    date_start = fields.Date(
        required=True,
        default=fields.Date.context_today,
        tracking=True,
        help="First day of the first period; every period starts on this day "
        "of the month.",
    )
    date_end = fields.Date(
        related="contract_line_id.date_end",
        string="Current Term End",
        help="Last day of the current term of the contract line; after a "
        "cancellation, the last day of service.",
    )
    contract_line_id = fields.Many2one(
        comodel_name="contract.line",
        readonly=True,
        copy=False,
        index=True,
        ondelete="restrict",
        help="Contract line that invoices and renews this subscription.",
    )
    contract_id = fields.Many2one(
        related="contract_line_id.contract_id", store=True, index=True
    )
    sale_line_id = fields.Many2one(
        comodel_name="sale.order.line",
        readonly=True,
        copy=False,
        help="Sales order line that sold this subscription.",
    )
    included_in_license = fields.Boolean(
        readonly=True,
        help="The plan comes with a license (for example INVEX WEB with the "
        "basic plan) and is not invoiced by itself.",
    )
    payment_token_id = fields.Many2one(
        comodel_name="payment.token",
        string="Saved Card",
        domain="[('partner_id', 'child_of', partner_id)]",
        tracking=True,
        help="When set, each renewal invoice is charged to this card; "
        "otherwise it is sent to the client for payment.",
    )
    cancel_requested_on = fields.Date(readonly=True, copy=False, tracking=True)
    payment_failed_on = fields.Date(
        readonly=True,
        copy=False,
        tracking=True,
        help="Day a renewal charge failed; the plan keeps serving during the "
        "grace period after it.",
    )
    last_claim_date = fields.Datetime(
        readonly=True,
        copy=False,
        help="When a ticket last took a ticket of this subscription.",
    )
    last_cron_date = fields.Datetime(
        readonly=True,
        copy=False,
        help="When the renewal cron last renewed, charged, suspended or ended "
        "this subscription.",
    )
    consumption_ids = fields.One2many(
        comodel_name="helpdesk.plan.consumption",
        inverse_name="subscription_id",
        string="Tickets Taken",
    )
    ticket_quota = fields.Integer(related="plan_id.ticket_quota")
    period_start = fields.Date(compute="_compute_period")
    period_end = fields.Date(compute="_compute_period")
    renewal_date = fields.Date(
        compute="_compute_period",
        help="First day of the next period, when the plan renews.",
    )
    cancellation_deadline = fields.Date(
        compute="_compute_period",
        help="Last day on which the client may still cancel before the renewal.",
    )
    grace_end_date = fields.Date(
        compute="_compute_period",
        string="Grace Period End",
    )
    tickets_used = fields.Integer(
        compute="_compute_tickets",
        string="Tickets Used in Period",
    )
    tickets_remaining = fields.Integer(
        compute="_compute_tickets",
        string="Tickets Left in Period",
    )
    ticket_count = fields.Integer(compute="_compute_ticket_count")
    notice_invoice_id = fields.Many2one(
        comodel_name="account.move",
        compute="_compute_notice_invoice_id",
        help="The invoice a client notice is about.",
    )
    invoice_count = fields.Integer(compute="_compute_invoice_count")

    @api.depends("plan_id.name", "partner_id.name")
    def _compute_name(self):
        for subscription in self:
            subscription.name = (
                f"{subscription.plan_id.name or ''} - "
                f"{subscription.partner_id.name or ''}"
            )

    @api.depends(
        "state",
        "date_start",
        "plan_id.billing_period",
        "contract_line_id.date_end",
        "contract_line_id.is_auto_renew",
        "payment_failed_on",
    )
    def _compute_period(self):
        today = fields.Date.context_today(self)
        for subscription in self:
            period = subscription._period_on(today)
            start, end = period or (False, False)
            renewal = subscription._renewal_after(end) if end else False
            subscription.period_start = start
            subscription.period_end = end
            subscription.renewal_date = renewal
            subscription.cancellation_deadline = renewal and cancellation_deadline(
                renewal, subscription.company_id.helpdesk_plan_notice_days
            )
            subscription.grace_end_date = subscription.payment_failed_on and grace_end(
                subscription.payment_failed_on,
                subscription.company_id.helpdesk_plan_grace_days,
            )

    @api.depends("consumption_ids.released", "consumption_ids.period_start")
    def _compute_tickets(self):
        today = fields.Date.context_today(self)
        for subscription in self:
            period = subscription._period_on(today)
            used = subscription._tickets_used_in(period[0]) if period else 0
            subscription.tickets_used = used
            subscription.tickets_remaining = (
                max(subscription.ticket_quota - used, 0) if period else 0
            )

    def _compute_ticket_count(self):
        for subscription in self:
            subscription.ticket_count = len(subscription.consumption_ids.ticket_id)

    @api.depends_context("helpdesk_plan_invoice_id")
    def _compute_notice_invoice_id(self):
        invoice_id = self.env.context.get("helpdesk_plan_invoice_id")
        invoice = self.env["account.move"].sudo().browse(invoice_id).exists()
        for subscription in self:
            subscription.notice_invoice_id = invoice

    def _compute_invoice_count(self):
        for subscription in self:
            subscription.invoice_count = len(subscription._invoices())

    @api.constrains("partner_id", "plan_id", "company_id")
    def _check_company(self):
        for subscription in self:
            plan_company = subscription.plan_id.company_id
            if plan_company and plan_company != subscription.company_id:
                raise ValidationError(
                    self.env._(
                        "The plan %(plan)s belongs to another company than the "
                        "subscription of %(client)s.",
                        plan=subscription.plan_id.name,
                        client=subscription.partner_id.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("partner_id"):
                partner = self.env["res.partner"].browse(vals["partner_id"])
                vals["partner_id"] = partner.commercial_partner_id.id
        return super().create(vals_list)

    def write(self, vals):
        if vals.get("partner_id"):
            partner = self.env["res.partner"].browse(vals["partner_id"])
            vals = dict(vals, partner_id=partner.commercial_partner_id.id)
        self.env["helpdesk.plan.consumption"]._check_terms_kept(self, vals, TAKEN_TERMS)
        return super().write(vals)

    # ------------------------------------------------------------------
    # Periods and quota
    # ------------------------------------------------------------------

    def _period_on(self, day):
        """The period (start, end) of this subscription containing ``day``,
        or None when the subscription does not run on that day."""
        self.ensure_one()
        if self.state == "draft" or not self.date_start:
            return None
        if self.date_end and day > self.date_end and not self._renews():
            return None
        period = period_containing(self.date_start, self.plan_id.billing_period, day)
        if period and self.date_end and not self._renews():
            return period[0], min(period[1], self.date_end)
        return period

    def _renews(self):
        """Whether the contract line renews by itself at the end of its term."""
        self.ensure_one()
        return self.state != "cancelled" and self.contract_line_id.is_auto_renew

    def _renewal_after(self, period_end):
        """The day the plan renews after ``period_end``, or False when the
        subscription ends there."""
        self.ensure_one()
        if self.date_end and period_end >= self.date_end and not self._renews():
            return False
        return fields.Date.add(period_end, days=1)

    def _tickets_used_in(self, period_start):
        self.ensure_one()
        return (
            self.env["helpdesk.plan.consumption"]
            .sudo()
            .search_count(
                [
                    ("subscription_id", "=", self.id),
                    ("period_start", "=", period_start),
                    ("released", "=", False),
                ]
            )
        )

    def _remaining_on(self, day):
        """Tickets left in the period containing ``day``."""
        self.ensure_one()
        period = self._period_on(day)
        if not period:
            return 0
        return max(self.ticket_quota - self._tickets_used_in(period[0]), 0)

    def _is_suspended_on(self, day):
        """Whether an unpaid renewal stops the coverage on ``day``."""
        self.ensure_one()
        if self.state == "suspended":
            return True
        return bool(
            self.payment_failed_on
            and day
            > grace_end(
                self.payment_failed_on, self.company_id.helpdesk_plan_grace_days
            )
        )

    @api.model
    def _serving(self, partner, day, company):
        """Subscriptions of ``partner`` (a commercial partner) in ``company``
        that run on ``day``, the largest plan first, suspended ones included."""
        if not self._is_holder(partner, company):
            return self.browse()
        subscriptions = (
            self.sudo()
            .search(
                [
                    ("partner_id", "=", partner.id),
                    ("company_id", "=", company.id),
                    ("state", "in", LIVE_STATES),
                    ("date_start", "<=", day),
                ]
            )
            .filtered(lambda s: s._period_on(day))
        )
        return subscriptions.sorted(lambda s: (-s.plan_id.sequence, s.id))

    def _lock_for_claim(self):
        """Serialise the claims on this subscription: the row is locked and
        touched, so that a concurrent claim waits, then fails to serialise
        and is retried on a snapshot that sees this claim."""
        self.ensure_one()
        self.env.cr.execute(
            SQL(
                "SELECT id FROM helpdesk_plan_subscription WHERE id = %s FOR UPDATE",
                self.id,
            )
        )
        self.env.cr.execute(
            SQL(
                "UPDATE helpdesk_plan_subscription SET last_claim_date = "
                "(now() at time zone 'UTC') WHERE id = %s",
                self.id,
            )
        )
        self.invalidate_recordset(["last_claim_date"])

    def _claim_ticket(self, ticket):
        """Take one ticket of the period of ``ticket`` for it; False when the
        quota of that period is used up."""
        self.ensure_one()
        subscription = self.sudo()
        subscription._lock_for_claim()
        day = ticket._plan_day()
        period = subscription._period_on(day)
        if not period or subscription._remaining_on(day) <= 0:
            return False
        self.env["helpdesk.plan.consumption"].sudo().create(
            {
                "ticket_id": ticket.id,
                "subscription_id": subscription.id,
                "period_start": period[0],
                "period_end": period[1],
                "date": day,
            }
        )
        return True

    # ------------------------------------------------------------------
    # Activation
    # ------------------------------------------------------------------

    def action_activate(self):
        """Start the subscription: its contract line is created unless a
        sales order already created it."""
        for subscription in self:
            if subscription.state != "draft":
                raise UserError(
                    self.env._(
                        "Only a draft subscription can be activated: %(name)s is "
                        "already %(state)s.",
                        name=subscription.name,
                        state=subscription._state_label(),
                    )
                )
            if not subscription.contract_line_id:
                subscription.contract_line_id = subscription._create_contract_line()
            subscription.state = "active"
            subscription._notify_client(
                "helpdesk_plans.mail_template_subscription_activated"
            )
        return True

    def _state_label(self):
        self.ensure_one()
        return dict(self._fields["state"]._description_selection(self.env))[self.state]

    def _create_contract_line(self):
        """A contract of one line for this subscription."""
        self.ensure_one()
        contract = (
            self.env["contract.contract"]
            .sudo()
            .create(
                {
                    "name": self.name,
                    "partner_id": self.partner_id.id,
                    "company_id": self.company_id.id,
                    "contract_type": "sale",
                    "line_recurrence": True,
                    "contract_line_ids": [
                        Command.create(self._prepare_contract_line_values())
                    ],
                }
            )
        )
        return contract.contract_line_ids[:1]

    def _prepare_contract_line_values(self):
        self.ensure_one()
        plan = self.plan_id
        product = plan.product_id
        first_end = period_containing(
            self.date_start, plan.billing_period, self.date_start
        )[1]
        values = {
            "name": plan.name,
            "quantity": 1.0,
            "price_unit": 0.0 if self.included_in_license else plan.price,
            "date_start": self.date_start,
            "date_end": first_end,
            "recurring_rule_type": plan.billing_period,
            "recurring_interval": 1,
            "recurring_invoicing_type": "pre-paid",
            "is_auto_renew": True,
            "auto_renew_rule_type": plan.billing_period,
            "auto_renew_interval": 1,
            "termination_notice_rule_type": "daily",
            "termination_notice_interval": self.company_id.helpdesk_plan_notice_days,
        }
        if product:
            values.update(product_id=product.id, uom_id=product.uom_id.id)
        return values

    # ------------------------------------------------------------------
    # Cancellation with notice
    # ------------------------------------------------------------------

    def action_cancel(self):
        """Cancel at the end of the current period, if the notice allows."""
        today = fields.Date.context_today(self)
        for subscription in self:
            subscription._check_cancellation_allowed(today)
            period_end = subscription._period_on(today)[1]
            subscription._stop_contract_line(period_end)
            subscription.write({"state": "cancelled", "cancel_requested_on": today})
            subscription._notify_client(
                "helpdesk_plans.mail_template_subscription_cancelled"
            )
        return True

    def _check_cancellation_allowed(self, today):
        """Raise a clear error when ``today`` is past the notice deadline."""
        self.ensure_one()
        if self.state not in ("active", "suspended"):
            raise UserError(
                self.env._(
                    "The subscription %(name)s cannot be cancelled: it is %(state)s.",
                    name=self.name,
                    state=self._state_label(),
                )
            )
        period = self._period_on(today)
        renewal = period and self._renewal_after(period[1])
        if not renewal:
            raise UserError(
                self.env._(
                    "The subscription %(name)s does not renew: there is nothing "
                    "to cancel.",
                    name=self.name,
                )
            )
        notice = self.company_id.helpdesk_plan_notice_days
        deadline = cancellation_deadline(renewal, notice)
        if today > deadline:
            raise UserError(
                self.env._(
                    "Your plan renews on %(renewal)s. A plan can be cancelled up "
                    "to %(notice)s days before it renews, so the last day to "
                    "cancel this period was %(deadline)s. You can cancel from "
                    "the next period on; your plan stays active meanwhile.",
                    renewal=format_date(self.env, renewal),
                    notice=notice,
                    deadline=format_date(self.env, deadline),
                )
            )

    def _stop_contract_line(self, last_day):
        """The contract line ends on ``last_day`` and no longer renews."""
        self.ensure_one()
        line = self.contract_line_id.sudo()
        if not line:
            return
        if line.date_end and line.date_end <= last_day:
            line.write({"is_auto_renew": False})
        else:
            line.stop(last_day)

    # ------------------------------------------------------------------
    # Renewal, invoicing and payment
    # ------------------------------------------------------------------

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
        self.env.cr.execute(
            SQL(
                "UPDATE helpdesk_plan_subscription SET last_cron_date = "
                "(now() at time zone 'UTC') WHERE id = %s",
                self.id,
            )
        )
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

    @api.model
    def _finished_domain(self, today):
        return [
            ("state", "in", ("cancelled", "suspended")),
            ("contract_line_id.date_end", "<", today),
            ("contract_line_id.is_auto_renew", "=", False),
        ]

    @api.model
    def _finished(self, today):
        """Cancelled subscriptions past their last day."""
        return self.search(self._finished_domain(today))

    def _end(self, today):
        """End the subscription if it is still finished once locked."""
        self.ensure_one()
        if self.filtered_domain(self._finished_domain(today)):
            self.state = "ended"

    # ------------------------------------------------------------------
    # Client notices
    # ------------------------------------------------------------------

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

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------

    def action_view_tickets(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "helpdesk_mgmt.helpdesk_ticket_action"
        )
        action["domain"] = [("id", "in", self.consumption_ids.ticket_id.ids)]
        action["context"] = {}
        return action

    def action_view_invoices(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "account.action_move_out_invoice_type"
        )
        action["domain"] = [("id", "in", self._invoices().ids)]
        action["context"] = {"create": False}
        return action

    def action_view_contract(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "contract.contract",
            "res_id": self.contract_id.id,
            "view_mode": "form",
        }
