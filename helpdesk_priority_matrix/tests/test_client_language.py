from odoo.tests import tagged

from odoo.addons.mail.tests.common import MailCommon

from .intake_common import create_client, load_spanish, sent_confirmations


@tagged("post_install", "-at_install")
class TestClientLanguage(MailCommon):
    """What a client reads about the coverage of a ticket is told in the
    client's language, whoever registered the ticket."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        load_spanish(cls.env)
        cls.company = cls.env.company
        cls.company.write(
            {
                "helpdesk_requests_need_contract": True,
                "helpdesk_sla_policy_id": cls.env.ref(
                    "helpdesk_priority_matrix.sla_policy_standard"
                ).id,
            }
        )
        cls.client = create_client(
            cls.env, "Ferretería Los Andes", "compras@losandes.example.com"
        )
        cls.user_employee.groups_id = [
            (4, cls.env.ref("helpdesk_mgmt.group_helpdesk_user").id)
        ]
        cls.user_employee.lang = "en_US"

    def _register(self, request_kind):
        """A ticket an English-speaking agent registers for the client."""
        with self.mock_mail_gateway():
            ticket = (
                self.env["helpdesk.ticket"]
                .with_user(self.user_employee)
                .with_context(lang="en_US")
                .create(
                    {
                        "name": "Capacitación de inventarios",
                        "description": "<p>Necesitamos una capacitación.</p>",
                        "partner_id": self.client.id,
                        "request_kind": request_kind,
                    }
                )
            )
            confirmations = sent_confirmations(ticket.with_env(self.env))
        return ticket, confirmations

    def test_uncovered_notice_in_the_clients_language(self):
        ticket, _confirmations = self._register("request")
        self.assertFalse(ticket.is_covered)
        # The agents' copy is in the language of whoever registered it.
        self.assertIn("Requests and questions", ticket.entitlement_message)
        notice = self._new_mails.filtered(lambda m: self.client in m.recipient_ids)
        self.assertEqual(len(notice), 1)
        body = str(notice.body_html)
        self.assertIn("Recibimos su ticket", body)
        self.assertIn("Las solicitudes y consultas", body)
        self.assertNotIn("Requests and questions", body)
        self.assertNotIn("Your request", body)

    def test_portal_explanation_in_the_readers_language(self):
        ticket, _confirmations = self._register("request")
        spanish = ticket.with_context(lang="es_ES")._entitlement_client_message()
        english = ticket.with_context(lang="en_US")._entitlement_client_message()
        self.assertIn("Las solicitudes y consultas", spanish)
        self.assertIn("Requests and questions", english)

    def test_covered_ticket_confirmation_in_the_clients_language(self):
        ticket, confirmations = self._register("incident")
        self.assertTrue(ticket.is_covered)
        self.assertEqual(len(confirmations), 1)
        self.assertIn("Registramos su solicitud", str(confirmations.body))
