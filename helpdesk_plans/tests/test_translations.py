from odoo.tests import TransactionCase, tagged

from odoo.addons.helpdesk_priority_matrix.tests.translation_common import (
    load_spanish,
)


@tagged("post_install", "-at_install")
class TestDemoDataLanguages(TransactionCase):
    """The plan catalog of the demo reads in English for an English user and
    in Spanish, as Sisnova sells it, for a Spanish one."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        load_spanish(cls.env, "helpdesk_plans")

    def assertReads(self, xmlid, field_name, english, spanish):
        record = self.env.ref(f"helpdesk_plans.{xmlid}")
        self.assertEqual(record.with_context(lang="en_US")[field_name], english)
        self.assertEqual(record.with_context(lang="es_ES")[field_name], spanish)

    def test_plans_categories_and_products(self):
        self.assertReads("plan_avanzado", "name", "Advanced", "Avanzado")
        self.assertReads("policy_plan_basico", "name", "Basic Plan", "Plan Básico")
        self.assertReads("category_training", "name", "Trainings", "Capacitaciones")
        self.assertReads(
            "product_plan_corporativo",
            "name",
            "Corporate support plan (monthly)",
            "Plan de soporte Corporativo (mensual)",
        )
        plan = self.env.ref("helpdesk_plans.plan_corporativo")
        self.assertIn("24x7 service", plan.with_context(lang="en_US").description)
        self.assertIn("atención 24x7", plan.with_context(lang="es_ES").description)

    def test_what_clients_wrote_stays_as_written(self):
        ticket = self.env.ref("helpdesk_plans.ticket_quetzal_1")
        for lang in ("en_US", "es_ES"):
            self.assertEqual(
                ticket.with_context(lang=lang).name,
                "No cuadra el kardex de la bodega central",
            )
