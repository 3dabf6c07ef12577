from freezegun import freeze_time

from odoo.tests import tagged

from ..hooks import post_init_hook
from .common import CLOSED, REMINDER, AutocloseCommon

CLIENT_REPLY = """From: Comercial Andina <soporte@andina.example.com>
To: soporte@latamadvisory.example.com
Subject: Re: {subject}
Message-ID: <respuesta-lunes@andina.example.com>
In-Reply-To: {parent}
References: {parent}
Content-Type: text/plain; charset="utf-8"

Ya probamos el cambio: la factura se emite, pero sin el IVA.
"""


@tagged("post_install", "-at_install")
class TestWaitingClock(AutocloseCommon):
    def test_004_thursday_before_a_monday_holiday(self):
        ticket = self.waiting_ticket(2026, 11, 19, 16, 0)
        self.assertLocal(ticket.autoclose_waiting_since, 2026, 11, 19, 16, 0)
        self.assertLocal(ticket.autoclose_reminder_due, 2026, 11, 20, 16, 0)
        self.assertLocal(ticket.autoclose_close_due, 2026, 11, 24, 16, 0)

        self.run_cron(2026, 11, 20, 15, 59)
        self.assertFalse(self.messages_from(ticket, REMINDER))
        self.run_cron(2026, 11, 20, 16, 0)
        self.assertEqual(len(self.messages_from(ticket, REMINDER)), 1)
        self.assertFalse(ticket.autoclose_reminder_due)
        self.assertEqual(ticket.stage_id, self.stage_awaiting)

        # Saturday, the holiday and Tuesday morning: still open.
        for moment in (
            (2026, 11, 21, 12),
            (2026, 11, 23, 16, 30),
            (2026, 11, 24, 15, 59),
        ):
            self.run_cron(*moment)
            self.assertEqual(ticket.stage_id, self.stage_awaiting)
        self.run_cron(2026, 11, 24, 16, 0)
        self.assertEqual(ticket.stage_id, self.stage_no_answer)
        self.assertEqual(ticket.autoclose_close_reason, "inactivity")
        self.assertFalse(ticket.autoclose_waiting_since)
        self.assertFalse(ticket.autoclose_close_due)
        self.assertEqual(len(self.messages_from(ticket, CLOSED)), 1)
        self.assertEqual(len(self.messages_from(ticket, REMINDER)), 1)

    def test_internal_note_on_friday_does_not_reset(self):
        ticket = self.waiting_ticket(2026, 11, 19, 16, 0)
        with freeze_time(self.utc(2026, 11, 20, 10, 0)):
            ticket.with_user(self.agent).message_post(
                body="Llamar al cliente si no responde.",
                message_type="comment",
                subtype_xmlid="mail.mt_note",
            )
            ticket.message_subscribe(partner_ids=self.leader.partner_id.ids)
            self.flush_tracking()
        self.assertLocal(ticket.autoclose_waiting_since, 2026, 11, 19, 16, 0)
        self.assertLocal(ticket.autoclose_close_due, 2026, 11, 24, 16, 0)

    def test_client_email_on_monday_stops_the_clock(self):
        ticket = self.waiting_ticket(2026, 11, 19, 16, 0)
        self.run_cron(2026, 11, 20, 16, 0)
        reminder = self.messages_from(ticket, REMINDER)
        with freeze_time(self.utc(2026, 11, 23, 9, 15)):
            self.env["mail.thread"].message_process(
                "helpdesk.ticket",
                CLIENT_REPLY.format(subject=ticket.name, parent=reminder.message_id),
            )
            self.flush_tracking()
        email = ticket.message_ids.filtered(lambda m: m.message_type == "email")
        self.assertIn("sin el IVA", email.body)
        self.assertEqual(email.author_id, self.customer)
        self.assertEqual(ticket.stage_id, self.stage_progress)
        self.assertFalse(ticket.autoclose_waiting_since)
        self.assertFalse(ticket.autoclose_close_due)
        self.run_cron(2026, 11, 24, 16, 0)
        self.assertEqual(ticket.stage_id, self.stage_progress)
        self.assertFalse(self.messages_from(ticket, CLOSED))

    def test_portal_message_moves_back_through_partner_response(self):
        self.team.write(
            {
                "autoupdate_ticket_stage": True,
                "autopupdate_src_stage_ids": [(6, 0, self.stage_awaiting.ids)],
                "autopupdate_dest_stage_id": self.stage_new.id,
            }
        )
        portal = self.env["res.users"].create(
            {
                "name": "Cliente Portal",
                "login": "andina_portal",
                "partner_id": self.customer.id,
                "groups_id": [(6, 0, self.env.ref("base.group_portal").ids)],
            }
        )
        ticket = self.waiting_ticket(2026, 11, 19, 16, 0)
        with freeze_time(self.utc(2026, 11, 20, 9, 0)):
            ticket.with_user(portal).sudo().message_post(
                body="Adjunto la captura solicitada.",
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
            self.flush_tracking()
        # helpdesk_ticket_partner_response chose the stage; the clock stopped.
        self.assertEqual(ticket.stage_id, self.stage_new)
        self.assertFalse(ticket.autoclose_waiting_since)

    def test_agent_public_reply_restarts_the_period(self):
        ticket = self.waiting_ticket(2026, 11, 19, 16, 0)
        self.run_cron(2026, 11, 20, 16, 0)
        with freeze_time(self.utc(2026, 11, 24, 10, 0)):
            ticket.with_user(self.agent).message_post(
                body="¿Puede enviarnos el número de la factura?",
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
            self.flush_tracking()
        self.assertLocal(ticket.autoclose_waiting_since, 2026, 11, 24, 10, 0)
        self.assertLocal(ticket.autoclose_reminder_due, 2026, 11, 25, 10, 0)
        self.assertLocal(ticket.autoclose_close_due, 2026, 11, 26, 10, 0)
        self.run_cron(2026, 11, 24, 16, 0)
        self.assertEqual(ticket.stage_id, self.stage_awaiting)

    def test_agent_reply_moves_to_waiting_when_the_rule_says_so(self):
        self.rule.reply_wait_stage_id = self.stage_awaiting
        with freeze_time(self.utc(2026, 11, 19, 11, 0)):
            ticket = self.create_ticket(self.utc(2026, 11, 19, 11, 0))
            ticket.with_user(self.agent).message_post(
                body="¿Desde qué fecha ocurre?",
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
            self.flush_tracking()
        self.assertEqual(ticket.stage_id, self.stage_awaiting)
        self.assertLocal(ticket.autoclose_close_due, 2026, 11, 24, 11, 0)

    def test_team_rule_replaces_the_company_default(self):
        self.env["helpdesk.autoclose.rule"].create(
            {
                "name": "Equipo SLA: cinco días",
                "team_id": self.team.id,
                "answered_stage_id": self.stage_progress.id,
                "close_stage_id": self.stage_no_answer.id,
                "reminder_days": 3,
                "close_days": 5,
            }
        )
        ticket = self.waiting_ticket(2026, 11, 19, 16, 0)
        self.assertLocal(ticket.autoclose_reminder_due, 2026, 11, 25, 16, 0)
        self.assertLocal(ticket.autoclose_close_due, 2026, 11, 27, 16, 0)

    def test_changing_the_rule_plans_waiting_tickets_again(self):
        ticket = self.waiting_ticket(2026, 11, 19, 16, 0)
        self.rule.close_days = 3
        self.env.flush_all()
        self.assertLocal(ticket.autoclose_close_due, 2026, 11, 25, 16, 0)

    def test_rule_refuses_bad_delays(self):
        with self.assertRefused("at least one business day"):
            self.rule.close_days = 0
        with self.assertRefused("cannot be negative"):
            self.rule.reminder_days = -1

    def test_installation_starts_the_waiting_of_waiting_tickets(self):
        ticket = self.waiting_ticket(2026, 11, 2, 10, 0)
        ticket.sudo().autoclose_waiting_since = False  # as before installation
        with freeze_time(self.utc(2026, 11, 19, 16, 0)):
            post_init_hook(self.env)
        self.assertLocal(ticket.autoclose_waiting_since, 2026, 11, 19, 16, 0)
        self.assertLocal(ticket.autoclose_close_due, 2026, 11, 24, 16, 0)

    def test_a_holiday_declared_later_moves_the_close(self):
        ticket = self.waiting_ticket(2026, 11, 19, 16, 0)
        self.env["resource.calendar.leaves"].create(
            {
                "name": "Feriado regional",
                "calendar_id": self.calendar.id,
                "date_from": self.utc(2026, 11, 24, 0, 0),
                "date_to": self.utc(2026, 11, 24, 23, 59, 59),
                "time_type": "leave",
            }
        )
        self.env.flush_all()
        self.assertLocal(ticket.autoclose_close_due, 2026, 11, 25, 16, 0)

    def test_force_majeure_window_moves_the_close(self):
        ticket = self.waiting_ticket(2026, 11, 19, 16, 0)
        self.env["helpdesk.sla.suspension"].create(
            {
                "name": "Caída del hosting",
                "date_from": self.utc(2026, 11, 24, 0, 0),
                "date_to": self.utc(2026, 11, 25, 0, 0),
            }
        )
        self.env.flush_all()
        self.assertLocal(ticket.autoclose_close_due, 2026, 11, 25, 16, 0)

    def test_team_shows_the_rule_that_applies(self):
        self.assertEqual(self.team.autoclose_rule_id, self.rule)
        own = self.env["helpdesk.autoclose.rule"].create(
            {
                "name": "Equipo SLA",
                "team_id": self.team.id,
                "answered_stage_id": self.stage_progress.id,
                "close_stage_id": self.stage_no_answer.id,
            }
        )
        self.team.invalidate_recordset(["autoclose_rule_id"])
        self.assertEqual(self.team.autoclose_rule_id, own)

    def test_team_whose_rule_does_not_wait_in_the_stage_stops_the_clock(self):
        """Moving a waiting ticket to a team whose rule waits in other
        stages ends its waiting period; moving it back starts a new one
        instead of reviving the old one (and closing at once)."""
        other_waiting = self.stage_awaiting.copy({"name": "Esperando al proveedor"})
        other_team = self.team.copy({"name": "Implantaciones"})
        self.rule.copy(
            {
                "name": "Implantaciones",
                "team_id": other_team.id,
                "waiting_stage_ids": [(6, 0, other_waiting.ids)],
            }
        )
        ticket = self.waiting_ticket(2026, 11, 19, 16, 0)
        with freeze_time(self.utc(2026, 11, 19, 16, 30)):
            ticket.team_id = other_team
        self.assertFalse(ticket.autoclose_waiting_since)
        self.assertFalse(ticket.autoclose_close_due)
        with freeze_time(self.utc(2026, 11, 26, 10, 0)):
            ticket.team_id = self.team
        self.assertLocal(ticket.autoclose_waiting_since, 2026, 11, 26, 10, 0)
        self.run_cron(2026, 11, 26, 10, 5)
        self.assertEqual(ticket.stage_id, self.stage_awaiting)
        self.assertFalse(self.messages_from(ticket, CLOSED))
