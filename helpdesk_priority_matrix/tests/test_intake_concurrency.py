import threading
from contextlib import closing

import psycopg2.errors

from odoo import SUPERUSER_ID, api, sql_db
from odoo.tests import BaseCase, get_db_name, tagged


@tagged("post_install", "-at_install")
class TestIntakeConcurrency(BaseCase):
    """Two authorized contacts approve the same held ticket at once, each
    in a real transaction of its own, as two Odoo workers would."""

    def setUp(self):
        super().setUp()
        self.db = sql_db.db_connect(get_db_name())

    def _env(self, cr):
        return api.Environment(cr, SUPERUSER_ID, {})

    def _create_fixtures(self):
        with closing(self.db.cursor()) as cr:
            env = self._env(cr)
            client = env["res.partner"].create(
                {"name": "Cooperativa Concurrente", "is_company": True}
            )
            approvers = env["res.partner"].create(
                [
                    {"name": name, "parent_id": client.id, "email": email}
                    for name, email in (
                        ("Ana Aprobadora", "ana@coop.example"),
                        ("Beto Aprobador", "beto@coop.example"),
                    )
                ]
            )
            approvers.helpdesk_authorized = True
            requester = env["res.partner"].create(
                {"name": "Nuevo Usuario", "parent_id": client.id}
            )
            ticket = env["helpdesk.ticket"].create(
                {
                    "name": "Aprobación simultánea",
                    "description": "<p>No puedo facturar.</p>",
                    "partner_id": requester.id,
                    "requester_authorized": False,
                }
            )
            env.cr.commit()
            return ticket.id, approvers.ids, (client | approvers | requester).ids

    def _delete_fixtures(self, ticket_id, partner_ids):
        with closing(self.db.cursor()) as cr:
            env = self._env(cr)
            env["helpdesk.ticket"].browse(ticket_id).unlink()
            env["res.partner"].browse(partner_ids).unlink()
            env.cr.commit()

    def test_two_approvers_at_once_start_the_ticket_once(self):
        ticket_id, approver_ids, partner_ids = self._create_fixtures()
        barrier = threading.Barrier(len(approver_ids), timeout=30)
        outcomes = []

        def approve(approver_id):
            with closing(self.db.cursor()) as cr:
                env = self._env(cr)
                # Both snapshots are taken before either approves.
                cr.execute("SELECT 1")
                barrier.wait()
                try:
                    env["helpdesk.ticket"].browse(ticket_id)._requester_authorize(
                        env["res.partner"].browse(approver_id)
                    )
                    env.cr.commit()
                    outcomes.append("approved")
                except psycopg2.errors.SerializationFailure:
                    cr.rollback()
                    outcomes.append("retried")

        threads = [
            threading.Thread(target=approve, args=(approver_id,))
            for approver_id in approver_ids
        ]
        try:
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(timeout=60)
            self.assertEqual(sorted(outcomes), ["approved", "retried"])
            with closing(self.db.cursor()) as cr:
                ticket = self._env(cr)["helpdesk.ticket"].browse(ticket_id)
                self.assertTrue(ticket.requester_authorized)
                self.assertIn(ticket.requester_approved_by_id.id, approver_ids)
                notes = ticket.message_ids.filtered(
                    lambda m: "the ticket is started" in str(m.body)
                )
                self.assertEqual(len(notes), 1, "started once")
        finally:
            self._delete_fixtures(ticket_id, partner_ids)
