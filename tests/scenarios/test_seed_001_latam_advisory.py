"""Latam Advisory's post go-live support flow (seed 001), end to end.

A client reports that invoicing stopped on a Friday evening; the matrix makes
it P1; the first public reply stops the response clock; the agent waits on
the client, which pauses the clock; the ticket is solved in time.
"""

from datetime import datetime

import pytz
from freezegun import freeze_time

from odoo.tests import TransactionCase, tagged

BOGOTA = pytz.timezone("America/Bogota")


def utc(*args):
    return BOGOTA.localize(datetime(*args)).astimezone(pytz.utc).replace(tzinfo=None)


@tagged("post_install", "-at_install")
class TestLatamAdvisoryFlow(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        calendar = cls.env.ref("helpdesk_priority_matrix.calendar_mon_fri_0830_1730")
        calendar.tz = "America/Bogota"
        cls.env.company.helpdesk_sla_policy_id = cls.env.ref(
            "helpdesk_priority_matrix.sla_policy_standard"
        )
        cls.agent = cls.env["res.users"].create(
            {
                "name": "Camila Soporte",
                "login": "camila.scenario",
                "email": "camila@latamadvisory.example.com",
                "groups_id": [(4, cls.env.ref("helpdesk_mgmt.group_helpdesk_user").id)],
            }
        )
        cls.client_contact = cls.env["res.partner"].create(
            {"name": "Mariela Castillo", "email": "mariela@istmo.example.com"}
        )

    def _commit(self):
        self.env.flush_all()
        self.env.cr.precommit.run()

    def test_invoicing_down_on_friday_evening(self):
        with freeze_time(utc(2026, 11, 20, 17, 15)):
            ticket = self.env["helpdesk.ticket"].create(
                {
                    "name": "FACTURACIÓN: no podemos emitir facturas electrónicas",
                    "description": "<p>Todas las facturas son rechazadas.</p>",
                    "partner_id": self.client_contact.id,
                    "impact": "high",
                    "urgency": "high",
                }
            )
            self._commit()
        self.assertEqual(ticket.priority_level_id.code, "P1")
        self.assertEqual(ticket.sla_response_deadline, utc(2026, 11, 23, 8, 45))
        self.assertEqual(ticket.sla_resolution_deadline, utc(2026, 11, 23, 14, 15))

        with freeze_time(utc(2026, 11, 23, 8, 40)):
            ticket.with_user(self.agent).message_post(
                body="Estamos revisando la conexión con el PAC.",
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
            ticket.stage_id = self.env.ref(
                "helpdesk_mgmt.helpdesk_ticket_stage_awaiting"
            )
            self._commit()
        self.assertEqual(ticket.sla_first_response_date, utc(2026, 11, 23, 8, 40))
        self.assertEqual(ticket.sla_status, "on_track")

        with freeze_time(utc(2026, 11, 23, 10, 40)):
            ticket.stage_id = self.env.ref(
                "helpdesk_mgmt.helpdesk_ticket_stage_in_progress"
            )
            self._commit()
        self.assertAlmostEqual(ticket.sla_paused_hours, 2.0)
        self.assertEqual(ticket.sla_resolution_deadline, utc(2026, 11, 23, 16, 15))

        with freeze_time(utc(2026, 11, 23, 15, 0)):
            ticket.stage_id = self.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done")
            self._commit()
        self.assertEqual(ticket.sla_status, "met")
