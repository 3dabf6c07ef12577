from odoo.tests import TransactionCase, tagged

from odoo.addons.helpdesk_priority_matrix.tests.translation_common import (
    load_spanish,
)


@tagged("post_install", "-at_install")
class TestDataLanguages(TransactionCase):
    """The closing rules, stages and messages read in the reader's language."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        load_spanish(cls.env, "helpdesk_autoclose")

    def assertReads(self, xmlid, field_name, english, spanish):
        record = self.env.ref(f"helpdesk_autoclose.{xmlid}")
        self.assertEqual(record.with_context(lang="en_US")[field_name], english)
        self.assertEqual(record.with_context(lang="es_ES")[field_name], spanish)

    def test_demo_team_and_rule(self):
        self.assertReads(
            "team_implantaciones", "name", "Implementations", "Implantaciones"
        )
        self.assertReads(
            "rule_implantaciones",
            "name",
            "Implementations: reopen within 3 days",
            "Implantaciones: reabrir dentro de 3 días",
        )

    def test_shipped_stage_and_template(self):
        self.assertReads(
            "stage_closed_no_answer",
            "name",
            "Closed: No Answer",
            "Cerrado: sin respuesta",
        )
        self.assertReads(
            "mail_template_autoclose_reminder",
            "subject",
            "Ticket {{ object.number }}: we are waiting for your answer",
            "Ticket {{ object.number }}: esperamos su respuesta",
        )
