from unittest.mock import patch

from freezegun import freeze_time

from odoo.tests import tagged

from ..models.helpdesk_ticket_waiting_clock import AUTOCLOSE_DUE_FIELDS
from .common import CLOSED, REMINDER, AutocloseCommon


@tagged("post_install", "-at_install")
class TestCronIdempotence(AutocloseCommon):
    def test_cron_run_twice_reminds_and_closes_once(self):
        ticket = self.waiting_ticket(2026, 11, 19, 16, 0)
        for _run in range(2):
            self.run_cron(2026, 11, 20, 16, 30)
        for _run in range(2):
            self.run_cron(2026, 11, 24, 17, 0)
        self.assertEqual(len(self.messages_from(ticket, REMINDER)), 1)
        self.assertEqual(len(self.messages_from(ticket, CLOSED)), 1)
        self.assertEqual(ticket.stage_id, self.stage_no_answer)

    def test_missed_cron_days_still_remind_and_close(self):
        ticket = self.waiting_ticket(2026, 11, 19, 16, 0)
        self.run_cron(2026, 11, 27, 9, 0)  # the first run in a week
        self.assertEqual(len(self.messages_from(ticket, REMINDER)), 1)
        self.assertEqual(len(self.messages_from(ticket, CLOSED)), 1)
        self.assertEqual(ticket.stage_id, self.stage_no_answer)

    def test_crash_in_the_middle_of_a_batch_is_redone_once(self):
        tickets = self.waiting_ticket(2026, 11, 19, 16, 0) | self.waiting_ticket(
            2026, 11, 19, 16, 5
        )
        tickets_class = type(self.env["helpdesk.ticket"])
        original = tickets_class.message_post
        posted = []

        def crash_on_second(records, **values):
            """The worker dies once the first reminder is posted."""
            posted.append(records.id)
            if len(posted) == 2:
                raise RuntimeError("worker killed")
            return original(records, **values)

        with (
            patch.object(tickets_class, "message_post", crash_on_second),
            self.assertRaises(RuntimeError),
            self.env.cr.savepoint(),
        ):
            self.run_cron(2026, 11, 20, 16, 30)
        self.env.invalidate_all()
        for ticket in tickets:
            self.assertFalse(self.messages_from(ticket, REMINDER))
            self.assertTrue(ticket.autoclose_reminder_due)
        self.run_cron(2026, 11, 20, 16, 30)
        self.run_cron(2026, 11, 20, 16, 45)
        for ticket in tickets:
            self.assertEqual(len(self.messages_from(ticket, REMINDER)), 1)
            self.assertFalse(ticket.autoclose_reminder_due)

    def test_batches_report_progress(self):
        tickets = self.waiting_ticket(2026, 11, 19, 16, 0) | self.waiting_ticket(
            2026, 11, 19, 16, 5
        )
        with patch.object(
            type(self.env["ir.cron"]), "_notify_progress", autospec=True
        ) as notify:
            with freeze_time(self.utc(2026, 11, 20, 16, 30)):
                self.env["helpdesk.ticket"]._cron_autoclose(batch_size=1)
        notify.assert_called_once()
        self.assertEqual(notify.call_args.kwargs, {"done": 1, "remaining": 1})
        self.assertEqual(
            len(tickets.filtered(lambda t: self.messages_from(t, REMINDER))), 1
        )

    def test_due_tickets_are_locked_in_due_order(self):
        """The cron handles the longest waiting ticket first, whatever the
        order in which the tickets were created."""
        later = self.waiting_ticket(2026, 11, 19, 16, 30)
        earlier = self.waiting_ticket(2026, 11, 19, 16, 0)
        self.assertLess(later.id, earlier.id)
        due = self.env["helpdesk.ticket"]._autoclose_lock_due(
            "autoclose_close_due", self.utc(2026, 11, 30, 9, 0), 1000
        )
        self.assertEqual(
            [ticket.id for ticket in due if ticket in (later | earlier)],
            [earlier.id, later.id],
        )
        self.assertFalse(
            self.env["helpdesk.ticket"]._autoclose_lock_due(
                "autoclose_close_due", self.utc(2026, 11, 30, 9, 0), 0
            )
        )

    def test_due_dates_have_partial_indexes(self):
        """The cron's search goes through an index of the due tickets only,
        whatever the number of open tickets (see the benchmark)."""
        for column in AUTOCLOSE_DUE_FIELDS:
            self.env.cr.execute(
                "SELECT indexdef FROM pg_indexes "
                "WHERE tablename = 'helpdesk_ticket' AND indexdef LIKE %s",
                [f"%({column})%"],
            )
            self.assertRegex(self.env.cr.fetchone()[0], "WHERE .* IS NOT NULL")
