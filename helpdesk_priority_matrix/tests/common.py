from contextlib import contextmanager
from datetime import datetime

import pytz

from odoo.exceptions import ValidationError
from odoo.tests import TransactionCase

PANAMA = pytz.timezone("America/Panama")


class SlaCommon(TransactionCase):
    """Shipped P1..P5 matrix and standard policy on Monday to Friday
    08:30-17:30, in a fixed time zone so that local times are exact.

    The dates fall in November 2026: Friday the 20th, Monday the 23rd.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tz="America/Panama"))
        cls.company = cls.env.company
        cls.calendar = cls.env.ref(
            "helpdesk_priority_matrix.calendar_mon_fri_0830_1730"
        )
        cls.calendar.tz = "America/Panama"
        cls.policy = cls.env.ref("helpdesk_priority_matrix.sla_policy_standard")
        cls.company.helpdesk_sla_policy_id = cls.policy
        cls.matrix = cls.env["helpdesk.priority.matrix"]._for_team(
            cls.env["helpdesk.ticket.team"], cls.company
        )
        cls.levels = {
            code: cls.env.ref(f"helpdesk_priority_matrix.priority_level_{code}")
            for code in ("p1", "p2", "p3", "p4", "p5")
        }
        cls.leader = cls.env["res.users"].create(
            {
                "name": "Lucía Leader",
                "login": "sla_leader",
                "email": "lucia@example.com",
                "groups_id": [
                    (4, cls.env.ref("helpdesk_mgmt.group_helpdesk_manager").id)
                ],
            }
        )
        cls.agent = cls.env["res.users"].create(
            {
                "name": "Andrés Agent",
                "login": "sla_agent",
                "email": "andres@example.com",
                "groups_id": [(4, cls.env.ref("helpdesk_mgmt.group_helpdesk_user").id)],
            }
        )
        cls.team = cls.env["helpdesk.ticket.team"].create(
            {
                "name": "SLA Team",
                "user_id": cls.leader.id,
                "user_ids": [(6, 0, [cls.leader.id, cls.agent.id])],
            }
        )
        cls.customer = cls.env["res.partner"].create(
            {"name": "Comercial Andina S.A.", "email": "soporte@andina.example.com"}
        )
        cls.stage_new = cls.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_new")
        cls.stage_progress = cls.env.ref(
            "helpdesk_mgmt.helpdesk_ticket_stage_in_progress"
        )
        cls.stage_awaiting = cls.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_awaiting")
        cls.stage_done = cls.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done")

    @staticmethod
    def utc(*args, tz=PANAMA):
        """Naive UTC datetime of a local wall-clock time."""
        return tz.localize(datetime(*args)).astimezone(pytz.utc).replace(tzinfo=None)

    def create_ticket(self, start, impact="high", urgency="high", **vals):
        values = {
            "name": "Facturación electrónica detenida",
            "description": "<p>No podemos emitir facturas.</p>",
            "partner_id": self.customer.id,
            "team_id": self.team.id,
            "impact": impact,
            "urgency": urgency,
            "sla_start_date": start,
        }
        values.update(vals)
        ticket = self.env["helpdesk.ticket"].create(values)
        # As if the creation were committed: the status depends on the time of
        # the flush, and changes in the same transaction are not tracked.
        self.flush_tracking()
        return ticket

    def flush_tracking(self):
        """Tracking values are written when the transaction commits."""
        self.env.flush_all()
        self.env.cr.precommit.run()
        self.env.invalidate_all()

    @contextmanager
    def assertRefused(self, pattern):
        """The block raises a ValidationError matching ``pattern`` and its
        changes are rolled back."""
        with self.assertRaises(ValidationError) as caught:
            yield
        self.assertRegex(str(caught.exception), pattern)

    def assertLocal(self, moment, *expected, tz=PANAMA):
        self.assertEqual(moment, self.utc(*expected, tz=tz))
