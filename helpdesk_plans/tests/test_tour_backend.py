from odoo.tests import new_test_user, tagged

from odoo.addons.helpdesk_priority_matrix.tests.tour_common import TourCase


@tagged("post_install", "-at_install")
class TestTourConsultantPlan(TourCase):
    """The consultant adds a support plan from the Helpdesk menus."""

    def test_consultant_creates_a_plan(self):
        new_test_user(
            self.env,
            login="tour_plan_consultant",
            password="tour_plan_consultant",
            groups="base.group_system,helpdesk_mgmt.group_helpdesk_manager,"
            "sales_team.group_sale_manager",
        )
        self.start_tour(
            "/odoo", "helpdesk_plans_consultant_plan", login="tour_plan_consultant"
        )
        plan = self.env["helpdesk.plan"].search([("name", "=", "Corporativo Azuero")])
        self.assertEqual(
            plan.sla_policy_id,
            self.env.ref("helpdesk_priority_matrix.sla_policy_standard"),
        )
        self.assertEqual(plan.ticket_quota, 20)
        self.assertEqual(plan.billing_period, "yearly")
        self.assertEqual(plan.price, 6500)
