"""Valtriom's VTM WalletTicket (seed 000), end to end.

A Panamanian retailer buys a pack of 5 tickets at Expansión (first response
in less than 4 business hours, Monday to Friday 9-18). A POS incident
reported on a Friday evening is answered on Monday morning; DGI and POS
incidents use the rest of the pack; the sixth request is saved uncovered
and the client is told how to buy; a case that outgrows the hour becomes a
development opportunity quoted with the holders' 5 % discount.
"""

import unittest
from datetime import datetime

import pytz
from freezegun import freeze_time

from odoo import Command
from odoo.tests import TransactionCase, tagged

PANAMA = pytz.timezone("America/Panama")


def utc(*args):
    return PANAMA.localize(datetime(*args)).astimezone(pytz.utc).replace(tzinfo=None)


@tagged("post_install", "-at_install")
class TestValtriomWalletTicket(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        installed = cls.env["ir.module.module"].search_count(
            [("name", "=", "helpdesk_sla_wallet"), ("state", "=", "installed")]
        )
        if not installed:
            raise unittest.SkipTest("helpdesk_sla_wallet is not installed")
        cls.company = cls.env.company
        cls.company.write({"wallet_credit_on": "paid", "wallet_consume_on": "create"})
        cls.calendar = cls.env.ref("helpdesk_priority_matrix.calendar_mon_fri_9_18")
        cls.calendar.tz = "America/Panama"
        cls.expansion = cls.env.ref(
            "helpdesk_priority_matrix.policy_valtriom_expansion"
        )
        cls.team = cls.env.ref("helpdesk_priority_matrix.team_valtriom")
        cls.pack = cls.env.ref("helpdesk_sla_wallet.product_pack_expansion_5")
        cls.development = cls.env.ref("helpdesk_sla_wallet.product_service_development")
        cls.client = cls.env["res.partner"].create(
            {
                "name": "Supermercados Azuero S.A.",
                "is_company": True,
                "country_id": cls.env.ref("base.pa").id,
            }
        )
        cls.contact = cls.env["res.partner"].create(
            {
                "name": "Marisol De Gracia",
                "parent_id": cls.client.id,
                "email": "marisol@azuero.example.com",
            }
        )

    def _commit(self):
        self.env.flush_all()
        self.env.cr.precommit.run()

    def _buy_the_pack(self):
        order = self.env["sale.order"].create(
            {
                "partner_id": self.client.id,
                "order_line": [Command.create({"product_id": self.pack.id})],
            }
        )
        order.action_confirm()
        invoice = order._create_invoices()
        invoice.action_post()
        self.env["account.payment.register"].with_context(
            active_model="account.move", active_ids=invoice.ids
        ).create({})._create_payments()
        return self.env["helpdesk.wallet"]._for_partner(self.client, self.company)

    def _ticket(self, name, category):
        return self.env["helpdesk.ticket"].create(
            {
                "name": name,
                "description": f"<p>{name}</p>",
                "partner_id": self.contact.id,
                "team_id": self.team.id,
                "category_id": self.env.ref(f"helpdesk_priority_matrix.{category}").id,
            }
        )

    def test_five_tickets_at_expansion_then_a_lead(self):
        wallet = self._buy_the_pack()
        self.assertEqual(wallet.balance, 5)
        self.assertEqual(wallet.sla_policy_id, self.expansion)

        with freeze_time(utc(2026, 11, 20, 17, 30)):
            pos = self._ticket(
                "POS inoperativo en la sucursal de Chitré",
                "category_critical_16_pos_down",
            )
            self._commit()
        self.assertEqual(pos.entitlement_source, "wallet")
        self.assertEqual(pos.sla_policy_id, self.expansion)
        # 30 minutes on Friday, 3 h 30 on Monday from 9:00.
        self.assertEqual(pos.sla_response_deadline, utc(2026, 11, 23, 12, 30))

        for name, category in (
            ("Factura no enviada a la DGI", "category_critical_01_pac_dgi_down"),
            (
                "No se pueden emitir facturas",
                "category_critical_04_cannot_issue_einvoices",
            ),
            ("Recibo del POS sin RUC", "category_non_critical_03_pos_receipt_look"),
        ):
            self.assertTrue(self._ticket(name, category).is_covered)
        self.assertEqual(wallet.balance, 1)
        self.assertTrue(wallet.low_balance_notified)

        overrun = self._ticket(
            "Descuento de jubilados en el POS",
            "category_non_critical_03_pos_receipt_look",
        )
        self.assertEqual(wallet.balance, 0)
        sixth = self._ticket(
            "Numeración fiscal duplicada", "category_critical_05_fiscal_numbering"
        )
        self.assertFalse(sixth.is_covered)
        self.assertIn("/my/wallet", sixth.entitlement_message)

        project = self.env["project.project"].create(
            {"name": "Soporte Azuero", "allow_timesheets": True}
        )
        employee = self.env["hr.employee"].create({"name": "Consultor Valtriom"})
        overrun.project_id = project
        self.env["account.analytic.line"].create(
            {
                "name": "Análisis",
                "ticket_id": overrun.id,
                "project_id": project.id,
                "employee_id": employee.id,
                "unit_amount": 61 / 60,
            }
        )
        self.assertEqual(overrun.wallet_time_state, "exceeded")
        action = overrun.action_open_diagnosis_wizard()
        self.env[action["res_model"]].with_context(**action["context"]).create(
            {
                "diagnosis": "<p>Regla de precios y ajuste del XML fiscal.</p>",
                "estimated_hours": 12,
                "work_kind": "development",
                "product_id": self.development.id,
            }
        ).action_convert()
        lead = overrun.lead_ids
        self.assertEqual(lead.partner_id, self.client)
        self.assertEqual(lead.expected_revenue, 12 * self.development.lst_price)
        self.assertTrue(overrun.closed)
        self.assertEqual(wallet.balance, 0)

        quotation = self.env["sale.order"].create(
            {
                "partner_id": self.client.id,
                "opportunity_id": lead.id,
                "order_line": [
                    Command.create(
                        {"product_id": self.development.id, "product_uom_qty": 12}
                    )
                ],
            }
        )
        self.assertEqual(quotation.order_line.discount, 5.0)
        self.assertEqual(sum(wallet.move_ids.mapped("amount")), wallet.balance)
