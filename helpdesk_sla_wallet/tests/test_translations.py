from odoo.tests import TransactionCase, tagged

from odoo.addons.helpdesk_priority_matrix.tests.translation_common import (
    load_spanish,
)


@tagged("post_install", "-at_install")
class TestDemoDataLanguages(TransactionCase):
    """Valtriom's ticket packs and services read in the reader's language."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        load_spanish(cls.env, "helpdesk_sla_wallet")

    def assertReads(self, xmlid, field_name, english, spanish):
        record = self.env.ref(f"helpdesk_sla_wallet.{xmlid}").product_tmpl_id
        self.assertEqual(record.with_context(lang="en_US")[field_name], english)
        self.assertEqual(record.with_context(lang="es_ES")[field_name], spanish)

    def test_packs_and_services(self):
        self.assertReads(
            "product_pack_expansion_5",
            "name",
            "VTM WalletTicket 5 – Expansion",
            "VTM WalletTicket 5 – Expansión",
        )
        self.assertReads(
            "product_pack_expansion_5",
            "description_sale",
            "5 quick support tickets (up to 1 hour each), Expansion level, "
            "Monday to Friday from 9:00 to 18:00.",
            "5 tickets de soporte rápido (hasta 1 hora cada uno), nivel "
            "Expansión, lunes a viernes de 9:00 a 18:00.",
        )
        self.assertReads(
            "product_service_development",
            "name",
            "Custom development (hour)",
            "Desarrollo a medida (hora)",
        )
