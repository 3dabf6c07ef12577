from markupsafe import Markup

from odoo import models

from ..tools import refund_split


class AccountMove(models.Model):
    """Paid invoices credit ticket packs (a company setting); posted credit
    notes take back what is left of them."""

    _inherit = "account.move"

    def _invoice_paid_hook(self):
        result = super()._invoice_paid_hook()
        for invoice in self.filtered(
            lambda m: (
                m.move_type == "out_invoice" and m.company_id.wallet_credit_on == "paid"
            )
        ):
            invoice.invoice_line_ids.sale_line_ids._wallet_credit(invoice)
        return result

    def _post(self, soft=True):
        posted = super()._post(soft=soft)
        posted.filtered(lambda m: m.move_type == "out_refund")._wallet_refund()
        return posted

    def _wallet_refund(self):
        """Take back the unused tickets of the packs a credit note refunds;
        tell on the credit note how many were already used."""
        for refund in self:
            for line in refund.invoice_line_ids.filtered(
                lambda line: line.product_id.is_ticket_pack
            ):
                credits = line.sale_line_ids.sudo().wallet_move_ids.filtered(
                    lambda m: m.kind == "purchase"
                )
                for credit in credits:
                    refund._wallet_take_back(line, credit)

    def _wallet_take_back(self, line, credit):
        self.ensure_one()
        wallet = credit.wallet_id
        wallet._lock()
        if credit.debit_ids.filtered(
            lambda m: m.kind == "refund" and m.invoice_id == self
        ):
            return
        requested = int(round(line.quantity * line.product_id.ticket_pack_quantity))
        taken_back, used = refund_split(requested, credit.remaining)
        wallet._take_back(
            credit,
            taken_back,
            "refund",
            invoice_id=self.id,
        )
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
