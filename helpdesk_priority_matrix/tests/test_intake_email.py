from odoo.exceptions import AccessError
from odoo.tests import tagged

from odoo.addons.mail.tests.common import MailCommon

from .intake_common import (
    EMAIL_TPL,
    create_client,
    create_contact,
    load_spanish,
    sent_confirmations,
)


@tagged("post_install", "-at_install")
class TestIntakeEmail(MailCommon):
    """Tickets sent by email to the team's alias when only authorized
    contacts may open tickets (002)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        load_spanish(cls.env)
        cls.company = cls.env.company
        cls.company.write(
            {
                "helpdesk_authorized_requesters_only": True,
                "helpdesk_sla_policy_id": cls.env.ref(
                    "helpdesk_priority_matrix.sla_policy_standard"
                ).id,
            }
        )
        cls.user_employee.groups_id = [
            (4, cls.env.ref("helpdesk_mgmt.group_helpdesk_user").id)
        ]
        cls.team = cls.env["helpdesk.ticket.team"].create(
            {
                "name": "Mesa de Ayuda",
                "alias_name": "soporte",
                "user_id": cls.user_employee.id,
                "company_id": cls.company.id,
            }
        )
        cls.client = create_client(
            cls.env, "Comercial Andina S.A.", "contacto@andina.example.com"
        )
        cls.rosa = create_contact(
            cls.env, cls.client, "Rosa Quispe", "rosa@andina.example.com", True
        )
        cls.pedro = create_contact(
            cls.env, cls.client, "Pedro Mamani", "pedro@andina.example.com"
        )
        cls.alias = f"soporte@{cls.alias_domain}"

    def _receive(self, email_from, subject):
        message = EMAIL_TPL.format(
            email_from=email_from,
            to=self.alias,
            subject=subject,
            msg_id=f"<{subject.replace(' ', '.')}@andina.example.com>",
            body="La facturación electrónica está detenida desde las 9:00.",
        )
        with self.mock_mail_gateway():
            self.env["mail.thread"].sudo().message_process(None, message)
        ticket = self.env["helpdesk.ticket"].search([("name", "=", subject)])
        self.assertEqual(len(ticket), 1, "every email must become a ticket")
        return ticket

    def _mails_to(self, recipient):
        """Emails queued for a partner, or for an address without partner."""
        if isinstance(recipient, str):
            return self._new_mails.filtered(
                lambda mail: recipient in (mail.email_to or "")
            )
        return self._new_mails.filtered(lambda mail: recipient in mail.recipient_ids)

    def test_unknown_sender_is_held_and_told(self):
        ticket = self._receive("Desconocido <nadie@otra.example.com>", "Caja bloqueada")
        self.assertIn("facturación electrónica", ticket.description)
        self.assertEqual(ticket.channel, "email")
        self.assertEqual(ticket.team_id, self.team)
        self.assertFalse(ticket.requester_authorized)
        self.assertFalse(ticket.sla_policy_id, "a held ticket has no SLA clock")
        self.assertFalse(ticket.sla_deadline)
        notice = self._mails_to("nadie@otra.example.com")
        self.assertEqual(len(notice), 1)
        self.assertIn(ticket.number, notice.subject)
        self.assertFalse(
            self._new_mails.filtered(lambda m: self.rosa in m.recipient_ids),
            "nobody of a client is asked about a sender of no client",
        )
        self.assertIn("check who you are", str(notice.body_html))
        self.assertTrue(
            ticket.message_ids.filtered(
                lambda m: "no authorized contact" in str(m.body)
            ),
            "the agents read that they must approve it themselves",
        )

    def test_unauthorized_contact_is_held_and_approvers_are_asked(self):
        ticket = self._receive(self.pedro.email_formatted, "Error en nómina")
        self.assertEqual(ticket.partner_id, self.pedro)
        self.assertFalse(ticket.requester_authorized)
        self.assertFalse(ticket.is_covered)
        notice = self._mails_to(self.pedro)
        self.assertEqual(len(notice), 1)
        # In the sender's language, not the mail gateway's.
        self.assertIn("aprobación", notice.subject)
        self.assertIn("contactos autorizados", str(notice.body_html))
        for approver in (self.rosa, self.client):
            approval = self._mails_to(approver)
            self.assertEqual(len(approval), 1, approver.name)
            self.assertIn(
                f"/helpdesk/requester/approve/{ticket.id}/{approver.id}/",
                str(approval.body_html),
            )
        self.assertFalse(
            sent_confirmations(ticket), "no confirmation before the approval"
        )
        self.assertFalse(ticket.confirmation_queued_at, "taken off the queue")
        asked = ticket.message_ids.filtered(lambda m: "approval asked" in str(m.body))
        self.assertIn(self.rosa.name, str(asked.body))

    def test_agent_approves_with_one_click(self):
        ticket = self._receive(self.pedro.email_formatted, "Reporte de ventas lento")
        ticket.with_user(self.user_employee).action_authorize_requester()
        self.assertTrue(ticket.requester_authorized)
        self.assertEqual(ticket.requester_approved_by_id, self.partner_employee)
        self.assertTrue(self.pedro.helpdesk_authorized, "and for the next tickets")
        self.assertTrue(ticket.is_covered)
        self.assertTrue(ticket.sla_response_deadline, "the clock started")
        self.assertEqual(len(sent_confirmations(ticket)), 1)
        next_ticket = self._receive(self.pedro.email_formatted, "Otra consulta")
        self.assertTrue(next_ticket.requester_authorized)

    def test_only_who_may_edit_the_ticket_approves(self):
        ticket = self._receive(self.pedro.email_formatted, "Pedido sin stock")
        portal = self._create_portal_user()
        with self.assertRaises(AccessError):
            ticket.with_user(portal).action_authorize_requester()
        self.assertFalse(ticket.requester_authorized)

    def test_authorized_contact_is_started_and_confirmed(self):
        ticket = self._receive(self.rosa.email_formatted, "POS sin conexión")
        self.assertTrue(ticket.requester_authorized)
        self.assertTrue(ticket.is_covered)
        self.assertTrue(ticket.sla_response_deadline)
        self.assertFalse(self._mails_to(self.client), "nobody is asked to approve")
        self.assertEqual(len(sent_confirmations(ticket)), 1)

    def test_main_address_of_the_client_is_authorized_by_default(self):
        ticket = self._receive(self.client.email_formatted, "Usuarios bloqueados")
        self.assertTrue(ticket.requester_authorized)

    def test_without_the_setting_everybody_may_open_tickets(self):
        self.company.helpdesk_authorized_requesters_only = False
        ticket = self._receive(self.pedro.email_formatted, "Duda de uso")
        self.assertTrue(ticket.requester_authorized)
        self.assertTrue(ticket.sla_response_deadline)

    def test_contact_moved_to_another_client_loses_the_authorization(self):
        other = create_client(self.env, "Distribuidora Istmo", "info@istmo.example.com")
        self.rosa.parent_id = other
        self.assertFalse(self.rosa.helpdesk_authorized)

    # ------------------------------------------------------------------
    # What the sender and the agents read
    # ------------------------------------------------------------------

    def test_unknown_sender_greeted_by_the_name_in_the_from_header(self):
        self._receive('"Ana Ruiz" <ana@otra.example.com>', "Factura rechazada")
        # A sender of no client is written to in the company's language.
        notice = self._mails_to("ana@otra.example.com")
        self.assertIn("Hello Ana Ruiz,", str(notice.body_html))

    def test_unknown_sender_without_a_name_greeted_without_one(self):
        self._receive("nadie@otra.example.com", "Sin nombre")
        body = str(self._mails_to("nadie@otra.example.com").body_html)
        self.assertIn("Hello,", body)
        self.assertNotIn("Hello ,", body)
        self.assertNotIn("nadie@otra.example.com,", body)

    def test_approvers_listed_once_by_name(self):
        ticket = self._receive(self.pedro.email_formatted, "Cierre contable")
        note = ticket.message_ids.filtered(lambda m: "approval asked" in str(m.body))
        body = str(note.body)
        self.assertIn("Rosa Quispe", body)
        self.assertEqual(body.count("Comercial Andina S.A."), 1, body)

    def test_approval_starts_the_requesters_other_held_tickets(self):
        first = self._receive(self.pedro.email_formatted, "Primera consulta")
        second = self._receive(self.pedro.email_formatted, "Segunda consulta")
        first.with_user(self.user_employee).action_authorize_requester()
        self.assertTrue(second.requester_authorized, "the approval is of the person")
        self.assertTrue(second.is_covered)
        self.assertTrue(second.sla_response_deadline, "its clock started too")
        self.assertEqual(second.requester_approved_by_id, self.partner_employee)
        self.assertEqual(len(sent_confirmations(second)), 1, "and its client is told")
        self.assertEqual(len(sent_confirmations(first)), 1)
