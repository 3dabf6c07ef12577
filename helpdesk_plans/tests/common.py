from datetime import date, datetime

from freezegun import freeze_time

from odoo.addons.helpdesk_priority_matrix.tests.common import SlaCommon


class PlanCommon(SlaCommon):
    """A monthly plan of 5 tickets on the standard policy, and a client
    subscribed to it from 1 July 2026, the day plans became required (003).

    Dates are frozen with ``at(day)``; tickets are opened at 10:00 local time
    of their day.
    """

    START = date(2026, 7, 1)

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.write(
            {
                "helpdesk_plan_required_from": cls.START,
                "helpdesk_plan_notice_days": 5,
                "helpdesk_plan_grace_days": 5,
            }
        )
        cls.training = cls.env["helpdesk.ticket.category"].create(
            {"name": "Capacitaciones", "plan_restricted": True}
        )
        cls.billing = cls.env["helpdesk.ticket.category"].create(
            {"name": "Facturación y pagos", "administrative": True}
        )
        cls.plan = cls.env["helpdesk.plan"].create(
            {
                "name": "Básico",
                "sequence": 10,
                "sla_policy_id": cls.policy.id,
                "ticket_quota": 5,
                "billing_period": "monthly",
                "price": 350.0,
            }
        )
        cls.plan_advanced = cls.env["helpdesk.plan"].create(
            {
                "name": "Avanzado",
                "sequence": 20,
                "sla_policy_id": cls.policy.id,
                "ticket_quota": 10,
                "billing_period": "monthly",
                "price": 650.0,
                "category_ids": [(6, 0, cls.training.ids)],
            }
        )
        cls.customer.is_company = True
        cls.contact = cls.env["res.partner"].create(
            {
                "name": "Ana Lucía Morales",
                "parent_id": cls.customer.id,
                "email": "ana@andina.example.com",
            }
        )
        cls.salesperson = cls.env["res.users"].create(
            {
                "name": "Sofía Sales",
                "login": "plan_sales",
                "email": "sofia@example.com",
                "groups_id": [(4, cls.env.ref("sales_team.group_sale_salesman").id)],
            }
        )
        cls.customer.user_id = cls.salesperson

    @classmethod
    def enable_demo_payments(cls):
        """Odoo's demo payment provider, in test mode, for the company:
        cards saved with it pay, or fail, as they are told."""
        cls.provider = cls.env.ref("payment.payment_provider_demo")
        cls.provider.write({"state": "test", "company_id": cls.company.id})

    def save_card(self, partner=None, outcome="done"):
        """A card the client saved with the demo provider."""
        return self.env["payment.token"].create(
            {
                "provider_id": self.provider.id,
                "payment_method_id": self.env.ref(
                    "payment_demo.payment_method_demo"
                ).id,
                "partner_id": (partner or self.customer).id,
                "payment_details": "4242",
                "provider_ref": f"card-{outcome}",
                "demo_simulated_state": outcome,
            }
        )

    @staticmethod
    def at(day, hour=10):
        """Freeze the clock at ``hour`` o'clock (Panama) of ``day``."""
        moment = datetime(day.year, day.month, day.day, hour)
        return freeze_time(SlaCommon.utc(moment.year, moment.month, moment.day, hour))

    def subscribe(self, plan=None, partner=None, start=None, **vals):
        values = {
            "partner_id": (partner or self.customer).id,
            "plan_id": (plan or self.plan).id,
            "date_start": start or self.START,
        }
        values.update(vals)
        subscription = self.env["helpdesk.plan.subscription"].create(values)
        with self.at(values["date_start"]):
            subscription.action_activate()
        return subscription

    def open_ticket(self, day, partner=None, **vals):
        """A ticket opened by the client's contact at 10:00 on ``day``."""
        vals.setdefault("partner_id", (partner or self.contact).id)
        with self.at(day):
            return self.create_ticket(
                self.utc(day.year, day.month, day.day, 10), **vals
            )

    def assertCoveredByPlan(self, ticket):
        self.assertTrue(ticket.is_covered, ticket.entitlement_message)
        self.assertEqual(ticket.entitlement_source, "plan")
        self.assertEqual(ticket.entitlement_state, "claimed")

    def assertUncovered(self, ticket, pattern):
        self.assertFalse(ticket.is_covered)
        self.assertEqual(ticket.entitlement_source, "none")
        self.assertRegex(ticket.entitlement_message, pattern)
