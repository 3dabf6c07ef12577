import re
from datetime import datetime, timedelta

import pytz

from odoo import fields
from odoo.tests import new_test_user, tagged

from .portal_common import PortalCase

MADRID = pytz.timezone("Europe/Madrid")


@tagged("post_install", "-at_install")
class TestPortalSla(PortalCase):
    """What two clients of different companies read about their tickets'
    deadlines, pauses and force-majeure notices on the portal."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        cls.policy = cls.env.ref("helpdesk_priority_matrix.sla_policy_standard")
        cls.calendar = cls.policy.calendar_id
        cls.calendar.tz = "America/Panama"
        cls.company.helpdesk_sla_policy_id = cls.policy
        cls.stage_awaiting = cls.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_awaiting")
        cls.stage_done = cls.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done")
        cls.levels = {
            code: cls.env.ref(f"helpdesk_priority_matrix.priority_level_{code}")
            for code in ("p1", "p3")
        }
        cls.partner_portal.tz = False
        cls.critical = cls._ticket(
            "Usuarios sin poder iniciar sesión", cls.partner_portal, "high", "high"
        )
        cls.minor = cls._ticket(
            "Cambiar el logo de la cotización", cls.partner_portal, "medium", "medium"
        )
        # A client of another company of the support provider.
        cls.company_b = cls.env["res.company"].create(
            {"name": "Soporte Istmo S.A.", "country_id": cls.env.ref("base.pa").id}
        )
        cls.company_b.helpdesk_sla_policy_id = cls.policy
        cls.user_b = new_test_user(
            cls.env,
            login="portal_istmo",
            password="portal_istmo",
            groups="base.group_portal",
            name="Marta Istmo",
            company_id=cls.company_b.id,
            company_ids=[(6, 0, cls.company_b.ids)],
            tz="America/Panama",
        )
        cls.ticket_b = cls._ticket(
            "Caja bloqueada en Colón",
            cls.user_b.partner_id,
            "high",
            "medium",
            company=cls.company_b,
        )

    @classmethod
    def _ticket(cls, name, partner, impact, urgency, company=None):
        return cls.env["helpdesk.ticket"].create(
            {
                "name": name,
                "description": f"<p>{name}</p>",
                "partner_id": partner.id,
                "impact": impact,
                "urgency": urgency,
                "company_id": (company or cls.company).id,
            }
        )

    def _page(self, ticket, login="portal"):
        """The SLA column of the ticket page (short enough to read in a
        failure)."""
        self.authenticate(login, login)
        response = self.url_open(f"/my/ticket/{ticket.id}")
        self.assertEqual(response.status_code, 200)
        page = response.text
        start = page.index('name="portal_my_task_second_column"')
        return page[start : page.index('id="task_chat"', start)]

    @staticmethod
    def _local_hour(moment, tz):
        return pytz.utc.localize(moment).astimezone(tz).strftime("%H:%M")

    # ------------------------------------------------------------------
    # Ticket page
    # ------------------------------------------------------------------

    def test_deadlines_in_the_client_time_zone_named(self):
        self.partner_portal.tz = "Europe/Madrid"
        page = self._page(self.critical)
        deadline = self.critical.sla_response_deadline
        self.assertIn(self._local_hour(deadline, MADRID), page)
        self.assertRegex(page, r"Time zone:</span>\s*<span>Europe/Madrid</span>")
        self.assertIn("Time left:", page)

    def test_without_client_time_zone_the_service_one_is_used(self):
        page = self._page(self.critical)
        panama = pytz.timezone("America/Panama")
        deadline = self.critical.sla_response_deadline
        self.assertIn(self._local_hour(deadline, panama), page)
        self.assertRegex(page, r"Time zone:</span>\s*<span>America/Panama</span>")

    def test_working_hours_of_the_service_are_shown(self):
        page = self._page(self.critical)
        self.assertIn("Service hours", page)
        self.assertIn("Monday - Friday: 08:30-17:30", page)

    def test_paused_ticket_says_it_waits_for_the_client(self):
        self.critical.stage_id = self.stage_awaiting
        page = self._page(self.critical)
        self.assertIn("Paused: waiting for your answer", page)
        self.assertNotIn("Time left:", page)

    def test_closed_ticket_shows_no_next_deadline(self):
        self.critical.stage_id = self.stage_done
        page = self._page(self.critical)
        self.assertNotIn("Time left:", page)
        self.assertNotIn("Paused: waiting for your answer", page)

    def test_force_majeure_notice_only_for_the_ticket_company(self):
        now = fields.Datetime.now()
        self.env["helpdesk.sla.suspension"].create(
            [
                {
                    "name": "Caída del proveedor de hosting",
                    "company_id": self.company.id,
                    "date_from": now - timedelta(hours=1),
                    "date_to": now + timedelta(hours=5),
                    "description": "<p>Nuestro proveedor restablece el servicio.</p>",
                },
                {
                    "name": "Ataque ya terminado",
                    "company_id": self.company.id,
                    "date_from": now - timedelta(days=3),
                    "date_to": now - timedelta(days=2),
                },
            ]
        )
        page = self._page(self.critical)
        self.assertIn("Caída del proveedor de hosting", page)
        self.assertRegex(
            page,
            r'<div class="small o_helpdesk_notice_text">\s*'
            r"<p>Nuestro proveedor restablece el servicio.</p>",
        )
        self.assertNotIn("Ataque ya terminado", page)
        other = self._page(self.ticket_b, "portal_istmo")
        self.assertNotIn("Caída del proveedor de hosting", other)
        self.assertIn("Caída del proveedor de hosting", self._list())
        self.assertNotIn("Caída del proveedor de hosting", self._list("portal_istmo"))

    def test_ticket_page_in_spanish(self):
        self.env["res.lang"]._activate_lang("es_ES")
        self.env["ir.module.module"]._load_module_terms(
            ["helpdesk_priority_matrix"], ["es_ES"], overwrite=True
        )
        self.partner_portal.lang = "es_ES"
        self.critical.stage_id = self.stage_awaiting
        page = self._page(self.critical)
        self.assertIn("Horario del servicio", page)
        self.assertIn("Lunes - Viernes: 08:30-17:30", page)
        self.assertIn("En pausa: esperando su respuesta", page)
        self.assertRegex(page, r"Zona horaria:</span>\s*<span>America/Panama</span>")

    def test_time_left_in_the_reader_language(self):
        now = self.critical.sla_deadline - timedelta(hours=3)
        self.assertEqual(self.critical._portal_time_left(now), "in 3 hours")
        spanish = self.critical.with_context(lang="es_ES")
        self.env["res.lang"]._activate_lang("es_ES")
        self.assertEqual(spanish._portal_time_left(now), "dentro de 3 horas")
        late = self.critical.sla_deadline + timedelta(days=2)
        self.assertEqual(self.critical._portal_time_left(late), "2 days ago")

    # ------------------------------------------------------------------
    # /my/tickets
    # ------------------------------------------------------------------

    def _list(self, login="portal", **params):
        self.authenticate(login, login)
        query = "&".join(f"{key}={value}" for key, value in params.items())
        response = self.url_open(f"/my/tickets?{query}")
        self.assertEqual(response.status_code, 200)
        return response.text

    def test_filter_by_priority_level(self):
        page = self._list(filterby=f"level_{self.levels['p1'].id}")
        self.assertIn(self.critical.name, page)
        self.assertNotIn(self.minor.name, page)
        self.assertIn("Priority P1 - Critical", page)

    def test_filter_by_sla_status_and_pause(self):
        self.minor.stage_id = self.stage_awaiting
        on_track = self._list(filterby="sla_on_track")
        self.assertIn(self.critical.name, on_track)
        paused = self._list(filterby="sla_paused")
        self.assertIn(self.minor.name, paused)
        self.assertNotIn(self.critical.name, paused)
        self.assertIn(self.critical.name, self._list(filterby="unknown"))

    def test_sort_by_priority_and_deadline(self):
        for sortby in ("priority", "sla"):
            page = self._list(sortby=sortby)
            self.assertLess(
                page.index(self.critical.name), page.index(self.minor.name), sortby
            )

    def test_grouped_by_stage_with_a_filter(self):
        self.minor.stage_id = self.stage_awaiting
        page = self._list(groupby="stage", filterby="sla_on_track")
        self.assertIn("Tickets in stage:", page)
        self.assertIn(self.critical.name, page)

    def test_clients_see_only_their_company_tickets_and_levels(self):
        page = self._list("portal_istmo")
        self.assertIn(self.ticket_b.name, page)
        self.assertNotIn(self.critical.name, page)
        self.assertNotIn(f"level_{self.levels['p3'].id}", page)

    def test_list_is_readable_on_a_phone(self):
        page = self._list()
        self.assertIn('name="ticket_phone_summary"', page)
        self.assertRegex(page, r'<th[^>]*name="th_create_date"[^>]*d-none d-xl')
        self.assertIn("Next Deadline", page)

    def test_list_in_spanish(self):
        self.env["res.lang"]._activate_lang("es_ES")
        self.env["ir.module.module"]._load_module_terms(
            ["helpdesk_priority_matrix"], ["es_ES"], overwrite=True
        )
        self.partner_portal.lang = "es_ES"
        page = self._list()
        self.assertIn("Próximo plazo", page)
        self.assertIn("Prioridad P1 - Crítica", page)
        self.assertIn("SLA En plazo", page)
        self.assertIn("Esperando su respuesta", page)

    def test_ticket_menu_shown_before_the_first_ticket(self):
        client = new_test_user(
            self.env,
            login="portal_nuevo",
            password="portal_nuevo",
            groups="base.group_portal",
            name="Cliente Nuevo",
        )
        self.assertFalse(self.env["helpdesk.ticket"].with_user(client).search_count([]))
        self.authenticate("portal_nuevo", "portal_nuevo")
        home = self.url_open("/my").text
        card = re.search(
            r'<div class="(o_portal_index_card[^"]*)"[^>]*>\s*<a href="/my/tickets"',
            home,
        )
        self.assertTrue(card, "the ticket entry is on /my")
        self.assertNotIn("d-none", card.group(1).split(), "and it is not hidden")

    def test_clock_state_and_next_deadline(self):
        self.critical.stage_id = self.stage_awaiting
        self.assertEqual(self.critical.sla_clock_state, "paused")
        self.assertEqual(self.minor.sla_clock_state, "running")
        self.assertFalse(self.critical._portal_next_deadline())
        start = datetime(2026, 11, 23, 15, 0)
        self.minor.sla_start_date = start
        self.assertEqual(self.minor._portal_next_deadline(), self.minor.sla_deadline)
