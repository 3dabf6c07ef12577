import re
from datetime import date, timedelta

from freezegun import freeze_time

from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.helpdesk_priority_matrix.tests.translation_common import load_spanish

from .common import PlanCommon


@tagged("post_install", "-at_install")
class TestPortal(HttpCase, PlanCommon):
    """/my/plan as two portal users of different clients."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.portal_user = new_test_user(
            cls.env, login="plan_portal_ana", groups="base.group_portal"
        )
        cls.portal_user.partner_id.parent_id = cls.customer
        cls.other_customer = cls.env["res.partner"].create(
            {"name": "Ferretería Los Volcanes", "is_company": True}
        )
        cls.other_user = new_test_user(
            cls.env, login="plan_portal_luis", groups="base.group_portal"
        )
        cls.other_user.partner_id.parent_id = cls.other_customer
        cls.subscription = cls.env["helpdesk.plan.subscription"].create(
            {
                "partner_id": cls.customer.id,
                "plan_id": cls.plan.id,
                "date_start": cls.START,
            }
        )
        cls.subscription.action_activate()
        cls.other_subscription = cls.env["helpdesk.plan.subscription"].create(
            {
                "partner_id": cls.other_customer.id,
                "plan_id": cls.plan_advanced.id,
                "date_start": cls.START,
            }
        )
        cls.other_subscription.action_activate()

    def cancel(self, subscription):
        page = self.url_open("/my/plan").text
        token = re.search(r'csrf_token: "([^"]+)"', page).group(1)
        return self.url_open(
            f"/my/plan/{subscription.id}/cancel", data={"csrf_token": token}
        )

    def test_portal_user_sees_only_its_company_plan(self):
        self.authenticate("plan_portal_ana", "plan_portal_ana")
        with freeze_time("2026-07-10 15:00:00"):
            response = self.url_open("/my/plan")
        self.assertEqual(response.status_code, 200)
        self.assertIn("Básico", response.text)
        self.assertIn("Renews on", response.text)
        self.assertNotIn("Avanzado</h4>", response.text)
        Subscription = self.env["helpdesk.plan.subscription"].with_user(
            self.portal_user
        )
        self.assertEqual(Subscription.search([]), self.subscription)

    def test_portal_user_cannot_cancel_another_company_plan(self):
        self.authenticate("plan_portal_ana", "plan_portal_ana")
        with freeze_time("2026-07-10 15:00:00"):
            response = self.cancel(self.other_subscription)
        self.assertEqual(response.status_code, 404)
        self.assertEqual(self.other_subscription.state, "active")

    def test_cancel_on_time_from_the_portal(self):
        self.authenticate("plan_portal_ana", "plan_portal_ana")
        with freeze_time("2026-07-10 15:00:00"):
            response = self.cancel(self.subscription)
        self.assertEqual(response.status_code, 200)
        self.assertIn("cancellation was accepted", response.text)
        self.assertEqual(self.subscription.state, "cancelled")
        self.assertEqual(self.subscription.date_end, date(2026, 7, 31))

    def test_late_cancel_from_the_portal_shows_the_reason(self):
        self.authenticate("plan_portal_ana", "plan_portal_ana")
        with freeze_time("2026-07-29 15:00:00"):
            response = self.cancel(self.subscription)
        self.assertEqual(response.status_code, 200)
        self.assertIn("last day to cancel this period was", response.text)
        self.assertEqual(self.subscription.state, "active")

    def test_new_ticket_form_shows_the_tickets_left(self):
        self.authenticate("plan_portal_ana", "plan_portal_ana")
        with freeze_time("2026-07-10 15:00:00"):
            response = self.url_open("/new/ticket")
        self.assertEqual(response.status_code, 200)
        self.assertIn("5 of\n", response.text.replace("  ", ""))

    def test_payment_terms_read_apart_in_spanish(self):
        load_spanish(self.env, "helpdesk_plans")
        self.portal_user.lang = "es_ES"
        self.authenticate("plan_portal_ana", "plan_portal_ana")
        with freeze_time("2026-07-10 15:00:00"):
            page = self.url_open("/my/plan").text
        self.assertRegex(
            page,
            r'Pago:\s*<span class="ms-1">factura enviada en cada renovación',
        )

    def test_my_plan_card_is_shown_to_a_client_without_plan(self):
        new_test_user(
            self.env, login="plan_portal_sin_plan", groups="base.group_portal"
        )
        self.authenticate("plan_portal_sin_plan", "plan_portal_sin_plan")
        page = self.url_open("/my").text
        self.assertRegex(
            page,
            r'<div class="o_portal_index_card col-md-6 order-2">\s*<a href="/my/plan"',
        )

    def test_missing_plan_warned_only_once_a_plan_is_required(self):
        new_test_user(
            self.env, login="plan_portal_sin_plan", groups="base.group_portal"
        )
        self.authenticate("plan_portal_sin_plan", "plan_portal_sin_plan")
        company = self.env.company
        company.helpdesk_plan_required_from = date.today() + timedelta(days=30)
        self.env.flush_all()
        page = self.url_open("/new/ticket").text
        self.assertNotIn('name="helpdesk_plan_missing"', page)
        company.helpdesk_plan_required_from = date.today() - timedelta(days=1)
        self.env.flush_all()
        page = self.url_open("/new/ticket").text
        self.assertIn('name="helpdesk_plan_missing"', page)
        self.assertIn("You have no active support plan.", page)

    def order(self, **data):
        page = self.url_open("/my/plan").text
        token = re.search(r'csrf_token: "([^"]+)"', page).group(1)
        return self.url_open("/my/plan/order", data={"csrf_token": token, **data})

    def test_garbled_or_missing_offer_is_explained_in_the_client_language(self):
        load_spanish(self.env, "helpdesk_plans")
        self.portal_user.lang = "es_ES"
        self.authenticate("plan_portal_ana", "plan_portal_ana")
        orders = self.env["sale.order"].search_count([])
        with freeze_time("2026-07-10 15:00:00"):
            for data in ({"product_id": "abc"}, {}, {"product_id": "999999"}):
                response = self.order(**data)
                self.assertEqual(response.status_code, 200, data)
                self.assertIn(
                    "Elija uno de los planes o bolsas de la lista para pedirlo.",
                    response.text,
                )
        self.assertEqual(self.env["sale.order"].search_count([]), orders)
