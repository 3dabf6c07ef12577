from odoo import Command
from odoo.tests import TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestTicketCreation(TransactionCase):
    """What a new ticket holds without a search of its own: the first stage
    of its team, kept in a registry cache, and a creation message threaded
    under nothing, as helpdesk_mgmt and Odoo would give them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.team = cls.env["helpdesk.ticket.team"].create({"name": "Soporte alta"})
        cls.tickets = cls.env["helpdesk.ticket"].sudo()

    def create_ticket(self, tickets=None, **vals):
        return (tickets or self.tickets).create(
            {
                "name": "No podemos facturar",
                "description": "Error 503 desde esta mañana.",
                "team_id": self.team.id,
                **vals,
            }
        )

    def test_first_stage_of_the_team_as_helpdesk_mgmt_gives_it(self):
        ticket = self.create_ticket()
        self.assertEqual(ticket.stage_id, self.team._get_applicable_stages()[:1])
        self.assertTrue(ticket.stage_id)

    def test_new_or_archived_first_stage_is_followed_at_once(self):
        self.create_ticket()
        stage = self.env["helpdesk.ticket.stage"].create(
            {
                "name": "Recibido por el equipo",
                "sequence": -1,
                "team_ids": [Command.set(self.team.ids)],
            }
        )
        self.assertEqual(self.create_ticket().stage_id, stage)
        stage.active = False
        self.assertNotEqual(self.create_ticket().stage_id, stage)

    def test_given_stage_is_kept(self):
        second = self.team._get_applicable_stages()[1:2]
        self.assertTrue(second)
        self.assertEqual(self.create_ticket(stage_id=second.id).stage_id, second)

    def test_client_company_saved_with_the_ticket_and_followed_later(self):
        company = self.env["res.partner"].create(
            {"name": "Ferretería Andina", "is_company": True}
        )
        contact = self.env["res.partner"].create(
            {"name": "Lucía Paredes", "parent_id": company.id}
        )
        ticket = self.create_ticket(partner_id=contact.id)
        self.env.flush_all()
        self.env.invalidate_all()
        self.assertEqual(ticket.commercial_partner_id, company)
        other = self.env["res.partner"].create({"name": "Tomás Vera"})
        ticket.partner_id = other
        self.assertEqual(ticket.commercial_partner_id, other)
        contact.parent_id = False
        ticket.partner_id = contact
        self.assertEqual(ticket.commercial_partner_id, contact)

    def test_agent_gets_the_same_first_stage(self):
        agent = new_test_user(
            self.env, login="agente_alta", groups="helpdesk_mgmt.group_helpdesk_user"
        )
        tickets = self.env["helpdesk.ticket"].with_user(agent)
        ticket = self.create_ticket(tickets)
        self.assertEqual(ticket.stage_id, self.team._get_applicable_stages()[:1])

    def test_creation_message_starts_the_thread(self):
        ticket = self.create_ticket()
        creation = ticket.message_ids.sorted("id")[:1]
        self.assertEqual(
            creation.subtype_id, self.env.ref("helpdesk_mgmt.hlp_tck_created")
        )
        self.assertFalse(creation.parent_id)
        reply = ticket.message_post(body="Lo revisamos.", message_type="comment")
        self.assertEqual(reply.parent_id, creation)
