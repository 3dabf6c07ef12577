from datetime import datetime

from odoo import Command
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
    # Business hours: Helpdesk managers keep them without the Settings rights.
    ("resource.calendar", "manager", 1, 1, 1, 1),
    ("resource.calendar", "agent", 1, 0, 0, 0),
    ("resource.calendar.attendance", "manager", 1, 1, 1, 1),
    ("resource.calendar.attendance", "agent", 1, 0, 0, 0),
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

    def test_managers_keep_business_hours_and_holidays_without_settings(self):
        self.assertFalse(self.leader.has_group("base.group_system"))
        self.assertFalse(self.leader.has_group("base.group_erp_manager"))
        calendars = self.env["resource.calendar"].with_user(self.leader)
        calendar = calendars.create(
            {
                "name": "Horario Soporte Azuero",
                "tz": "America/Panama",
                "global_leave_ids": [
                    Command.create(
                        {
                            "name": "Día de la Independencia",
                            "date_from": datetime(2027, 11, 3, 5),
                            "date_to": datetime(2027, 11, 4, 4, 59, 59),
                        }
                    )
                ],
            }
        )
        calendar.attendance_ids[:1].write({"hour_to": 17})
        calendar.write(
            {
                "global_leave_ids": [
                    Command.create(
                        {
                            "name": "Día de la Madre",
                            "date_from": datetime(2027, 12, 8, 5),
                            "date_to": datetime(2027, 12, 9, 4, 59, 59),
                        }
                    )
                ]
            }
        )
        self.assertEqual(
            calendar.global_leave_ids.sorted("date_from").mapped("name"),
            ["Día de la Independencia", "Día de la Madre"],
        )
        self.assertEqual(calendar.attendance_ids[:1].hour_to, 17)
        calendar.global_leave_ids.sorted("date_from")[-1:].unlink()
        self.assertEqual(len(calendar.global_leave_ids), 1)

    def test_agents_cannot_change_business_hours_or_holidays(self):
        with self.assertRaises(AccessError):
            self.env["resource.calendar"].with_user(self.agent).create(
                {"name": "Horario del agente"}
            )
        with self.assertRaises(AccessError):
            self.calendar.with_user(self.agent).write({"name": "Otro horario"})
        with self.assertRaises(AccessError):
            self.env["resource.calendar.leaves"].with_user(self.agent).create(
                {
                    "name": "Feriado inventado",
                    "calendar_id": self.calendar.id,
                    "date_from": datetime(2027, 11, 5, 5),
                    "date_to": datetime(2027, 11, 6, 4, 59, 59),
                }
            )

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
