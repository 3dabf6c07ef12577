from odoo import models


class HelpdeskWallet(models.Model):
    """What the client and the salesperson are told: a low balance, a
    credited pack, and why a ticket of an empty wallet is not covered."""

    _inherit = "helpdesk.wallet"

    def _notify_low_balance(self):
        """Tell the client once that few tickets are left, and give the
        salesperson an activity to offer a new pack."""
        self.ensure_one()
        threshold = self.company_id.wallet_low_balance_threshold
        if self.low_balance_notified or self.balance > threshold:
            return
        self.sudo().low_balance_notified = True
        template = self.env.ref(
            "helpdesk_sla_wallet.mail_template_wallet_low_balance",
            raise_if_not_found=False,
        )
        wallet = self.sudo()
        if template:
            wallet.message_post_with_source(template, subtype_xmlid="mail.mt_comment")
        wallet.activity_schedule(
            "mail.mail_activity_data_todo",
            summary=self.env._("Offer a new ticket pack"),
            note=self.env._(
                "%(client)s has %(balance)s support tickets left.",
                client=wallet.partner_id.display_name,
                balance=wallet.balance,
            ),
            user_id=wallet._responsible().id,
        )

    def _responsible(self):
        """Who offers the next pack: the client's salesperson, else the
        company's wallet responsible, else the administrator."""
        self.ensure_one()
        return (
            self.partner_id.user_id
            or self.company_id.wallet_user_id
            or self.env.ref("base.user_admin")
        )

    def _notify_credit(self):
        """Tell the client the pack was credited (the template reads it as
        ``last_credit_id``)."""
        self.ensure_one()
        template = self.env.ref(
            "helpdesk_sla_wallet.mail_template_wallet_credited",
            raise_if_not_found=False,
        )
        if template:
            self.sudo().message_post_with_source(
                template, subtype_xmlid="mail.mt_comment"
            )

    def _empty_message(self):
        """What the client of an empty wallet reads: the ticket is saved and
        how to buy a pack."""
        self.ensure_one()
        return self.env._(
            "Your request was saved, but your ticket wallet has no tickets "
            "left, so it is not covered yet. Buy a support ticket pack from "
            "your portal (My Account > Ticket Wallet, /my/wallet) or ask your "
            "salesperson %(salesperson)s; we will serve it as soon as your "
            "wallet is credited.",
            salesperson=self._responsible().name,
        )
