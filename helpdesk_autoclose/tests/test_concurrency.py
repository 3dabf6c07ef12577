import threading
from datetime import timedelta

from odoo import fields
from odoo.tests import TransactionCase, tagged

from odoo.addons.helpdesk_priority_matrix.tests.committed import CommittedFixtures

from .common import CLOSED, REMINDER

TICKETS = 6


@tagged("post_install", "-at_install")
class TestTwoWorkers(CommittedFixtures, TransactionCase):
    """Two Odoo workers run the cron at the same moment, each in its own
    transaction: every due ticket is reminded once and closed once."""

    def setUp(self):
        super().setUp()
        with self.committed_env() as env:
            partner = env["res.partner"].create(
                {"name": "Dos Workers C.A.", "email": "workers@example.com"}
            )
            self.remove_after(partner)
            awaiting = env.ref("helpdesk_mgmt.helpdesk_ticket_stage_awaiting")
            tickets = env["helpdesk.ticket"].create(
                [
                    {
                        "name": f"Caso concurrente {index}",
                        "description": "<p>Esperando al cliente.</p>",
                        "partner_id": partner.id,
                        "stage_id": awaiting.id,
                    }
                    for index in range(TICKETS)
                ]
            )
            self.remove_after(tickets)
            # Waiting for a month: the reminder and the close are both due.
            tickets.write(
                {"autoclose_waiting_since": fields.Datetime.now() - timedelta(days=30)}
            )
            self.ticket_ids = tickets.ids

    def run_two_workers(self):
        barrier = threading.Barrier(2, timeout=30)
        errors = []

        def worker():
            try:
                with self.committed_env() as env:
                    env.cr.execute("SELECT 1")  # the transaction has begun
                    barrier.wait()
                    env["helpdesk.ticket"]._cron_autoclose()
            except Exception as error:  # noqa: BLE001 - reported below
                errors.append(error)

        threads = [threading.Thread(target=worker) for _index in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
        self.assertFalse(any(thread.is_alive() for thread in threads))
        self.assertEqual(errors, [])

    def test_two_workers_remind_and_close_once(self):
        self.run_two_workers()
        with self.committed_env() as env:
            tickets = env["helpdesk.ticket"].browse(self.ticket_ids)
            closing = env.ref("helpdesk_autoclose.stage_closed_no_answer")
            for ticket in tickets:
                subjects = ticket.message_ids.mapped("subject")
                for xmlid in (REMINDER, CLOSED):
                    subject = env.ref(xmlid)._render_field("subject", ticket.ids)[
                        ticket.id
                    ]
                    self.assertEqual(subjects.count(subject), 1, ticket.name)
                self.assertEqual(ticket.stage_id, closing)

    def enable_priority_drop(self, env):
        """The rule lowers P2 tickets after 4 working hours of silence; the
        rule is restored when the test ends."""
        rule = env.ref("helpdesk_autoclose.rule_main_company")
        self.restore_after(
            rule, ["priority_drop", "priority_drop_hours", "priority_drop_level_ids"]
        )
        p2 = env.ref("helpdesk_priority_matrix.priority_level_p2")
        rule.write(
            {
                "priority_drop": True,
                "priority_drop_hours": 4,
                "priority_drop_level_ids": [(6, 0, p2.ids)],
            }
        )
        return p2

    def test_two_workers_lower_the_priority_once(self):
        with self.committed_env() as env:
            p2 = self.enable_priority_drop(env)
            tickets = env["helpdesk.ticket"].browse(self.ticket_ids)
            tickets.write({"priority_level_id": p2.id})
            tickets._recompute_autoclose_due()
        self.run_two_workers()
        with self.committed_env() as env:
            template = env.ref("helpdesk_autoclose.mail_template_autoclose_priority")
            p3 = env.ref("helpdesk_priority_matrix.priority_level_p3")
            for ticket in env["helpdesk.ticket"].browse(self.ticket_ids):
                subject = template._render_field("subject", ticket.ids)[ticket.id]
                self.assertEqual(ticket.message_ids.mapped("subject").count(subject), 1)
                self.assertEqual(ticket.priority_level_id, p3, ticket.name)

    def test_rows_changed_since_the_snapshot_are_skipped(self):
        """A worker whose snapshot predates another worker's commit skips
        the tickets that worker processed instead of failing its batch."""
        with self.committed_env() as late_env:
            late_env.cr.execute("SELECT count(*) FROM helpdesk_ticket")  # snapshot
            with self.committed_env() as env:
                env["helpdesk.ticket"]._cron_autoclose()
            late_env["helpdesk.ticket"]._cron_autoclose()
        with self.committed_env() as env:
            reminder = env.ref(REMINDER)
            for ticket in env["helpdesk.ticket"].browse(self.ticket_ids):
                subject = reminder._render_field("subject", ticket.ids)[ticket.id]
                self.assertEqual(ticket.message_ids.mapped("subject").count(subject), 1)
