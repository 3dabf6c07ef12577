from odoo import fields
from odoo.tests import tagged

from odoo.addons.helpdesk_priority_matrix.tests.tour_common import TourCase


@tagged("post_install", "-at_install")
class TestTourPortalPlan(TourCase):
    """Clients with a support plan read its quota, bag and renewal on the
    portal and open tickets it serves, in English on a desktop and in
    Spanish on a phone; neither reaches the other's plan."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.load_spanish("helpdesk_plans")
        cls.plan = cls.env["helpdesk.plan"].create(
            {
                "name": "Plan Corporativo",
                "sla_policy_id": cls.env.ref(
                    "helpdesk_priority_matrix.sla_policy_standard"
                ).id,
                "ticket_quota": 5,
                "billing_period": "monthly",
                "price": 650.0,
            }
        )
        cls.client_en = cls.portal_client("tour_plan_en", "Distribuidora Andina S.A.")
        cls.client_es = cls.portal_client(
            "tour_plan_es", "Agroexport Maule SpA", "es_ES", "America/Santiago"
        )
        cls.subscriptions = {}
        for user in (cls.client_en, cls.client_es):
            # The client's own day: late in the UTC day, the administrator's
            # may already be tomorrow.
            today = fields.Date.context_today(user.with_context(tz=user.tz))
            company = user.partner_id.parent_id
            subscription = cls.env["helpdesk.plan.subscription"].create(
                {"partner_id": company.id, "plan_id": cls.plan.id, "date_start": today}
            )
            subscription.action_activate()
            cls.subscriptions[user] = subscription
            cls.env["helpdesk.plan.bag"].create(
                {
                    "partner_id": company.id,
                    "plan_id": cls.plan.id,
                    "ticket_count": 3,
                    "purchase_date": today,
                    "validity_days": 30,
                }
            )
            cls.env["helpdesk.ticket"].create(
                {
                    "name": f"Alta de usuario en {company.name}",
                    "description": "Crear el usuario de la nueva contadora.",
                    "partner_id": user.partner_id.id,
                }
            )

    def assertOtherClientsPlanOutOfReach(self, user, other):
        """Cancelling the other client's plan by its URL is not found, and
        their plan is not cancelled."""
        subscription = self.subscriptions[other]
        self.authenticate(user.login, user.login)
        response = self.url_open(
            f"/my/plan/{subscription.id}/cancel",
            data={"csrf_token": self.portal_csrf_token()},
            allow_redirects=False,
        )
        self.assertEqual(response.status_code, 404)
        self.assertEqual(subscription.state, "active")

    def test_plan_in_english_on_a_desktop(self):
        self.start_client_tour("/my", "helpdesk_plans_portal_plan_en", "tour_plan_en")
        self.assertOtherClientsPlanOutOfReach(self.client_en, self.client_es)

    def test_plan_in_spanish_on_a_phone(self):
        self.start_client_tour(
            "/my", "helpdesk_plans_portal_plan_es", "tour_plan_es", phone=True
        )
        self.assertOtherClientsPlanOutOfReach(self.client_es, self.client_en)

    def assertServedByThePlan(self, user):
        ticket = self.env["helpdesk.ticket"].search(
            [("partner_id", "=", user.partner_id.id)], order="id desc", limit=1
        )
        self.assertEqual(ticket.entitlement_source, "plan")
        self.assertEqual(ticket.plan_subscription_id, self.subscriptions[user])

    def test_new_ticket_served_by_the_plan_in_english_on_a_phone(self):
        self.start_client_tour(
            "/new/ticket",
            "helpdesk_plans_portal_new_ticket_en",
            "tour_plan_en",
            phone=True,
        )
        self.assertServedByThePlan(self.client_en)

    def test_new_ticket_served_by_the_plan_in_spanish_on_a_desktop(self):
        self.start_client_tour(
            "/new/ticket", "helpdesk_plans_portal_new_ticket_es", "tour_plan_es"
        )
        self.assertServedByThePlan(self.client_es)
