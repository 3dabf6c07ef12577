from odoo.tests import new_test_user, tagged

from odoo.addons.helpdesk_priority_matrix.tests.tour_common import TourCase


@tagged("post_install", "-at_install")
class TestTourConsultantRule(TourCase):
    """The consultant gives a team its own inactivity rule from the Helpdesk
    menus."""

    def test_consultant_creates_an_autoclose_rule(self):
        team = self.env["helpdesk.ticket.team"].create({"name": "Mesa Azuero"})
        new_test_user(
            self.env,
            login="tour_rule_consultant",
            password="tour_rule_consultant",
            groups="helpdesk_mgmt.group_helpdesk_manager",
        )
        self.start_tour(
            "/odoo", "helpdesk_autoclose_consultant_rule", login="tour_rule_consultant"
        )
        rule = self.env["helpdesk.autoclose.rule"].search([("team_id", "=", team.id)])
        self.assertEqual(rule.name, "Tres días hábiles sin respuesta")
        self.assertEqual((rule.reminder_days, rule.close_days), (1, 3))
        self.assertEqual(
            rule.close_stage_id,
            self.env.ref("helpdesk_autoclose.stage_closed_no_answer"),
        )
        self.assertEqual(
            rule.solution_stage_id,
            self.env.ref("helpdesk_autoclose.stage_solution_proposed"),
        )
        self.assertEqual(
            rule.solved_stage_id,
            self.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done"),
        )
