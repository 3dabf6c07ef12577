from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import SlaCommon

# (model, who, read, write, create, unlink): what each kind of user may do.
# Employees outside the helpdesk read tickets (helpdesk_mgmt lets them), so
# they read what a ticket shows: its level, functional area and policy.
EXPECTED_RIGHTS = [
    ("helpdesk.priority.level", "agent", 1, 0, 0, 0),
    ("helpdesk.priority.level", "manager", 1, 1, 1, 1),
    ("helpdesk.priority.level", "portal", 1, 0, 0, 0),
    ("helpdesk.priority.matrix", "agent", 1, 0, 0, 0),
    ("helpdesk.priority.matrix", "manager", 1, 1, 1, 1),
    ("helpdesk.priority.matrix", "portal", 0, 0, 0, 0),
    ("helpdesk.priority.matrix.cell", "agent", 1, 0, 0, 0),
    ("helpdesk.priority.matrix.cell", "manager", 1, 1, 1, 1),
    ("helpdesk.priority.matrix.cell", "portal", 0, 0, 0, 0),
    ("helpdesk.functional.area", "agent", 1, 0, 0, 0),
    ("helpdesk.functional.area", "manager", 1, 1, 1, 1),
    ("helpdesk.functional.area", "portal", 1, 0, 0, 0),
    ("helpdesk.sla.policy", "agent", 1, 0, 0, 0),
    ("helpdesk.sla.policy", "manager", 1, 1, 1, 1),
    ("helpdesk.sla.policy", "portal", 1, 0, 0, 0),
    ("helpdesk.sla.policy.line", "agent", 1, 0, 0, 0),
    ("helpdesk.sla.policy.line", "manager", 1, 1, 1, 1),
    ("helpdesk.sla.policy.line", "portal", 0, 0, 0, 0),
    ("helpdesk.sla.suspension", "agent", 1, 0, 0, 0),
    ("helpdesk.sla.suspension", "manager", 1, 1, 1, 1),
    ("helpdesk.sla.suspension", "portal", 0, 0, 0, 0),
    ("helpdesk.priority.level", "employee", 1, 0, 0, 0),
    ("helpdesk.functional.area", "employee", 1, 0, 0, 0),
    ("helpdesk.sla.policy", "employee", 1, 0, 0, 0),
    ("helpdesk.sla.policy.line", "employee", 0, 0, 0, 0),
    ("helpdesk.priority.matrix", "employee", 0, 0, 0, 0),
]
OPERATIONS = ("read", "write", "create", "unlink")


@tagged("post_install", "-at_install")
class TestSecurity(SlaCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.portal = new_test_user(
            cls.env, login="sla_portal", groups="base.group_portal"
        )
        cls.employee = new_test_user(
            cls.env, login="sla_employee", groups="base.group_user"
        )
        cls.users = {
            "agent": cls.agent,
            "manager": cls.leader,
            "portal": cls.portal,
            "employee": cls.employee,
        }

    def test_access_rights_of_every_model(self):
        for model, who, *allowed in EXPECTED_RIGHTS:
            records = self.env[model].with_user(self.users[who])
            for operation, expected in zip(OPERATIONS, allowed, strict=True):
                with self.subTest(model=model, user=who, operation=operation):
                    self.assertEqual(records.has_access(operation), bool(expected))

    def test_agents_cannot_change_lines_cells_or_suspensions(self):
        line = self.policy.line_ids[:1].with_user(self.agent)
        with self.assertRaises(AccessError):
            line.write({"response_target": 99})
        cell = self.matrix.cell_ids[:1].with_user(self.agent)
        with self.assertRaises(AccessError):
            cell.write({"level_id": self.levels["p5"].id})
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
        self.assertIn(self.policy, policies.search([]))
        matrices = self.env["helpdesk.priority.matrix"].with_user(self.leader)
        self.assertFalse(matrices.search([("company_id", "=", other.id)]))

    def test_companies_do_not_see_each_other_suspensions(self):
        other = self.env["res.company"].create({"name": "Coacher Integradores SpA"})
        suspensions = self.env["helpdesk.sla.suspension"]
        theirs = suspensions.create(
            {
                "name": "Ataque global",
                "company_id": other.id,
                "date_from": self.utc(2026, 11, 23, 9),
                "date_to": self.utc(2026, 11, 23, 10),
            }
        )
        ours = suspensions.create(
            {
                "name": "Caída del hosting",
                "date_from": self.utc(2026, 11, 23, 9),
                "date_to": self.utc(2026, 11, 23, 10),
            }
        )
        visible = suspensions.with_user(self.leader).search([])
        self.assertIn(ours, visible)
        self.assertNotIn(theirs, visible)
