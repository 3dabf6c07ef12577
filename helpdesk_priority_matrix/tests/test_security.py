from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import SlaCommon


@tagged("post_install", "-at_install")
class TestSecurity(SlaCommon):
    def test_agents_read_but_do_not_change_sla_configuration(self):
        policy = self.policy.with_user(self.agent)
        self.assertTrue(policy.line_ids.mapped("response_target"))
        self.assertTrue(self.matrix.with_user(self.agent).cell_ids)
        with self.assertRaises(AccessError):
            policy.write({"at_risk_threshold": 50})
        with self.assertRaises(AccessError):
            self.levels["p1"].with_user(self.agent).write({"name": "Urgent"})
        with self.assertRaises(AccessError):
            self.env["helpdesk.sla.suspension"].with_user(self.agent).create(
                {
                    "name": "Caída",
                    "date_from": self.utc(2026, 11, 23, 9),
                    "date_to": self.utc(2026, 11, 23, 10),
                }
            )

    def test_managers_configure_sla(self):
        policy = self.policy.with_user(self.leader)
        policy.write({"at_risk_threshold": 50})
        self.assertEqual(self.policy.at_risk_threshold, 50)

    def test_other_company_configuration_is_invisible(self):
        other = self.env["res.company"].create({"name": "Coacher Integradores SpA"})
        other_policy = self.env["helpdesk.sla.policy"].create(
            {
                "name": "Premium Coacher",
                "company_id": other.id,
                "calendar_id": self.calendar.id,
            }
        )
        policies = self.env["helpdesk.sla.policy"].with_user(self.leader)
        self.assertNotIn(other_policy, policies.search([]))
        matrices = self.env["helpdesk.priority.matrix"].with_user(self.leader)
        self.assertFalse(matrices.search([("company_id", "=", other.id)]))
        self.assertIn(self.policy, policies.search([]))
