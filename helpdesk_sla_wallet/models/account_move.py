from markupsafe import Markup

from odoo import models

from ..tools import refund_split


class AccountMove(models.Model):
    """Paid invoices credit what their pack lines sell (credit on payment);
    posted credit notes take back what is left of the packs they refund;
    with credit on confirmation, an invoice that replaces a refunded one
    gives its tickets again."""

    _inherit = "account.move"

    def _wallet_pack_lines(self):
        return self.invoice_line_ids.filtered(
            lambda line: line.product_id.is_ticket_pack and line.quantity > 0
        )

    def _invoice_paid_hook(self):
        result = super()._invoice_paid_hook()
        for invoice in self.filtered(
            lambda m: (
                m.move_type == "out_invoice" and m.company_id.wallet_credit_on == "paid"
            )
        ):
            invoice._wallet_credit_lines()
        return result

    def _post(self, soft=True):
        posted = super()._post(soft=soft)
        posted.filtered(lambda m: m.move_type == "out_refund")._wallet_refund()
        posted.filtered(
            lambda m: (
                m.move_type == "out_invoice"
                and m.company_id.wallet_credit_on == "confirm"
            )
        )._wallet_credit_lines(only_missing=True)
        return posted

    def _wallet_credit_lines(self, only_missing=False):
        """Credit what each pack line of these invoices sells, once per
        invoice (see ``sale.order.line._wallet_credit_invoice_line``)."""
        for invoice in self:
            for line in invoice._wallet_pack_lines():
                for sale_line in line.sale_line_ids._wallet_pack_lines():
                    sale_line._wallet_credit_invoice_line(line, only_missing)

    # ------------------------------------------------------------------
    # Credit notes
    # ------------------------------------------------------------------

    def _wallet_refund(self):
        """Take back the unused tickets of the packs a credit note refunds;
        tell on the credit note how many were already used."""
        for refund in self:
            for line in refund._wallet_pack_lines():
                for sale_line in line.sale_line_ids._wallet_pack_lines():
                    refund._wallet_take_back(line, sale_line)

    def _wallet_refunded_credits(self, sale_line):
        """The credits of ``sale_line`` this credit note takes back from:
        those of the invoice it reverses first, then those credited on
        confirmation; all of them for a credit note that reverses nothing.
        An unpaid invoice credited nothing, so its credit note takes nothing
        from the invoices that were paid."""
        self.ensure_one()
        reversed_invoice = self.reversed_entry_id
        credits = sale_line._wallet_purchases()
        if reversed_invoice:
            credits = credits.filtered(
                lambda m: not m.invoice_id or m.invoice_id == reversed_invoice
            )
        return credits.sorted(
            lambda m: (m.invoice_id != reversed_invoice, m.date, m.id)
        )

    def _wallet_take_back(self, line, sale_line):
        """Take back from the credits of ``sale_line`` what ``line`` refunds,
        once per credit note (the wallet's lock makes a concurrent posting
        wait, then see this one)."""
        self.ensure_one()
        if not self._wallet_refunded_credits(sale_line):
            return
        wallet = sale_line._wallet_locked()
        credits = self._wallet_refunded_credits(sale_line)
        if credits.debit_ids.filtered(
            lambda m: m.kind == "refund" and m.invoice_id == self
        ):
            return
        requested = sale_line._wallet_tickets(line.quantity)
        left = requested
        for credit in credits:
            taken, __ = refund_split(left, credit.remaining)
            wallet._take_back(credit, taken, "refund", invoice_id=self.id)
            left -= taken
        self._wallet_tell_taken_back(wallet, requested, requested - left)

    def _wallet_tell_taken_back(self, wallet, requested, taken_back):
        used = requested - taken_back
        if used:
            body = self.env._(
                "%(used)s of the %(requested)s tickets this credit note refunds "
                "were already used by %(client)s: only %(taken)s were taken "
                "back from the wallet.",
                used=used,
                requested=requested,
                client=wallet.partner_id.display_name,
                taken=taken_back,
            )
        else:
            body = self.env._(
                "%(taken)s tickets were taken back from the wallet of %(client)s.",
                taken=taken_back,
                client=wallet.partner_id.display_name,
            )
        self.message_post(body=Markup("<p>%s</p>") % body)
        wallet.sudo().message_post(body=Markup("<p>%s</p>") % body)
