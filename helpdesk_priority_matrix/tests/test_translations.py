import re

from odoo.exceptions import ValidationError
from odoo.tests import TransactionCase, tagged

from odoo.addons.base.tests.common import HttpCaseWithUserPortal

from .translation_common import load_spanish


@tagged("post_install", "-at_install")
class TestSpanishLabels(TransactionCase):
    """Impact is masculine in Spanish (impacto alto), urgency and priority
    feminine (urgencia alta, prioridad alta): one English "High", several
    Spanish words, each on the right field."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        load_spanish(cls.env, "helpdesk_priority_matrix")

    def setUp(self):
        super().setUp()
        self.addCleanup(self.env.registry.clear_cache)

    def labels(self, model, field_name, lang):
        description = self.env[model].with_context(lang=lang).fields_get([field_name])
        return dict(description[field_name]["selection"])

    def assertLabels(self, model, field_name, lang, expected):
        labels = self.labels(model, field_name, lang)
        self.assertEqual(
            {key: labels[key] for key in expected}, expected, f"{model}.{field_name}"
        )

    def test_impact_is_masculine(self):
        alto = {"high": "Alto", "medium": "Medio", "low": "Bajo"}
        for model, field_name in (
            ("helpdesk.ticket", "impact"),
            ("helpdesk.priority.matrix.cell", "impact"),
            ("helpdesk.ticket.category", "default_impact"),
        ):
            self.assertLabels(model, field_name, "es_ES", alto)

    def test_urgency_is_feminine(self):
        alta = {"high": "Alta", "medium": "Media", "low": "Baja"}
        for model, field_name in (
            ("helpdesk.ticket", "urgency"),
            ("helpdesk.priority.matrix.cell", "urgency"),
            ("helpdesk.ticket.category", "default_urgency"),
        ):
            self.assertLabels(model, field_name, "es_ES", alta)

    def test_priority_is_feminine(self):
        stars = {"0": "Baja", "1": "Media", "2": "Alta", "3": "Muy alta"}
        self.assertLabels("helpdesk.ticket", "priority", "es_ES", stars)
        self.assertLabels("helpdesk.priority.level", "ticket_priority", "es_ES", stars)
        levels = self.env["helpdesk.priority.level"].with_context(lang="es_ES")
        self.assertEqual(
            levels.browse(
                self.env.ref("helpdesk_priority_matrix.priority_level_p1").id
            ).name,
            "Crítica",
        )
        self.assertEqual(
            levels.browse(
                self.env.ref("helpdesk_priority_matrix.priority_level_p2").id
            ).name,
            "Alta",
        )

    def test_critical_case_is_masculine(self):
        self.assertLabels(
            "helpdesk.ticket.category",
            "criticality",
            "es_ES",
            {"critical": "Crítico", "non_critical": "No crítico"},
        )

    def test_english_stays_plain(self):
        plain = {"high": "High", "medium": "Medium", "low": "Low"}
        for field_name in ("impact", "urgency"):
            self.assertLabels("helpdesk.ticket", field_name, "en_US", plain)
        self.assertLabels(
            "helpdesk.ticket.category", "criticality", "en_US", {"critical": "Critical"}
        )

    def test_ticket_reads_its_labels_in_spanish(self):
        ticket = self.env["helpdesk.ticket"].create(
            {
                "name": "La facturación electrónica no responde",
                "description": "<p>No se emiten facturas desde la mañana.</p>",
                "impact": "high",
                "urgency": "high",
            }
        )
        spanish = ticket.with_context(lang="es_ES")
        self.assertEqual(
            spanish._fields["impact"].convert_to_export(spanish.impact, spanish),
            "Alto",
        )
        self.assertEqual(
            spanish._fields["urgency"].convert_to_export(spanish.urgency, spanish),
            "Alta",
        )

    def test_incomplete_matrix_names_each_label_in_its_gender(self):
        team = self.env["helpdesk.ticket.team"].create({"name": "Mesa Istmo"})
        level = self.env.ref("helpdesk_priority_matrix.priority_level_p1")
        matrices = self.env["helpdesk.priority.matrix"].with_context(lang="es_ES")
        with self.assertRaises(ValidationError) as refused:
            matrices.create(
                {
                    "name": "Media matriz",
                    "team_id": team.id,
                    "cell_ids": [
                        (
                            0,
                            0,
                            {"impact": "high", "urgency": "high", "level_id": level.id},
                        )
                    ],
                }
            )
        message = str(refused.exception)
        self.assertIn("está incompleta", message)
        self.assertIn("impacto Alto / urgencia Baja", message)
        self.assertIn("impacto Bajo / urgencia Media", message)


@tagged("post_install", "-at_install")
class TestDemoDataLanguages(TransactionCase):
    """Demo records have English sources and Spanish translations: each
    reader sees their own language; what a client wrote stays as written."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        load_spanish(cls.env, "helpdesk_priority_matrix")

    def assertReads(self, xmlid, field_name, english, spanish):
        record = self.env.ref(f"helpdesk_priority_matrix.{xmlid}")
        self.assertEqual(record.with_context(lang="en_US")[field_name], english)
        self.assertEqual(record.with_context(lang="es_ES")[field_name], spanish)

    def test_levels_of_the_seeds(self):
        # Coacher's levels name the incident (incidente alto), Sisnova's
        # the priority (prioridad alta).
        self.assertReads("level_coacher_high", "name", "High", "Alto")
        self.assertReads("level_coacher_low", "name", "Low", "Bajo")
        self.assertReads("level_sisnova_high", "name", "High", "Alta")
        self.assertReads("level_sisnova_low", "name", "Low", "Baja")
        self.assertReads(
            "level_sisnova_low",
            "description",
            "Minimal impact; the business keeps working.",
            "Impacto mínimo; el negocio sigue funcionando.",
        )

    def test_policies_teams_and_matrices(self):
        self.assertReads(
            "policy_valtriom_continuidad", "name", "Continuity", "Continuidad"
        )
        self.assertReads("policy_coacher_estandar", "name", "Standard", "Estándar")
        policy = self.env.ref("helpdesk_priority_matrix.policy_coacher_premium")
        self.assertIn("8x5 service", policy.with_context(lang="en_US").description)
        self.assertIn("Servicio 8x5", policy.with_context(lang="es_ES").description)
        self.assertReads(
            "team_coacher",
            "name",
            "Help Desk (Coacher Integradores)",
            "Mesa de Ayuda (Coacher Integradores)",
        )
        self.assertReads(
            "matrix_coacher",
            "name",
            "High / Medium / Low (Coacher)",
            "Alto / Medio / Bajo (Coacher)",
        )

    def test_working_hours_and_holidays(self):
        self.assertReads(
            "calendar_24x7",
            "name",
            "24x7: every day, 24 hours",
            "24x7: todos los días, 24 horas",
        )
        self.assertReads(
            "calendar_mon_fri_0830_1730",
            "name",
            "Mon-Fri 08:30-17:30",
            "Lun-Vie 08:30-17:30",
        )
        self.assertReads("holiday_navidad", "name", "Christmas Day", "Navidad")
        # Working hours are named by their hours: the same in every language.
        attendances = self.env.ref(
            "helpdesk_priority_matrix.calendar_mon_fri_0830_1730"
        ).attendance_ids
        self.assertEqual(set(attendances.mapped("name")), {"08:30-17:30"})


@tagged("post_install", "-at_install")
class TestPortalInSpanish(HttpCaseWithUserPortal):
    """A Spanish-speaking client reads each label in its gender on the
    ticket page and the new-ticket form."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        load_spanish(cls.env, "helpdesk_priority_matrix")
        cls.user_portal.lang = "es_ES"
        cls.ticket = cls.env["helpdesk.ticket"].create(
            {
                "name": "No se emiten facturas electrónicas",
                "description": "<p>El servicio de timbrado no responde.</p>",
                "partner_id": cls.partner_portal.id,
                "impact": "high",
                "urgency": "high",
            }
        )

    def setUp(self):
        super().setUp()
        self.addCleanup(self.env.registry.clear_cache)
        self.env.flush_all()
        self.authenticate("portal", "portal")

    def page(self, url):
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200)
        return re.sub(r"\s+", " ", response.text)

    def test_ticket_page(self):
        page = self.page(f"/my/ticket/{self.ticket.id}")
        self.assertRegex(page, r"impacto <span[^>]*>Alto</span>")
        self.assertRegex(page, r"urgencia <span[^>]*>Alta</span>")
        self.assertNotIn("urgencia <span>Alto</span>", page)

    def test_new_ticket_form(self):
        page = self.page("/new/ticket")
        self.assertIn("Alto: la operación está detenida", page)
        self.assertIn("Alta: ahora mismo", page)
