import threading

import psycopg2.errors

from odoo.tests import BaseCase, tagged

from .committed import CommittedFixtures


@tagged("post_install", "-at_install")
class TestIntakeConcurrency(CommittedFixtures, BaseCase):
    """Two authorized contacts approve the same held ticket at once, each
    in a real transaction of its own, as two Odoo workers would."""

    def _create_fixtures(self):
        with self.committed_env() as env:
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
            self.remove_after(client | approvers | requester)
            ticket = env["helpdesk.ticket"].create(
                {
                    "name": "Aprobación simultánea",
                    "description": "<p>No puedo facturar.</p>",
                    "partner_id": requester.id,
                    "requester_authorized": False,
                }
            )
            self.remove_after(ticket)
            return ticket.id, approvers.ids

    def test_two_approvers_at_once_start_the_ticket_once(self):
        ticket_id, approver_ids = self._create_fixtures()
        barrier = threading.Barrier(len(approver_ids), timeout=30)
        outcomes = []

        def approve(approver_id):
            with self.committed_env() as env:
                cr = env.cr
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
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        self.assertEqual(sorted(outcomes), ["approved", "retried"])
        with self.committed_env() as env:
            ticket = env["helpdesk.ticket"].browse(ticket_id)
            self.assertTrue(ticket.requester_authorized)
            self.assertIn(ticket.requester_approved_by_id.id, approver_ids)
            notes = ticket.message_ids.filtered(
                lambda m: "the ticket is started" in str(m.body)
            )
            self.assertEqual(len(notes), 1, "started once")
