from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import AutocloseCommon

SOLUTION = "helpdesk_autoclose.mail_template_autoclose_solution"
VERDICT = "helpdesk_autoclose.mail_template_autoclose_verdict"
ACCEPTED = "helpdesk_autoclose.mail_template_autoclose_accepted"


@tagged("post_install", "-at_install")
class TestSolutionValidation(AutocloseCommon):
    def propose(self, *local):
        with freeze_time(self.utc(*local)):
            ticket = self.create_ticket(self.utc(*local))
            ticket.stage_id = self.stage_solution
            self.flush_tracking()
        return ticket

    def ratings(self, ticket):
        return self.env["rating.rating"].search(
            [("res_model", "=", ticket._name), ("res_id", "=", ticket.id)]
        )

    def test_proposed_solution_asks_the_client_with_a_link(self):
        ticket = self.propose(2026, 11, 19, 16, 0)
        self.assertEqual(ticket.autoclose_validation_state, "proposed")
        url = ticket._autoclose_validation_url()
        self.assertRegex(url, rf"/my/ticket/{ticket.id}/solution\?token=\S{{20,}}$")
        message = self.messages_from(ticket, SOLUTION)
        self.assertEqual(len(message), 1)
        self.assertIn(url, message.body)
        self.assertLocal(ticket.autoclose_close_due, 2026, 11, 24, 16, 0)
        self.assertFalse(ticket.autoclose_reminder_due)

    def test_it_worked_closes_as_solved_and_asks_for_a_rating(self):
        ticket = self.propose(2026, 11, 19, 16, 0)
        token = ticket.sudo().autoclose_validation_token
        ticket._autoclose_record_verdict(True)
        self.assertEqual(ticket.stage_id, self.stage_done)
        self.assertEqual(ticket.autoclose_close_reason, "solved")
        self.assertEqual(ticket.autoclose_validation_state, "worked")
        self.assertFalse(ticket._autoclose_check_validation_token(token))
        self.assertEqual(len(self.messages_from(ticket, VERDICT)), 1)
        self.assertEqual(len(self.ratings(ticket)), 1)
        self.assertEqual(self.ratings(ticket).partner_id, self.customer)
        with self.assertRaises(UserError):
            ticket._autoclose_record_verdict(False, "Ya no")

    def test_it_did_not_work_goes_back_with_the_reason(self):
        ticket = self.propose(2026, 11, 19, 16, 0)
        with self.assertRaisesRegex(UserError, "what is still not working"):
            ticket._autoclose_record_verdict(False, "  ")
        ticket._autoclose_record_verdict(False, "La factura sigue sin el IVA.")
        self.assertEqual(ticket.stage_id, self.stage_progress)
        self.assertEqual(ticket.autoclose_validation_state, "failed")
        self.assertEqual(
            ticket.autoclose_validation_reason, "La factura sigue sin el IVA."
        )
        self.assertFalse(ticket.autoclose_close_due)
        self.assertTrue(
            ticket.message_ids.filtered(
                lambda m: "sin el IVA" in m.body and m.author_id == self.customer
            )
        )
        self.assertFalse(self.ratings(ticket))

    def test_no_answer_closes_as_accepted_with_a_survey(self):
        ticket = self.propose(2026, 11, 19, 16, 0)
        self.run_cron(2026, 11, 24, 15, 0)
        self.assertEqual(ticket.stage_id, self.stage_solution)
        self.run_cron(2026, 11, 24, 16, 0)
        self.run_cron(2026, 11, 24, 16, 30)
        self.assertEqual(ticket.stage_id, self.stage_done)
        self.assertEqual(ticket.autoclose_close_reason, "accepted")
        self.assertEqual(len(self.messages_from(ticket, ACCEPTED)), 1)
        self.assertEqual(len(self.ratings(ticket)), 1)

    def test_solved_stage_with_its_own_survey_sends_one(self):
        self.stage_done.rating_mail_template_id = self.rule.rating_template_id
        ticket = self.propose(2026, 11, 19, 16, 0)
        ticket._autoclose_record_verdict(True)
        self.assertEqual(len(self.ratings(ticket)), 1)

    def test_leaving_the_stage_spends_the_link(self):
        ticket = self.propose(2026, 11, 19, 16, 0)
        token = ticket.sudo().autoclose_validation_token
        ticket.stage_id = self.stage_progress
        self.assertFalse(ticket._autoclose_check_validation_token(token))
        self.assertFalse(ticket.autoclose_validation_state)
        self.assertFalse(ticket.autoclose_close_due)
