from odoo import api, fields, models

from odoo.addons.helpdesk_priority_matrix.tools.entitlement import (
    SEQUENCE_WALLET,
    Candidate,
)


class HelpdeskTicket(models.Model):
    """Tickets of wallet holders consume one prepaid ticket through the
    foundation's entitlement chain, at the service level of the credit they
    use, and get it back when cancelled as duplicate or rejected."""

    _inherit = "helpdesk.ticket"

    entitlement_source = fields.Selection(
        selection_add=[("wallet", "Ticket wallet")],
        ondelete={"wallet": "set default"},
    )
    wallet_id = fields.Many2one(
        comodel_name="helpdesk.wallet",
        compute="_compute_wallet_id",
        compute_sudo=True,
        help="The ticket wallet of the client's company.",
    )
    wallet_balance = fields.Integer(
        string="Tickets Left",
        compute="_compute_wallet_id",
        compute_sudo=True,
    )
    wallet_move_ids = fields.One2many(
        comodel_name="helpdesk.wallet.move",
        inverse_name="ticket_id",
        string="Wallet Moves",
    )
    wallet_consumption_id = fields.Many2one(
        comodel_name="helpdesk.wallet.move",
        compute="_compute_wallet_consumption_id",
        compute_sudo=True,
        string="Wallet Ticket Used",
    )

    @api.depends("partner_id.commercial_partner_id", "company_id")
    def _compute_wallet_id(self):
        wallets = self.env["helpdesk.wallet"]
        for ticket in self:
            wallet = wallets._for_partner(
                ticket.partner_id, ticket.company_id or self.env.company
            )
            ticket.wallet_id = wallet
            ticket.wallet_balance = wallet.balance

    @api.depends("wallet_move_ids")
    def _compute_wallet_consumption_id(self):
        for ticket in self:
            ticket.wallet_consumption_id = ticket.wallet_move_ids.filtered(
                lambda m: m.kind == "consumption"
            ).sorted("id")[-1:]

    # ------------------------------------------------------------------
    # The entitlement chain
    # ------------------------------------------------------------------

    def _entitlement_candidates(self):
        """A wallet holder is served through the wallet, never for free: the
        service policy is dropped, and an empty wallet says how to buy a
        pack. Administrative cases are served for everyone without debit."""
        candidates = super()._entitlement_candidates()
        wallet = self.wallet_id.sudo()
        if not wallet or self.category_id.administrative:
            return candidates
        candidates = [c for c in candidates if c.source != "policy"]
        credit = wallet._next_credit()
        if not credit:
            candidates.append(
                Candidate(
                    source="wallet",
                    sequence=SEQUENCE_WALLET,
                    covers=False,
                    message=wallet._empty_message(),
                )
            )
            return candidates
        consumes = self._wallet_consumes_now()
        candidates.append(
            Candidate(
                source="wallet",
                sequence=SEQUENCE_WALLET,
                sla_policy=credit.sla_policy_id,
                message=self._wallet_coverage_message(credit, consumes),
                consumes=consumes,
                reference=wallet,
                refusal=wallet._empty_message,
            )
        )
        return candidates

    def _entitlement_claim(self, candidate):
        if candidate.source != "wallet":
            return super()._entitlement_claim(candidate)
        return bool(candidate.reference._debit_ticket(self))

    def _entitlement_release_claim(self):
        if self.entitlement_source == "wallet":
            consumption = self.sudo().wallet_move_ids.filtered(
                lambda m: m.kind == "consumption" and not m.reversal_ids
            )
            for wallet in consumption.wallet_id:
                wallet._reverse_ticket(self)
        return super()._entitlement_release_claim()

    def _entitlement_notify_uncovered(self):
        """Besides telling the client, give the salesperson of an empty
        wallet an activity to offer a pack."""
        result = super()._entitlement_notify_uncovered()
        for ticket in self.filtered("wallet_id"):
            wallet = ticket.wallet_id
            ticket._entitlement_ask_salesperson(
                wallet._responsible(),
                self.env._("Offer a ticket pack"),
                self.env._(
                    "%(client)s opened a ticket with an empty wallet.",
                    client=wallet.partner_id.display_name,
                ),
            )
        return result

    # ------------------------------------------------------------------
    # Consumption time
    # ------------------------------------------------------------------

    def _wallet_consumes_now(self):
        """Whether the ticket is debited now: at creation, or once an agent
        moves it out of the new (unattended) stage, as the company chose."""
        self.ensure_one()
        company = self.company_id or self.env.company
        if company.wallet_consume_on == "create":
            return True
        return bool(self.stage_id) and not self.stage_id.unattended

    def _wallet_coverage_message(self, credit, consumes):
        if consumes:
            return self.env._(
                "Covered by your ticket wallet at the %(level)s service level: "
                "one ticket is used.",
                level=credit.sla_policy_id.name,
            )
        return self.env._(
            "Covered by your ticket wallet at the %(level)s service level: "
            "one ticket will be used when an agent starts working on it.",
            level=credit.sla_policy_id.name,
        )

    def _wallet_claim_on_first_move(self, vals):
        """Step of ``write``: debit the tickets an agent moves out of the
        new stage, when the company debits at that moment."""
        if "stage_id" not in vals:
            return
        self.filtered(
            lambda t: (
                t.entitlement_source == "wallet"
                and not t.entitlement_state
                and not t.closed
                and t._wallet_consumes_now()
            )
        )._entitlement_apply()

    def _entitlement_covered_message(self):
        """For the ticket confirmation and the portal: the service level of
        the wallet ticket used, or to be used, and the balance left."""
        if self.entitlement_source != "wallet":
            return super()._entitlement_covered_message()
        level = (self.wallet_consumption_id.sla_policy_id or self.sla_policy_id).name
        if self.entitlement_state == "claimed":
            used = self.env._(
                "Covered by your ticket wallet at the %(level)s service level: "
                "one ticket is used.",
                level=level,
            )
        else:
            used = self.env._(
                "Covered by your ticket wallet at the %(level)s service level: "
                "one ticket will be used when an agent starts working on it.",
                level=level,
            )
        left = self.env._(
            "Tickets left in your wallet: %(balance)s.",
            balance=self.wallet_id.sudo().balance,
        )
        return f"{used} {left}"

    def write(self, vals):
        result = super().write(vals)
        self._wallet_claim_on_first_move(vals)
        return result

    def action_open_wallet(self):
        self.ensure_one()
        return self.wallet_id._action_open()
