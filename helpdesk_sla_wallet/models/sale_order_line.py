from datetime import timedelta

from markupsafe import Markup

from odoo import fields, models

from ..tools import refund_split


class SaleOrderLine(models.Model):
    """A line selling a ticket pack credits the buyer's wallet: what it
    orders on confirmation, or what each paid invoice sells (a company
    setting). A cancelled order takes back what its confirmation credited."""

    _inherit = "sale.order.line"

    wallet_move_ids = fields.One2many(
        comodel_name="helpdesk.wallet.move",
        inverse_name="sale_line_id",
        string="Wallet Moves",
    )

    def _wallet_pack_lines(self):
        return self.filtered(
            lambda line: (
                line.product_id.is_ticket_pack
                and line.product_uom_qty > 0
                and not line.display_type
            )
        )

    def _wallet_tickets(self, quantity):
        """Tickets in ``quantity`` packs of this line's product."""
        self.ensure_one()
        return int(round(quantity * self.product_id.ticket_pack_quantity))

    def _wallet_purchases(self):
        self.ensure_one()
        return self.sudo().wallet_move_ids.filtered(lambda m: m.kind == "purchase")

    def _wallet_credited(self):
        """Tickets the line's purchases still credit."""
        self.ensure_one()
        return self._wallet_purchases()._still_credited()

    def _wallet_invoiced(self):
        """Tickets the posted invoices of the line sell, less what posted
        credit notes refund."""
        self.ensure_one()
        tickets = 0
        for invoice_line in self.invoice_lines.filtered(
            lambda line: line.move_id.state == "posted"
        ):
            sign = -1 if invoice_line.move_id.move_type == "out_refund" else 1
            tickets += sign * self._wallet_tickets(invoice_line.quantity)
        return tickets

    def _wallet_locked(self):
        """The buyer's wallet, created when needed, locked for this
        transaction: a concurrent crediting waits and then sees this one."""
        self.ensure_one()
        order = self.order_id
        wallet = self.env["helpdesk.wallet"]._for_partner(
            order.partner_id, order.company_id, create=True
        )
        wallet._lock()
        self.invalidate_recordset(["wallet_move_ids"])
        return wallet

    # ------------------------------------------------------------------
    # Crediting
    # ------------------------------------------------------------------

    def _wallet_credit(self):
        """Credit what each pack line orders and its purchases do not
        credit yet (credit on confirmation; an order confirmed again after a
        cancellation credits again)."""
        for line in self._wallet_pack_lines():
            wallet = line._wallet_locked()
            due = line._wallet_tickets(line.product_uom_qty) - line._wallet_credited()
            if due > 0:
                line._wallet_post_credit(wallet, due)

    def _wallet_credit_invoice_line(self, invoice_line, only_missing=False):
        """Credit what ``invoice_line`` sells, once per invoice.

        With ``only_missing`` (credit on confirmation: the order credited
        already), only what the posted invoices sell beyond what the line
        still credits: the invoice that replaces one a credit note
        cancelled gives its tickets again.
        """
        self.ensure_one()
        invoice = invoice_line.move_id
        wallet = self._wallet_locked()
        if self._wallet_purchases().filtered(lambda m: m.invoice_id == invoice):
            return
        tickets = self._wallet_tickets(invoice_line.quantity)
        if only_missing:
            tickets = min(tickets, self._wallet_invoiced() - self._wallet_credited())
        if tickets > 0:
            self._wallet_post_credit(wallet, tickets, invoice)

    def _wallet_post_credit(self, wallet, quantity, invoice=None):
        self.ensure_one()
        product = self.product_id
        validity = product.ticket_pack_validity_days
        move = wallet._credit_tickets(
            quantity,
            product.ticket_pack_sla_policy_id,
            kind="purchase",
            sale_line_id=self.id,
            invoice_id=invoice.id if invoice else False,
            product_id=product.id,
            hour_cap=product.ticket_pack_hour_cap,
            expiry_date=fields.Date.context_today(self) + timedelta(days=validity)
            if validity
            else False,
        )
        wallet._notify_credit()
        return move

    # ------------------------------------------------------------------
    # Cancellation
    # ------------------------------------------------------------------

    def _wallet_take_back_ordered(self):
        """Take back the unused tickets that confirming the order credited,
        for the lines of a cancelled order that no posted invoice sells (an
        invoice is undone by its credit note); tell the client and the
        order."""
        for line in self._wallet_pack_lines().filtered(
            lambda line: (
                not line.invoice_lines.filtered(lambda i: i.move_id.state == "posted")
            )
        ):
            if not line._wallet_purchases():
                continue
            wallet = line._wallet_locked()
            taken, used = 0, 0
            for credit in line._wallet_purchases().filtered(lambda m: not m.invoice_id):
                credit_taken, credit_used = refund_split(
                    credit._still_credited(), credit.remaining
                )
                wallet._take_back(
                    credit,
                    credit_taken,
                    "cancellation",
                    sale_line_id=line.id,
                    reason=self.env._(
                        "Sale order %(order)s was cancelled.",
                        order=line.order_id.name,
                    ),
                )
                taken += credit_taken
                used += credit_used
            if taken or used:
                line._wallet_notify_taken_back(wallet, taken, used)

    def _wallet_notify_taken_back(self, wallet, taken, used):
        self.ensure_one()
        client = wallet.partner_id
        order = self.order_id
        body = self.with_context(lang=client.lang).env._(
            "Sale order %(order)s was cancelled: the %(taken)s tickets it "
            "credited were taken back from your ticket wallet, which now "
            "holds %(balance)s.",
            order=order.name,
            taken=taken,
            balance=wallet.balance,
        )
        if used:
            body += " " + self.with_context(lang=client.lang).env._(
                "%(used)s of its tickets were already used and stay used.",
                used=used,
            )
        wallet.sudo().message_post(
            body=Markup("<p>%s</p>") % body,
            partner_ids=client.ids,
            subtype_xmlid="mail.mt_comment",
        )
        order.message_post(body=Markup("<p>%s</p>") % body)
