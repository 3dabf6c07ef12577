from contextlib import closing, contextmanager
from datetime import timedelta
from unittest.mock import patch

from odoo import SUPERUSER_ID, api, fields, sql_db
from odoo.tests import BaseCase, get_db_name, tagged

from .committed import CommittedFixtures


@tagged("post_install", "-at_install")
class TestSlaCronConcurrency(CommittedFixtures, BaseCase):
    """The SLA cron and agents on separate, committed transactions."""

    def setUp(self):
        super().setUp()
        self.db = sql_db.db_connect(get_db_name())

    @contextmanager
    def transaction(self):
        """A real transaction of its own, as another Odoo worker has; what
        it does is kept only when it commits."""
        with closing(self.db.cursor()) as cr:
            yield api.Environment(cr, SUPERUSER_ID, {})

    def test_row_changed_since_the_snapshot_is_skipped_not_fatal(self):
        ids = self.commit_fixture(
            "helpdesk.ticket",
            [
                {"name": f"Concurrencia {index}", "description": "<p>x</p>"}
                for index in range(2)
            ],
        )
        with self.transaction() as cron_env, self.transaction() as agent_env:
            cron_tickets = cron_env["helpdesk.ticket"].browse(ids)
            # The cron's snapshot is taken by its first query.
            cron_env.cr.execute("SELECT 1")
            agent_env["helpdesk.ticket"].browse(ids[0]).name = "Cambiado"
            agent_env.cr.commit()
            locked = cron_tickets._lock_for_batch()
            self.assertEqual(locked.ids, [ids[1]], "the changed row waits")
            # The transaction is still usable: the batch goes on.
            cron_env.cr.execute("SELECT count(*) FROM helpdesk_ticket")
            cron_env.cr.rollback()

    def test_row_locked_by_another_worker_is_skipped(self):
        [ticket_id] = self.commit_fixture(
            "helpdesk.ticket", {"name": "Bloqueado", "description": "<p>x</p>"}
        )
        with self.transaction() as worker, self.transaction() as cron_env:
            worker.cr.execute(
                "SELECT id FROM helpdesk_ticket WHERE id = %s FOR UPDATE",
                [ticket_id],
            )
            locked = cron_env["helpdesk.ticket"].browse(ticket_id)._lock_for_batch()
            self.assertFalse(locked)
            worker.cr.rollback()
            cron_env.cr.rollback()

    def test_cron_batch_survives_an_agent_commit(self):
        now = fields.Datetime.now()
        overdue = (now - timedelta(hours=1)).replace(microsecond=0)
        with self.committed_env() as env:
            tickets = env["helpdesk.ticket"].create(
                [
                    {"name": f"Vencido {index}", "description": "<p>x</p>"}
                    for index in range(3)
                ]
            )
            self.remove_after(tickets)
            tickets.flush_recordset()
            env.cr.execute(
                "UPDATE helpdesk_ticket SET sla_next_check = %s WHERE id IN %s",
                [overdue, tuple(tickets.ids)],
            )
            ids = tickets.ids
        with self.transaction() as cron_env, self.transaction() as agent_env:
            cron_env.cr.execute("SELECT 1")
            agent_env["helpdesk.ticket"].browse(ids[1]).name = "Respondido"
            agent_env.cr.commit()
            cron_env["helpdesk.ticket"]._cron_sla_update()
            cron_env.cr.execute(
                "SELECT id FROM helpdesk_ticket WHERE id IN %s "
                "AND sla_next_check = %s ORDER BY id",
                [tuple(ids), overdue],
            )
            left_for_next_run = [row[0] for row in cron_env.cr.fetchall()]
            self.assertEqual(left_for_next_run, [ids[1]])
            # The demo database's other tickets are left as they were.
            cron_env.cr.rollback()

    def test_two_workers_send_each_confirmation_once(self):
        with self.committed_env() as env:
            client = env["res.partner"].create(
                {"name": "Cliente Concurrente S.A.", "email": "cc@example.com"}
            )
            self.remove_after(client)
            tickets = env["helpdesk.ticket"].create(
                [
                    {
                        "name": f"Confirmación {index}",
                        "description": "<p>x</p>",
                        "partner_id": client.id,
                    }
                    for index in range(3)
                ]
            )
            self.remove_after(tickets)
            self.assertTrue(all(tickets.mapped("confirmation_queued_at")))
            ids = tickets.ids
        progress = []
        with (
            self.transaction() as first,
            self.transaction() as second,
            patch.object(
                type(first["ir.cron"]),
                "_notify_progress",
                lambda _self, done, remaining: progress.append((done, remaining)),
            ),
        ):
            first["helpdesk.ticket"]._cron_send_confirmations(batch_size=1000)
            # The second worker runs while the first one has not committed.
            second["helpdesk.ticket"]._cron_send_confirmations(batch_size=1000)
            (sent_first, left_first), (sent_second, left_second) = progress
            self.assertGreaterEqual(sent_first, 3)
            self.assertEqual(left_first, 0)
            self.assertEqual(sent_second, 0, "the first worker holds them")
            self.assertEqual(left_second, sent_first, "left for the next call")
            for env, expected in ((first, 1), (second, 0)):
                for ticket in env["helpdesk.ticket"].browse(ids):
                    sent = ticket.message_ids.filtered(
                        lambda m, t=ticket: t.number in (m.subject or "")
                    )
                    self.assertEqual(len(sent), expected, ticket.name)
            first.cr.rollback()
            second.cr.rollback()
