from odoo.tests import tagged

from ..hooks import _entitle_existing_tickets
from .common import SlaCommon


@tagged("post_install", "-at_install")
class TestStars(SlaCommon):
    """The stars show the priority level, and a click on them sets it."""

    def test_click_on_stars_sets_the_level_and_the_deadlines(self):
        ticket = self.create_ticket(self.utc(2026, 11, 23, 9, 0), "medium", "medium")
        self.assertEqual(ticket.priority_level_id, self.levels["p3"])
        ticket.priority = "3"
        self.assertEqual(ticket.priority_level_id, self.levels["p1"])
        self.assertTrue(ticket.priority_level_manual, "kept when impact changes")
        # P1 answers within 30 business minutes.
        self.assertLocal(ticket.sla_response_deadline, 2026, 11, 23, 9, 30)
        self.assertEqual(ticket.priority, "3")

    def test_stars_shared_by_levels_give_the_most_urgent(self):
        ticket = self.create_ticket(self.utc(2026, 11, 23, 9, 0))
        ticket.priority = "0"
        self.assertEqual(ticket.priority_level_id, self.levels["p4"])

    def test_level_and_stars_written_together_agree(self):
        ticket = self.create_ticket(self.utc(2026, 11, 23, 9, 0))
        ticket.write({"priority_level_id": self.levels["p2"].id, "priority": "2"})
        self.assertEqual(ticket.priority_level_id, self.levels["p2"])
        self.assertEqual(ticket.priority, "2")

    def test_stars_pick_a_level_of_the_ticket_policy(self):
        urgent, normal = self.env["helpdesk.priority.level"].create(
            [
                {
                    "name": "Urgente",
                    "code": "U",
                    "sequence": 90,
                    "ticket_priority": "3",
                },
                {"name": "Normal", "code": "N", "sequence": 95, "ticket_priority": "1"},
            ]
        )
        policy = self.env["helpdesk.sla.policy"].create(
            {
                "name": "Básico",
                "calendar_id": self.calendar.id,
                "line_ids": [
                    (
                        0,
                        0,
                        {
                            "level_id": level.id,
                            "response_target": hours,
                            "resolution_target": hours * 4,
                        },
                    )
                    for level, hours in ((urgent, 2), (normal, 8))
                ],
            }
        )
        ticket = self.create_ticket(
            self.utc(2026, 11, 23, 9, 0), "low", "low", sla_policy_id=policy.id
        )
        ticket.priority = "3"
        self.assertEqual(ticket.priority_level_id, urgent)

    def test_pre_existing_tickets_take_the_level_of_their_stars(self):
        ticket = self.create_ticket(self.utc(2026, 11, 23, 9, 0), "low", "low")
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE helpdesk_ticket SET priority = '2', priority_level_id = NULL "
            "WHERE id = %s",
            (ticket.id,),
        )
        self.env.invalidate_all()
        _entitle_existing_tickets(self.env)
        self.assertEqual(ticket.priority_level_id, self.levels["p2"])
        self.assertEqual(ticket.priority, "2")

    def test_dashboard_high_priority_counts_levels(self):
        p1 = self.create_ticket(self.utc(2026, 11, 23, 9, 0), "high", "high")
        self.create_ticket(self.utc(2026, 11, 23, 9, 0), "medium", "medium")
        closed = self.create_ticket(self.utc(2026, 11, 23, 9, 0), "high", "high")
        closed.stage_id = self.stage_done
        self.env.flush_all()
        # Stars left behind by an older version do not change the count.
        self.env.cr.execute(
            "UPDATE helpdesk_ticket SET priority = '0' WHERE id = %s", (p1.id,)
        )
        self.env.invalidate_all()
        self.team.invalidate_recordset()
        self.assertEqual(self.team.todo_ticket_count_high_priority, 1)

    def test_agent_views_show_the_pause_and_hide_closed_deadlines(self):
        tickets = self.env["helpdesk.ticket"].with_user(self.agent)
        views = tickets.get_views([(False, "list"), (False, "kanban"), (False, "form")])
        for view_type in ("list", "kanban", "form"):
            arch = views["views"][view_type]["arch"]
            self.assertIn('name="sla_clock_state"', arch, view_type)
        self.assertRegex(
            views["views"]["list"]["arch"], r'name="sla_deadline"[^>]*invisible="closed'
        )
        ticket = self.create_ticket(self.utc(2026, 11, 23, 9, 0))
        ticket.stage_id = self.stage_awaiting
        self.assertEqual(ticket.with_user(self.agent).sla_clock_state, "paused")
