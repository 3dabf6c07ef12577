from datetime import datetime

from odoo.tests import new_test_user, tagged

from .tour_common import TourCase


@tagged("post_install", "-at_install")
class TestTourConsultant(TourCase):
    """A consultant configures the service from the Helpdesk menus."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.consultant = new_test_user(
            cls.env,
            login="tour_consultant",
            password="tour_consultant",
            # A Helpdesk manager, not a Settings administrator: the
            # foundation lets Helpdesk managers keep business hours and
            # public holidays.
            groups="helpdesk_mgmt.group_helpdesk_manager",
            tz="UTC",
        )
        cls.team = cls.env["helpdesk.ticket.team"].create({"name": "Mesa Azuero"})

    def test_business_hours_with_a_holiday_an_sla_policy_and_a_matrix(self):
        self.start_tour(
            "/odoo", "helpdesk_priority_matrix_consultant_sla", login="tour_consultant"
        )
        calendar = self.env["resource.calendar"].search(
            [("name", "=", "Horario Soporte Azuero")]
        )
        self.assertEqual(len(calendar), 1)
        holiday = calendar.global_leave_ids
        self.assertEqual(holiday.name, "Día de la Independencia")
        self.assertEqual(holiday.date_from, datetime(2027, 11, 3))
        policy = self.env["helpdesk.sla.policy"].search(
            [("name", "=", "Expansión Azuero")]
        )
        self.assertEqual(policy.calendar_id, calendar)
        targets = {
            line.level_id.code: (line.response_target, line.resolution_target)
            for line in policy.line_ids
        }
        self.assertEqual(
            targets,
            {"P1": (1, 4), "P2": (2, 8), "P3": (4, 16), "P4": (8, 24), "P5": (16, 40)},
        )
        matrix = self.env["helpdesk.priority.matrix"].search(
            [("team_id", "=", self.team.id)]
        )
        self.assertEqual(len(matrix.cell_ids), 9)
        levels = {
            f"{cell.impact} {cell.urgency}": cell.level_id.code
            for cell in matrix.cell_ids
        }
        self.assertEqual(levels["high high"], "P1")
        self.assertEqual(levels["medium low"], "P4")
        self.assertEqual(levels["low low"], "P5")
