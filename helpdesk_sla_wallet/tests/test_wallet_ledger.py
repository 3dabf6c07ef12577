from datetime import datetime, time, timedelta

from freezegun import freeze_time

from odoo import fields
from odoo.exceptions import AccessError

from .common import WalletCommon


class TestWalletLedger(WalletCommon):
    def test_seed_story_five_tickets_then_uncovered(self):
        """Buy 5 at Expansión: five incidents use them, the sixth is saved
        uncovered and the client is told how to buy a pack."""
        self.buy(self.pack_expansion_5)
        wallet = self.wallet
        self.assertEqual(wallet.balance, 5)
        self.assertEqual(wallet.sla_policy_id, self.expansion)
        tickets = [self.open_ticket(f"Incidencia {n}") for n in range(1, 6)]
        for ticket in tickets:
            self.assertTrue(ticket.is_covered)
            self.assertEqual(ticket.entitlement_source, "wallet")
            self.assertEqual(ticket.entitlement_state, "claimed")
            self.assertEqual(ticket.sla_policy_id, self.expansion)
        self.assertEqual(wallet.balance, 0)
        sixth = self.open_ticket("Factura no enviada a la DGI")
        self.assertTrue(sixth.exists())
        self.assertFalse(sixth.is_covered)
        self.assertEqual(sixth.entitlement_source, "none")
        self.assertEqual(sixth.description, "<p>El POS no abre sesión.</p>")
        self.assertIn("/my/wallet", sixth.entitlement_message)
        self.assertIn("pack", sixth.entitlement_message)
        self.assertEqual(wallet.balance, 0)
        self.assertLedgerSumsToBalance(wallet)
        told = sixth.message_ids.filtered(
            lambda m: m.subtype_id == self.env.ref("mail.mt_comment")
        )
        self.assertTrue(told, "the client is told the ticket is not covered")
        activity = sixth.activity_ids
        self.assertEqual(activity.user_id, self.salesperson)

    def test_new_pack_covers_the_tickets_that_waited(self):
        self.buy(self.pack_expansion_5)
        wallet = self.wallet
        wallet.with_user(self.manager)._adjust(-5, "Tickets vencidos")
        first = self.open_ticket("Usuario bloqueado")
        second = self.open_ticket("POS inoperativo")
        self.assertFalse(first.is_covered or second.is_covered)
        self.buy(self.pack_expansion_5)
        self.assertTrue(first.is_covered and second.is_covered)
        self.assertEqual(first.entitlement_state, "claimed")
        self.assertEqual(wallet.balance, 3)
        self.assertLedgerSumsToBalance(wallet)

    def test_confirmation_email_tells_level_and_balance(self):
        self.buy(self.pack_expansion_5)
        ticket = self.open_ticket()
        self.env["helpdesk.ticket"]._cron_send_confirmations()
        body = str(
            ticket.message_ids.filtered(lambda m: "received" in (m.subject or "")).body
        )
        self.assertIn("Expansión (test) service level: one ticket is used.", body)
        self.assertIn("Tickets left in your wallet: 4.", body)
        # The targets as deadlines in the client's time zone.
        self.assertIn("We will answer by", body)

    def test_low_balance_tells_client_and_salesperson_once(self):
        self.buy(self.pack_expansion_5)
        wallet = self.wallet
        for __ in range(3):
            self.open_ticket()
        self.assertFalse(wallet.low_balance_notified)
        self.open_ticket()
        self.assertEqual(wallet.balance, 1)
        self.assertTrue(wallet.low_balance_notified)
        self.assertEqual(wallet.activity_ids.user_id, self.salesperson)
        self.open_ticket()
        self.assertEqual(len(wallet.activity_ids), 1)

    def test_never_debits_twice(self):
        """Re-save, stage ping-pong, team change, reopen: one debit."""
        self.buy(self.pack_expansion_5)
        ticket = self.open_ticket()
        other_team = self.team.copy({"name": "Otro equipo"})
        ticket.write({"name": "Error en POS (editado)"})
        for stage in (self.stage_progress, self.stage_new, self.stage_progress):
            ticket.stage_id = stage
        ticket.team_id = other_team
        ticket.stage_id = self.stage_done
        ticket.stage_id = self.stage_progress
        self.assertEqual(self.wallet.balance, 4)
        self.assertEqual(len(ticket.wallet_move_ids), 1)

    def test_contact_of_same_client_keeps_the_debit(self):
        self.buy(self.pack_expansion_5)
        ticket = self.open_ticket()
        colleague = self.env["res.partner"].create(
            {"name": "Rubén Ortega", "parent_id": self.client.id}
        )
        ticket.partner_id = colleague
        self.assertEqual(self.wallet.balance, 4)

    def test_cancelled_duplicate_gets_its_ticket_back_once(self):
        self.buy(self.pack_expansion_5)
        ticket = self.open_ticket()
        self.assertEqual(self.wallet.balance, 4)
        ticket.stage_id = self.stage_cancelled
        self.assertEqual(self.wallet.balance, 5)
        reversal = ticket.wallet_move_ids.filtered(lambda m: m.kind == "reversal")
        self.assertEqual(reversal.amount, 1)
        self.assertEqual(reversal.ticket_id, ticket)
        ticket.stage_id = self.stage_progress
        ticket.stage_id = self.stage_cancelled
        ticket._entitlement_release()
        self.assertEqual(self.wallet.balance, 5)
        self.assertLedgerSumsToBalance(self.wallet)

    def test_totals_follow_the_ledger(self):
        """Balance, last purchase, tickets used and what is left of each
        pack follow purchases, tickets, a reversal and an adjustment."""
        self.buy(self.pack_expansion_5)
        self.buy(self.pack_continuidad_10)
        wallet = self.wallet
        first, second, third = (self.open_ticket(f"Caso {n}") for n in range(3))
        second.stage_id = self.stage_cancelled
        wallet.with_user(self.manager)._adjust(-2, "Tickets regalados por error")
        self.assertEqual(wallet.balance, 11)
        self.assertEqual(wallet.tickets_used, 2)
        self.assertEqual(wallet.ticket_count, 3)
        packs = wallet.move_ids.filtered(lambda m: m.kind == "purchase")
        self.assertEqual(
            sorted(packs.mapped("remaining")), [1, 10], "the older pack is used first"
        )
        self.assertEqual(wallet.last_purchase_date, max(packs.mapped("date")))
        self.assertEqual((first | third).wallet_consumption_id.credit_id.amount, 5)
        self.assertLedgerSumsToBalance(wallet)

    def test_administrative_case_served_without_debit(self):
        self.buy(self.pack_expansion_5)
        billing = self.env["helpdesk.ticket.category"].create(
            {"name": "Facturación del servicio", "administrative": True}
        )
        ticket = self.open_ticket("Copia de mi factura", category_id=billing.id)
        self.assertTrue(ticket.is_covered)
        self.assertEqual(ticket.entitlement_source, "policy")
        self.assertEqual(self.wallet.balance, 5)

    def test_client_without_wallet_keeps_the_service_policy(self):
        stranger = self.env["res.partner"].create({"name": "Sin Wallet S.A."})
        ticket = self.open_ticket(partner_id=stranger.id)
        self.assertEqual(ticket.entitlement_source, "policy")
        self.assertEqual(ticket.sla_policy_id, self.standard)

    def test_debit_when_agent_first_moves_the_ticket(self):
        self.company.wallet_consume_on = "first_move"
        self.buy(self.pack_expansion_5)
        ticket = self.open_ticket(stage_id=self.stage_new.id)
        self.assertTrue(ticket.is_covered)
        self.assertEqual(ticket.entitlement_source, "wallet")
        self.assertFalse(ticket.entitlement_state)
        self.assertEqual(self.wallet.balance, 5)
        ticket.stage_id = self.stage_progress
        self.assertEqual(ticket.entitlement_state, "claimed")
        self.assertEqual(self.wallet.balance, 4)
        ticket.stage_id = self.stage_new
        ticket.stage_id = self.stage_progress
        self.assertEqual(self.wallet.balance, 4)

    def test_oldest_credit_first_across_service_levels(self):
        self.buy(self.pack_continuidad_10)
        with freeze_time(fields.Datetime.now() + timedelta(days=1)):
            self.buy(self.pack_expansion_5)
            wallet = self.wallet
            self.assertEqual(wallet.balance, 15)
            ticket = self.open_ticket()
        self.assertEqual(ticket.sla_policy_id, self.continuidad)
        self.assertEqual(wallet.sla_policy_id, self.continuidad)

    def test_expired_pack_is_not_used_and_expires_once(self):
        pack = self._pack(
            "Wallet 5 con vigencia", 5, self.expansion, ticket_pack_validity_days=30
        )
        self.buy(pack)
        wallet = self.wallet
        # Day 31 in the user's time zone, as the pack's validity is counted:
        # noon UTC is that same date in every American or European zone.
        day_31 = fields.Date.context_today(wallet) + timedelta(days=31)
        with freeze_time(datetime.combine(day_31, time(12))):
            ticket = self.open_ticket()
            self.assertFalse(ticket.is_covered)
            self.env["helpdesk.wallet"]._cron_expire_credits()
            self.env["helpdesk.wallet"]._cron_expire_credits()
        wallet.invalidate_recordset()
        self.assertEqual(wallet.balance, 0)
        self.assertEqual(len(wallet.move_ids.filtered(lambda m: m.kind == "expiry")), 1)

    # ------------------------------------------------------------------
    # The ledger refuses
    # ------------------------------------------------------------------

    def test_moves_are_never_edited_or_deleted(self):
        self.buy(self.pack_expansion_5)
        move = self.wallet.move_ids
        for env in (self.env, self.env(user=self.manager), self.env(su=True)):
            with self.assertRefused("never changed"):
                move.with_env(env).write({"amount": 50})
            with self.assertRefused("never deleted"):
                move.with_env(env).unlink()
        self.assertEqual(move.amount, 5)
        self.assertEqual(self.wallet.balance, 5)

    def test_adjustment_needs_a_reason(self):
        self.buy(self.pack_expansion_5)
        wizard = (
            self.env["helpdesk.wallet.adjust"]
            .with_user(self.manager)
            .create({"wallet_id": self.wallet.id, "quantity": 2, "reason": "  "})
        )
        with self.assertRefused("reason is required"):
            wizard.action_adjust()
        self.assertEqual(self.wallet.balance, 5)
        self.assertEqual(len(self.wallet.move_ids), 1)

    def test_adjustment_cannot_make_the_balance_negative(self):
        self.buy(self.pack_expansion_5)
        with self.assertRefused("cannot be removed"):
            self.wallet.with_user(self.manager)._adjust(-6, "Corrección de saldo")
        self.assertEqual(self.wallet.balance, 5)

    def test_manager_adjusts_with_a_reason(self):
        self.buy(self.pack_expansion_5)
        wallet = self.wallet.with_user(self.manager)
        wallet._adjust(-2, "Tickets de prueba cargados por error")
        wallet._adjust(1, "Cortesía por demora", self.continuidad)
        self.assertEqual(self.wallet.balance, 4)
        self.assertEqual(
            self.wallet.move_ids.filtered(lambda m: m.kind == "adjustment").mapped(
                "reason"
            ),
            ["Cortesía por demora", "Tickets de prueba cargados por error"],
        )
        self.assertLedgerSumsToBalance(self.wallet)

    def test_ledger_refuses_a_debit_beyond_the_balance(self):
        self.buy(self.pack_expansion_5)
        wallet = self.wallet
        credit = wallet.move_ids
        with self.assertRefused("negative balance|No ticket is left"):
            wallet._post(
                [
                    {
                        "kind": "adjustment",
                        "amount": -6,
                        "credit_id": credit.id,
                        "reason": "Prueba",
                    }
                ]
            )
        self.assertEqual(wallet.balance, 5)
        self.assertEqual(len(wallet.move_ids), 1)

    def test_wallets_of_another_company_are_hidden(self):
        other = self.env["res.company"].create({"name": "Valtriom Costa Rica"})
        foreign = self.env["helpdesk.wallet"].create(
            {"partner_id": self.client.id, "company_id": other.id}
        )
        self.buy(self.pack_expansion_5)
        visible = self.env["helpdesk.wallet"].with_user(self.agent).search([])
        self.assertIn(self.wallet, visible)
        self.assertNotIn(foreign, visible)
        self.assertEqual(foreign.balance, 0, "each company has its own wallet")

    def test_agent_cannot_adjust(self):
        self.buy(self.pack_expansion_5)
        with self.assertRefused("managers", exception=AccessError):
            self.wallet.with_user(self.agent)._adjust(3, "Regalo")
        self.assertEqual(self.wallet.balance, 5)

    def test_pack_without_ticket_count_is_refused(self):
        with self.assertRefused("number of tickets"):
            self._pack("Pack vacío", 0, self.expansion)
        with self.assertRefused("service level"):
            self.env["product.product"].create(
                {
                    "name": "Pack sin nivel",
                    "is_ticket_pack": True,
                    "ticket_pack_quantity": 5,
                }
            )

    def test_balance_cannot_be_written(self):
        self.buy(self.pack_expansion_5)
        wallet = self.wallet.with_user(self.manager)
        with self.assertRefused("sum of its ledger"):
            wallet.write({"balance": 50})
        with self.assertRefused("sum of its ledger"):
            self.env["helpdesk.wallet"].create(
                {"partner_id": self.env.user.partner_id.id, "balance": 50}
            )
        wallet.invalidate_recordset()
        self.assertEqual(wallet.balance, 5)
        self.env.cr.execute(
            "SELECT balance FROM helpdesk_wallet WHERE id = %s", [wallet.id]
        )
        self.assertEqual(self.env.cr.fetchone()[0], 5, "the stored value too")

    def test_wallet_with_moves_keeps_its_client(self):
        self.buy(self.pack_expansion_5)
        other = self.env["res.partner"].create(
            {"name": "Distribuidora Istmo S.A.", "is_company": True}
        )
        with self.assertRefused("cannot change client"):
            self.wallet.with_user(self.manager).write({"partner_id": other.id})
        self.assertEqual(self.wallet.partner_id, self.client)
        empty = self.env["helpdesk.wallet"].create({"partner_id": other.id})
        third = self.env["res.partner"].create(
            {"name": "Ferretería Chiriquí S.A.", "is_company": True}
        )
        empty.partner_id = third
        self.assertEqual(empty.partner_id, third, "a wallet without moves may")

    def test_every_change_is_tracked_in_the_chatter(self):
        self.buy(self.pack_expansion_5)
        # As if the wallet had been created by an earlier transaction: Odoo
        # tracks no change in the transaction that creates the record.
        self.env.cr.flush()
        tracked_env = self.env(context={}, user=self.manager)
        wallet = tracked_env["helpdesk.wallet"].browse(self.wallet.id)
        wallet._adjust(-2, "Tickets regalados por error")
        # The tracking values are written when the transaction commits.
        wallet.env.cr.flush()
        wallet.invalidate_recordset(["message_ids"])
        tracked = wallet.message_ids.sudo().tracking_value_ids.filtered(
            lambda v: v.field_id.name == "balance"
        )
        self.assertEqual(
            (tracked[:1].old_value_integer, tracked[:1].new_value_integer), (5, 3)
        )
        self.assertTrue(wallet._fields["partner_id"].tracking)
        self.assertTrue(wallet._fields["company_id"].tracking)

    def test_transfer_moves_tickets_with_a_reason(self):
        self.buy(self.pack_expansion_5)
        other = self.env["res.partner"].create(
            {"name": "Distribuidora Istmo S.A.", "is_company": True}
        )
        target = self.env["helpdesk.wallet"].create({"partner_id": other.id})
        wizard = (
            self.env["helpdesk.wallet.adjust"]
            .with_user(self.manager)
            .create(
                {
                    "wallet_id": self.wallet.id,
                    "target_wallet_id": target.id,
                    "quantity": 2,
                    "reason": "Tickets de la filial",
                }
            )
        )
        wizard.action_adjust()
        self.assertEqual(self.wallet.balance, 3)
        self.assertEqual(target.balance, 2)
        self.assertEqual(target.sla_policy_id, self.expansion)
        self.assertEqual(
            set((self.wallet.move_ids | target.move_ids).mapped("reason")),
            {False, "Tickets de la filial"},
        )
        with self.assertRefused("another client"):
            self.wallet.with_user(self.manager)._transfer(self.wallet, 1, "Nada")
        self.assertLedgerSumsToBalance(self.wallet)
        self.assertLedgerSumsToBalance(target)
