from odoo.exceptions import UserError
from odoo.tests import TransactionCase, new_test_user, tagged
from odoo.tools.safe_eval import safe_eval

from ..hooks import HELPDESK_MGMT_PORTAL_RULE, restore_helpdesk_mgmt_portal_rule


@tagged("post_install", "-at_install")
class TestPortalAccess(TransactionCase):
    """The portal rule reads through the indexes and keeps helpdesk_mgmt's
    meaning: the tickets of the client's company and of all its contacts,
    and those they follow."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        partners = cls.env["res.partner"]
        cls.client = partners.create({"name": "Distribuidora Sur", "is_company": True})
        cls.contact = partners.create({"name": "Ana Sur", "parent_id": cls.client.id})
        cls.assistant = partners.create(
            {"name": "Luis Sur", "parent_id": cls.contact.id, "type": "other"}
        )
        cls.former = partners.create(
            {"name": "Eva Sur", "parent_id": cls.client.id, "active": False}
        )
        cls.other = partners.create({"name": "Norte S.A.", "is_company": True})
        cls.user = new_test_user(
            cls.env,
            login="portal_access_sur",
            groups="base.group_portal",
            partner_id=cls.contact.id,
        )
        team = cls.env["helpdesk.ticket.team"].create({"name": "Soporte Sur"})

        def ticket(name, partner):
            return cls.env["helpdesk.ticket"].create(
                {
                    "name": name,
                    "description": name,
                    "partner_id": partner.id,
                    "team_id": team.id,
                }
            )

        cls.visible = (
            ticket("De la empresa", cls.client)
            | ticket("De Ana", cls.contact)
            | ticket("Del asistente", cls.assistant)
            | ticket("De una contacta archivada", cls.former)
        )
        cls.followed = ticket("De Norte, seguido por Ana", cls.other)
        cls.followed.message_subscribe(partner_ids=cls.assistant.ids)
        cls.hidden = ticket("De Norte", cls.other) | ticket("Sin cliente", partners)
        cls.visible |= cls.followed

    def _helpdesk_mgmt_answer(self):
        domain = safe_eval(HELPDESK_MGMT_PORTAL_RULE, {"user": self.user})
        return (
            self.env["helpdesk.ticket"].with_context(active_test=False).search(domain)
        )

    def test_the_client_reads_what_helpdesk_mgmt_lets_it_read(self):
        tickets = self.env["helpdesk.ticket"].with_user(self.user)
        readable = tickets.search([("id", "in", (self.visible | self.hidden).ids)])
        self.assertEqual(readable, self.visible)
        mine = self._helpdesk_mgmt_answer() & (self.visible | self.hidden)
        self.assertEqual(readable, mine)
        self.assertEqual(tickets.search_count([("id", "in", self.hidden.ids)]), 0)

    def test_searched_by_client_and_by_the_others(self):
        tickets = self.env["helpdesk.ticket"]
        fixtures = [("id", "in", (self.visible | self.hidden).ids)]
        mine = tickets.search(fixtures + [("portal_client_id", "in", self.client.ids)])
        self.assertEqual(mine, self.visible)
        others = tickets.search(fixtures + [("portal_client_id", "!=", self.client.id)])
        self.assertEqual(others, self.hidden)
        with self.assertRaises(UserError):
            tickets.search([("portal_client_id", "ilike", "Sur")])

    def test_the_rule_is_one_lookup(self):
        rule = self.env.ref("helpdesk_mgmt.helpdesk_ticket_rule_portal")
        self.assertIn("portal_client_id", rule.domain_force)
        query = self.env["helpdesk.ticket"].with_user(self.user)._search([])
        sql = query.select().code
        self.assertIn("UNION SELECT res_id FROM mail_followers", sql)
        self.assertNotIn("message_partner_ids", sql)

    def test_uninstalling_gives_helpdesk_mgmt_its_rule_back(self):
        rule = self.env.ref("helpdesk_mgmt.helpdesk_ticket_rule_portal")
        restore_helpdesk_mgmt_portal_rule(self.env)
        self.assertEqual(rule.domain_force, HELPDESK_MGMT_PORTAL_RULE)
        self.assertEqual(self._helpdesk_mgmt_answer() & self.visible, self.visible)
