import base64

from freezegun import freeze_time

from odoo.tests import tagged

from odoo.addons.helpdesk_priority_matrix.tests.translation_common import load_spanish

from .common import AutocloseCommon

FOLLOWUP = "helpdesk_autoclose.mail_template_autoclose_followup"


@tagged("post_install", "-at_install")
class TestReplyAfterClose(AutocloseCommon):
    def closed_ticket(self):
        ticket = self.waiting_ticket(2026, 11, 19, 16, 0)
        self.run_cron(2026, 11, 24, 16, 0)
        self.assertEqual(ticket.stage_id, self.stage_no_answer)
        return ticket

    def test_reply_two_days_after_close_opens_a_new_ticket(self):
        ticket = self.closed_ticket()
        with freeze_time(self.utc(2026, 11, 26, 10, 0)):
            ticket.message_post(
                body="Disculpen, estaba de viaje: el problema sigue.",
                author_id=self.customer.id,
                message_type="email",
                subtype_xmlid="mail.mt_comment",
                attachments=[("captura.png", b"png bytes")],
            )
            self.flush_tracking()
        followup = ticket.autoclose_followup_ids
        self.assertEqual(len(followup), 1)
        self.assertEqual(followup.autoclose_origin_id, ticket)
        self.assertIn(ticket.number, followup.name)
        self.assertIn(ticket.number, followup.description)
        self.assertIn("estaba de viaje", followup.description)
        self.assertEqual(followup.partner_id, self.customer)
        self.assertEqual(followup.team_id, self.team)
        self.assertFalse(followup.stage_id.closed)
        self.assertEqual(base64.b64decode(followup.attachment_ids.datas), b"png bytes")
        told = self.messages_from(followup, FOLLOWUP)
        self.assertEqual(len(told), 1)
        self.assertIn(followup.number, told.body)
        self.assertIn(ticket.number, told.body)
        # The closed ticket keeps the message and stays closed.
        self.assertEqual(ticket.stage_id, self.stage_no_answer)
        self.assertTrue(
            ticket.message_ids.filtered(lambda m: "estaba de viaje" in (m.body or ""))
        )
        self.assertFalse(followup.probable_duplicate_id)

    def test_reopen_policy_within_the_delay(self):
        self.rule.write({"reply_after_close": "reopen", "reopen_days": 3})
        ticket = self.closed_ticket()
        self.client_writes(ticket, "Sigue fallando.", 2026, 11, 26, 10, 0)
        self.assertEqual(ticket.stage_id, self.stage_progress)
        self.assertFalse(ticket.autoclose_followup_ids)

    def test_reopen_policy_after_the_delay_opens_a_new_ticket(self):
        self.rule.write({"reply_after_close": "reopen", "reopen_days": 1})
        ticket = self.closed_ticket()
        self.client_writes(ticket, "Sigue fallando.", 2026, 11, 26, 10, 0)
        self.assertEqual(ticket.stage_id, self.stage_no_answer)
        self.assertEqual(len(ticket.autoclose_followup_ids), 1)

    def test_rating_and_agent_messages_do_not_reopen(self):
        ticket = self.closed_ticket()
        with freeze_time(self.utc(2026, 11, 26, 10, 0)):
            ticket.with_user(self.agent).message_post(
                body="Cerrado por falta de respuesta.",
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
            token = ticket._rating_get_access_token()
            ticket.rating_apply(5, token=token, feedback="Muy bien")
        self.assertFalse(ticket.autoclose_followup_ids)
        self.assertEqual(ticket.stage_id, self.stage_no_answer)

    def test_portal_message_after_close_follows_the_policy_too(self):
        portal = self.env["res.users"].create(
            {
                "name": "Cliente Portal",
                "login": "andina_after_close",
                "partner_id": self.customer.id,
                "groups_id": [(6, 0, self.env.ref("base.group_portal").ids)],
            }
        )
        ticket = self.closed_ticket()
        with freeze_time(self.utc(2026, 11, 26, 10, 0)):
            ticket.with_user(portal).sudo().message_post(
                body="Escribo desde el portal: sigue igual.",
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
            self.flush_tracking()
        followup = ticket.autoclose_followup_ids
        self.assertEqual(len(followup), 1)
        self.assertIn("desde el portal", followup.description)
        self.assertEqual(ticket.stage_id, self.stage_no_answer)

    def test_followup_of_a_spanish_client_is_written_in_spanish(self):
        """The mail gateway receives in English; the client reads the new
        ticket's subject and introduction in Spanish."""
        load_spanish(self.env, "helpdesk_autoclose")
        self.customer.lang = "es_ES"
        ticket = self.closed_ticket()
        with freeze_time(self.utc(2026, 11, 26, 10, 0)):
            ticket.with_context(lang="en_US").message_post(
                body="El problema sigue.",
                author_id=self.customer.id,
                message_type="email",
                subtype_xmlid="mail.mt_comment",
            )
            self.flush_tracking()
        followup = ticket.autoclose_followup_ids
        self.assertEqual(followup.name, f"{ticket.name} (continúa {ticket.number})")
        self.assertIn(
            f"Este caso continúa el ticket cerrado {ticket.number}.",
            followup.description,
        )
        self.assertNotIn("follows", followup.description)
