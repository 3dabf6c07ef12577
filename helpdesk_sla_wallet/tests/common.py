from contextlib import contextmanager

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import TransactionCase, new_test_user


class WalletCommon(TransactionCase):
    """Valtriom's VTM WalletTicket: a Panamanian client buys packs of
    tickets at Continuidad or Expansión; its contacts open tickets."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.company = cls.env.company
        cls.company.write(
            {
                "wallet_credit_on": "paid",
                "wallet_consume_on": "create",
                "wallet_low_balance_threshold": 1,
            }
        )
        calendar = cls.env.ref("helpdesk_priority_matrix.calendar_mon_fri_9_18")
        cls.expansion = cls._policy("Expansión (test)", calendar, 4)
        cls.continuidad = cls._policy("Continuidad (test)", calendar, 12)
        cls.standard = cls.env.ref("helpdesk_priority_matrix.sla_policy_standard")
        cls.company.helpdesk_sla_policy_id = cls.standard
        cls.manager = new_test_user(
            cls.env,
            login="wallet_manager",
            groups="helpdesk_mgmt.group_helpdesk_manager,sales_team.group_sale_manager,"
            "account.group_account_manager",
        )
        cls.agent = new_test_user(
            cls.env,
            login="wallet_agent",
            groups="helpdesk_mgmt.group_helpdesk_user,"
            "hr_timesheet.group_hr_timesheet_user",
        )
        cls.salesperson = new_test_user(
            cls.env, login="wallet_sales", groups="sales_team.group_sale_salesman"
        )
        cls.team = cls.env["helpdesk.ticket.team"].create(
            {
                "name": "VTM WalletTicket (test)",
                "user_ids": [Command.set([cls.agent.id, cls.manager.id])],
                "sla_policy_id": cls.standard.id,
            }
        )
        cls.client = cls.env["res.partner"].create(
            {
                "name": "Farmacias Coclé S.A.",
                "is_company": True,
                "email": "ti@farmaciascocle.example.com",
                "user_id": cls.salesperson.id,
            }
        )
        cls.contact = cls.env["res.partner"].create(
            {
                "name": "Yaneth Rodríguez",
                "parent_id": cls.client.id,
                "email": "yaneth@farmaciascocle.example.com",
            }
        )
        cls.pack_expansion_5 = cls._pack("Wallet 5 Expansión", 5, cls.expansion)
        cls.pack_continuidad_10 = cls._pack(
            "Wallet 10 Continuidad", 10, cls.continuidad
        )
        cls.stage_new = cls.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_new")
        cls.stage_progress = cls.env.ref(
            "helpdesk_mgmt.helpdesk_ticket_stage_in_progress"
        )
        cls.stage_done = cls.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done")
        cls.stage_cancelled = cls.env.ref(
            "helpdesk_mgmt.helpdesk_ticket_stage_cancelled"
        )

    @classmethod
    def _policy(cls, name, calendar, hours):
        levels = cls.env["helpdesk.priority.level"].search([])
        return cls.env["helpdesk.sla.policy"].create(
            {
                "name": name,
                "calendar_id": calendar.id,
                "company_id": False,
                "line_ids": [
                    Command.create(
                        {
                            "level_id": level.id,
                            "response_target": hours,
                            "resolution_target": hours * 2,
                        }
                    )
                    for level in levels
                ],
            }
        )

    @classmethod
    def _pack(cls, name, tickets, policy, **vals):
        return cls.env["product.product"].create(
            dict(
                {
                    "name": name,
                    "type": "service",
                    "list_price": 300.0,
                    "is_ticket_pack": True,
                    "ticket_pack_quantity": tickets,
                    "ticket_pack_sla_policy_id": policy.id,
                },
                **vals,
            )
        )

    # ------------------------------------------------------------------
    # Selling packs
    # ------------------------------------------------------------------

    def sell(self, product, quantity=1, partner=None):
        order = self.env["sale.order"].create(
            {
                "partner_id": (partner or self.client).id,
                "order_line": [
                    Command.create(
                        {"product_id": product.id, "product_uom_qty": quantity}
                    )
                ],
            }
        )
        order.action_confirm()
        return order

    def invoice(self, order):
        invoice = order._create_invoices()
        invoice.action_post()
        return invoice

    def pay(self, invoice):
        self.env["account.payment.register"].with_context(
            active_model="account.move", active_ids=invoice.ids
        ).create({})._create_payments()
        self.assertIn(invoice.payment_state, ("paid", "in_payment"))

    def buy(self, product, quantity=1, partner=None):
        """Sell, invoice and pay: the pack is credited."""
        order = self.sell(product, quantity, partner)
        invoice = self.invoice(order)
        self.pay(invoice)
        return order, invoice

    def refund(self, invoice):
        reversal = (
            self.env["account.move.reversal"]
            .with_context(active_model="account.move", active_ids=invoice.ids)
            .create({"journal_id": invoice.journal_id.id, "reason": "Devolución"})
        )
        action = reversal.refund_moves()
        credit_note = self.env["account.move"].browse(action["res_id"])
        credit_note.action_post()
        return credit_note

    # ------------------------------------------------------------------
    # Tickets
    # ------------------------------------------------------------------

    def open_ticket(self, name="Error en POS", **vals):
        values = {
            "name": name,
            "description": "<p>El POS no abre sesión.</p>",
            "partner_id": self.contact.id,
            "team_id": self.team.id,
        }
        values.update(vals)
        return self.env["helpdesk.ticket"].create(values)

    @property
    def wallet(self):
        return self.env["helpdesk.wallet"]._for_partner(self.client, self.company)

    def assertLedgerSumsToBalance(self, wallet):
        """The wallet's totals, which the database sums, are those of its
        ledger read move by move."""
        self.env.invalidate_all()
        moves = wallet.move_ids
        self.assertEqual(sum(moves.mapped("amount")), wallet.balance)
        self.assertGreaterEqual(wallet.balance, 0)
        for credit in moves.filtered("is_credit"):
            self.assertEqual(
                credit.remaining, credit.amount + sum(credit.debit_ids.mapped("amount"))
            )
        purchases = moves.filtered(lambda m: m.kind == "purchase")
        self.assertEqual(
            wallet.last_purchase_date, max(purchases.mapped("date"), default=False)
        )
        used = moves.filtered(lambda m: m.kind in ("consumption", "reversal"))
        self.assertEqual(wallet.tickets_used, -sum(used.mapped("amount")))
        self.assertEqual(wallet.ticket_count, len(used.ticket_id))

    @contextmanager
    def assertRefused(self, pattern, exception=UserError):
        """The block raises ``exception`` (a validation error is a user
        error) matching ``pattern``; nothing it did is kept."""
        with self.assertRaises(exception) as caught:
            yield
        self.assertRegex(str(caught.exception), pattern)
