import re

from odoo import http
from odoo.tests import HttpCase, tagged

from .intake_common import (
    create_client,
    create_contact,
    create_portal_user,
    load_spanish,
)


@tagged("post_install", "-at_install")
class TestIntakePortal(HttpCase):
    """The intake rules on the portal, as portal users of two clients."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        load_spanish(cls.env)
        cls.company = cls.env.company
        cls.levels = {
            code: cls.env.ref(f"helpdesk_priority_matrix.priority_level_{code}")
            for code in ("p1", "p3", "p4")
        }
        cls.team = cls.env["helpdesk.ticket.team"].create(
            {
                "name": "Soporte Sisnova",
                "priority_decided_by": "client_level",
                "client_priority_cap_id": cls.levels["p3"].id,
                "company_id": cls.company.id,
            }
        )
        cls.company.write(
            {
                "helpdesk_authorized_requesters_only": True,
                "helpdesk_default_team_id": cls.team.id,
                "helpdesk_sla_policy_id": cls.env.ref(
                    "helpdesk_priority_matrix.sla_policy_standard"
                ).id,
                "helpdesk_mgmt_portal_select_team": False,
                "helpdesk_mgmt_portal_category_id_required": False,
            }
        )
        andina = create_client(cls.env, "Comercial Andina S.A.", "info@andina.example")
        istmo = create_client(cls.env, "Distribuidora Istmo S.A.", "info@istmo.example")
        cls.rosa = create_contact(
            cls.env, andina, "Rosa Quispe", "rosa@andina.example", True
        )
        cls.pedro = create_contact(
            cls.env, andina, "Pedro Mamani", "pedro@andina.example"
        )
        cls.marta = create_contact(
            cls.env, istmo, "Marta Pérez", "marta@istmo.example", True
        )
        for login, partner in (
            ("rosa_andina", cls.rosa),
            ("pedro_andina", cls.pedro),
            ("marta_istmo", cls.marta),
        ):
            create_portal_user(cls.env, login, partner)
        cls.non_critical = cls.env["helpdesk.ticket.category"].search(
            [("criticality", "=", "non_critical")], limit=1
        )

    def _submit(self, login, subject, **data):
        self.authenticate(login, login)
        return self.url_open(
            "/submitted/ticket",
            data={
                "csrf_token": http.Request.csrf_token(self),
                "subject": subject,
                "description": "El reporte de ventas no suma los descuentos.",
                **data,
            },
        )

    def _ticket(self, subject):
        return self.env["helpdesk.ticket"].search([("name", "=", subject)])

    def _form_csrf(self, page):
        return re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)

    # ------------------------------------------------------------------
    # New-ticket form
    # ------------------------------------------------------------------

    def test_form_offers_kind_levels_with_descriptions_and_the_cap(self):
        self.authenticate("rosa_andina", "rosa_andina")
        page = self.url_open("/new/ticket").text
        self.assertIn('name="request_kind"', page)
        self.assertIn(f'name="priority_level_{self.team.id}"', page)
        # Each level with what choosing it means, in the client's language.
        spanish = {
            code: level.with_context(lang="es_ES")
            for code, level in self.levels.items()
        }
        self.assertIn(spanish["p1"].description, page)
        self.assertIn('name="intake_priority_cap"', page)
        self.assertIn(spanish["p3"].display_name, page)
        self.assertNotIn('name="intake_requester_notice"', page)

    def test_form_warns_a_contact_not_authorized(self):
        self.authenticate("pedro_andina", "pedro_andina")
        page = self.url_open("/new/ticket").text
        self.assertIn('name="intake_requester_notice"', page)

    def test_client_picks_a_level_and_the_kind(self):
        self._submit(
            "rosa_andina",
            "Capacitación de inventario",
            request_kind="request",
            **{f"priority_level_{self.team.id}": self.levels["p4"].id},
        )
        ticket = self._ticket("Capacitación de inventario")
        self.assertEqual(ticket.team_id, self.team, "the company's default team")
        self.assertEqual(ticket.channel, "web")
        self.assertEqual(ticket.request_kind, "request")
        self.assertEqual(ticket.priority_level_id, self.levels["p4"])
        self.assertFalse(ticket.priority_level_manual)
        self.assertTrue(ticket.requester_authorized)

    def test_non_critical_case_is_capped_and_bogus_level_ignored(self):
        self._submit(
            "rosa_andina",
            "Logo de la cotización",
            category=self.non_critical.id,
            **{f"priority_level_{self.team.id}": self.levels["p1"].id},
        )
        self.assertEqual(
            self._ticket("Logo de la cotización").priority_level_id, self.levels["p3"]
        )
        self._submit(
            "rosa_andina",
            "Nivel inventado",
            request_kind="catastrophe",
            **{f"priority_level_{self.team.id}": "999999"},
        )
        ticket = self._ticket("Nivel inventado")
        self.assertTrue(ticket, "what the client wrote is kept")
        self.assertEqual(ticket.request_kind, "incident")

    # ------------------------------------------------------------------
    # Requester approval
    # ------------------------------------------------------------------

    def _held_ticket(self):
        self._submit("pedro_andina", "Pedido bloqueado")
        ticket = self._ticket("Pedido bloqueado")
        self.assertFalse(ticket.requester_authorized)
        self.assertFalse(ticket.sla_deadline)
        return ticket

    def test_requester_sees_the_wait_but_cannot_approve_himself(self):
        ticket = self._held_ticket()
        page = self.url_open(f"/my/ticket/{ticket.id}").text
        self.assertIn('name="portal_requester_held"', page)
        self.assertNotIn("approve-requester", page)
        response = self.url_open(
            f"/my/ticket/{ticket.id}/approve-requester",
            data={"csrf_token": self._form_csrf(self.url_open("/new/ticket").text)},
            allow_redirects=False,
        )
        self.assertEqual(response.status_code, 404)
        self.assertFalse(ticket.requester_authorized)

    def test_authorized_colleague_approves_from_the_portal(self):
        ticket = self._held_ticket()
        self.authenticate("rosa_andina", "rosa_andina")
        page = self.url_open(f"/my/ticket/{ticket.id}").text
        self.assertIn(f"/my/ticket/{ticket.id}/approve-requester", page)
        response = self.url_open(
            f"/my/ticket/{ticket.id}/approve-requester",
            data={"csrf_token": self._form_csrf(page)},
            allow_redirects=False,
        )
        self.assertEqual(response.status_code, 303)
        self.assertTrue(ticket.requester_authorized)
        self.assertEqual(ticket.requester_approved_by_id, self.rosa)
        self.assertTrue(ticket.sla_deadline)
        self.assertTrue(self.pedro.helpdesk_authorized)

    def test_other_client_cannot_see_nor_approve(self):
        ticket = self._held_ticket()
        self.authenticate("marta_istmo", "marta_istmo")
        page = self.url_open(f"/my/ticket/{ticket.id}", allow_redirects=False)
        self.assertNotEqual(page.status_code, 200)
        token = self._form_csrf(self.url_open("/new/ticket").text)
        response = self.url_open(
            f"/my/ticket/{ticket.id}/approve-requester",
            data={"csrf_token": token},
            allow_redirects=False,
        )
        self.assertEqual(response.status_code, 404)
        self.assertFalse(ticket.requester_authorized)

    def test_approval_link_of_the_email(self):
        ticket = self._held_ticket()
        url = ticket._requester_approval_url(self.rosa)
        path = url[url.index("/helpdesk/") :]
        self.logout()
        page = self.url_open(path).text
        self.assertIn("Pedro Mamani", page)
        self.assertFalse(ticket.requester_authorized, "a GET approves nothing")
        response = self.url_open(path, data={"csrf_token": self._form_csrf(page)})
        self.assertEqual(response.status_code, 200)
        self.assertTrue(ticket.requester_authorized)
        self.assertEqual(ticket.requester_approved_by_id, self.rosa)

    def test_approval_page_ends_no_sentence_on_the_company_name(self):
        ticket = self._held_ticket()
        url = ticket._requester_approval_url(self.rosa)
        self.logout()
        page = self.url_open(url[url.index("/helpdesk/") :]).text
        self.assertRegex(page, r"</dt>\s*<dd[^>]*>Pedro Mamani</dd>")
        self.assertRegex(page, r"</dt>\s*<dd[^>]*>Comercial Andina S\.A\.</dd>")
        self.assertNotIn("S.A..", page)

    def test_forged_approval_link_is_refused(self):
        ticket = self._held_ticket()
        self.logout()
        for approver, token in (
            (self.rosa, "0" * 64),
            (self.marta, ticket._requester_approval_token(self.marta)),
        ):
            response = self.url_open(
                f"/helpdesk/requester/approve/{ticket.id}/{approver.id}/{token}"
            )
            self.assertEqual(response.status_code, 404, approver.name)
        self.assertFalse(ticket.requester_authorized)
