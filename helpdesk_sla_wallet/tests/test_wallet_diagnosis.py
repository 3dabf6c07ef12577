from odoo import Command

from .common import WalletCommon


class TestWalletDiagnosis(WalletCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.project = cls.env["project.project"].create(
            {"name": "Soporte VTM WalletTicket", "allow_timesheets": True}
        )
        cls.team.write({"allow_timesheet": True, "default_project_id": cls.project.id})
        cls.employee = cls.env["hr.employee"].create(
            {"name": "Agente de soporte", "user_id": cls.agent.id}
        )
        cls.development = cls.env["product.category"].create({"name": "Desarrollos"})
        cls.hour = cls.env["product.product"].create(
            {
                "name": "Desarrollo a medida (hora)",
                "type": "service",
                "list_price": 60.0,
                "categ_id": cls.development.id,
            }
        )
        cls.company.write(
            {
                "wallet_diagnosis_product_id": cls.hour.id,
                "wallet_discount_categ_ids": [Command.set(cls.development.ids)],
            }
        )

    def log_time(self, ticket, minutes):
        self.env["account.analytic.line"].create(
            {
                "name": "Revisión",
                "ticket_id": ticket.id,
                "project_id": ticket.project_id.id,
                "employee_id": self.employee.id,
                "unit_amount": minutes / 60.0,
            }
        )

    def test_time_cap_warns_at_80_percent(self):
        self.buy(self.pack_expansion_5)
        ticket = self.open_ticket(project_id=self.project.id)
        self.log_time(ticket, 47)
        self.assertEqual(ticket.wallet_hour_cap, 1.0)
        self.assertEqual(ticket.wallet_time_state, "ok")
        self.log_time(ticket, 1)
        self.assertEqual(ticket.wallet_time_state, "warning")

    def test_overrun_becomes_a_diagnosis_and_an_opportunity(self):
        """61 minutes on a one-hour ticket: the diagnosis closes it, the lead
        carries the estimate, and the development quotation shows 5 % off."""
        self.buy(self.pack_expansion_5)
        ticket = self.open_ticket(
            "Descuento de jubilados en el POS", project_id=self.project.id
        )
        ticket.stage_id = self.stage_progress
        self.log_time(ticket, 61)
        self.assertEqual(ticket.wallet_time_state, "exceeded")
        action = ticket.with_user(self.agent).action_open_diagnosis_wizard()
        wizard = (
            self.env[action["res_model"]]
            .with_user(self.agent)
            .with_context(**action["context"])
            .create(
                {
                    "diagnosis": "<p>Requiere una regla de precios y un ajuste "
                    "del XML.</p>",
                    "estimated_hours": 12,
                    "work_kind": "development",
                }
            )
        )
        self.assertEqual(wizard.product_id, self.hour)
        wizard.action_convert()
        lead = ticket.lead_ids
        self.assertEqual(lead.partner_id, self.client)
        self.assertEqual(lead.ticket_id, ticket)
        self.assertIn(lead, ticket.lead_ids)
        self.assertEqual(lead.expected_revenue, 720.0)
        self.assertEqual(lead.type, "opportunity")
        self.assertEqual(lead.user_id, self.salesperson)
        self.assertIn("regla de precios", lead.description)
        self.assertTrue(ticket.closed)
        self.assertTrue(ticket.stage_id.wallet_diagnosis)
        self.assertEqual(self.wallet.balance, 4, "the wallet ticket stays used")
        self.assertTrue(
            ticket.message_ids.filtered(lambda m: "diagnosis" in (m.subject or ""))
        )
        quotation = self.env["sale.order"].create(
            {
                "partner_id": self.client.id,
                "opportunity_id": lead.id,
                "order_line": [
                    Command.create({"product_id": self.hour.id, "product_uom_qty": 12})
                ],
            }
        )
        self.assertEqual(quotation.order_line.discount, 5.0)

    def test_diagnosis_refused_within_the_cap(self):
        self.buy(self.pack_expansion_5)
        ticket = self.open_ticket(project_id=self.project.id)
        self.log_time(ticket, 30)
        with self.assertRefused("time cap"):
            ticket.action_open_diagnosis_wizard()
        self.assertFalse(ticket.closed)

    def test_conversion_itself_checks_the_time_cap(self):
        """A wizard opened without the button (an import, a direct call)
        cannot close a ticket within its cap as a diagnosis."""
        self.buy(self.pack_expansion_5)
        ticket = self.open_ticket(project_id=self.project.id)
        self.log_time(ticket, 30)
        wizard = (
            self.env["helpdesk.ticket.diagnosis.wizard"]
            .with_user(self.agent)
            .create(
                {
                    "ticket_id": ticket.id,
                    "diagnosis": "<p>Requiere un desarrollo.</p>",
                    "estimated_hours": 8,
                    "product_id": self.hour.id,
                }
            )
        )
        with self.assertRefused("time cap"):
            wizard.action_convert()
        self.assertFalse(ticket.closed)
        self.assertFalse(ticket.lead_ids)

    def test_diagnosis_needs_an_estimate(self):
        self.buy(self.pack_expansion_5)
        ticket = self.open_ticket(project_id=self.project.id)
        with self.assertRefused("more than zero"):
            self.env["helpdesk.ticket.diagnosis.wizard"].create(
                {
                    "ticket_id": ticket.id,
                    "diagnosis": "<p>Desarrollo.</p>",
                    "estimated_hours": 0,
                    "product_id": self.hour.id,
                }
            )

    def test_pack_time_cap_wins_over_the_service_level(self):
        pack = self._pack(
            "Wallet 5 dos horas", 5, self.expansion, ticket_pack_hour_cap=2
        )
        self.buy(pack)
        ticket = self.open_ticket(project_id=self.project.id)
        self.log_time(ticket, 90)
        self.assertEqual(ticket.wallet_hour_cap, 2.0)
        self.assertEqual(ticket.wallet_time_state, "ok")

    def test_opportunity_opens_only_for_agents_who_may_read_it(self):
        """An agent who sells too, but sees only their own leads, is not sent
        to the sales team's opportunity (an access error); one who sees every
        lead is."""
        self.buy(self.pack_expansion_5)
        own_leads = self.env.ref("sales_team.group_sale_salesman")
        all_leads = self.env.ref("sales_team.group_sale_salesman_all_leads")
        actions = []
        for group in (own_leads, all_leads):
            self.agent.groups_id = [Command.link(group.id)]
            ticket = self.open_ticket(project_id=self.project.id)
            self.log_time(ticket, 61)
            wizard = (
                self.env["helpdesk.ticket.diagnosis.wizard"]
                .with_user(self.agent)
                .create(
                    {
                        "ticket_id": ticket.id,
                        "diagnosis": "<p>Requiere un desarrollo.</p>",
                        "estimated_hours": 4,
                        "product_id": self.hour.id,
                    }
                )
            )
            actions.append(wizard.action_convert())
            self.assertTrue(ticket.closed)
        self.assertEqual(actions[0]["type"], "ir.actions.act_window_close")
        self.assertEqual(actions[1]["res_model"], "crm.lead")
