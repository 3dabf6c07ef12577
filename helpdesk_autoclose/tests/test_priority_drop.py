from odoo.tests import tagged

from .common import AutocloseCommon

PRIORITY = "helpdesk_autoclose.mail_template_autoclose_priority"


@tagged("post_install", "-at_install")
class TestPriorityDrop(AutocloseCommon):
    def setUp(self):
        super().setUp()
        self.rule.write(
            {
                "priority_drop": True,
                "priority_drop_hours": 4,
                "priority_drop_level_ids": [
                    (6, 0, (self.levels["p2"] | self.levels["p3"]).ids)
                ],
            }
        )

    def test_unanswered_request_lowers_one_level_once(self):
        ticket = self.waiting_ticket(
            2026, 11, 19, 16, 0, impact="high", urgency="medium"
        )
        self.assertEqual(ticket.priority_level_id, self.levels["p2"])
        self.assertLocal(ticket.autoclose_priority_drop_due, 2026, 11, 20, 11, 0)
        resolution_before = ticket.sla_resolution_deadline
        self.run_cron(2026, 11, 20, 10, 59)
        self.assertEqual(ticket.priority_level_id, self.levels["p2"])
        self.run_cron(2026, 11, 20, 11, 0)
        self.run_cron(2026, 11, 20, 15, 0)
        self.flush_tracking()
        self.assertEqual(ticket.priority_level_id, self.levels["p3"])
        self.assertEqual(ticket.autoclose_priority_dropped_from_id, self.levels["p2"])
        self.assertNotEqual(ticket.sla_resolution_deadline, resolution_before)
        self.assertEqual(len(self.messages_from(ticket, PRIORITY)), 1)
        tracked = ticket.message_ids.tracking_value_ids.filtered(
            lambda v: v.field_id.name == "priority_level_id"
        )
        self.assertTrue(tracked)
        self.assertFalse(ticket.autoclose_priority_drop_due)

    def test_levels_outside_the_rule_do_not_drop(self):
        ticket = self.waiting_ticket(2026, 11, 19, 16, 0)  # P1
        self.assertFalse(ticket.autoclose_priority_drop_due)

    def test_off_by_default(self):
        self.rule.priority_drop = False
        ticket = self.waiting_ticket(
            2026, 11, 19, 16, 0, impact="high", urgency="medium"
        )
        self.assertFalse(ticket.autoclose_priority_drop_due)

    def test_client_answer_before_the_delay_keeps_the_level(self):
        ticket = self.waiting_ticket(
            2026, 11, 19, 16, 0, impact="high", urgency="medium"
        )
        self.client_writes(ticket, "Aquí está el dato.", 2026, 11, 20, 9, 0)
        self.run_cron(2026, 11, 20, 12, 0)
        self.assertEqual(ticket.priority_level_id, self.levels["p2"])
