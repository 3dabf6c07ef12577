from odoo.tests import Form, tagged

from .common import AutocloseCommon


@tagged("post_install", "-at_install")
class TestDuplicates(AutocloseCommon):
    def setUp(self):
        super().setUp()
        self.colleague = self.env["res.partner"].create(
            {"name": "Pedro Andino", "parent_id": self.customer.id}
        )
        self.original = self.create_ticket(
            self.utc(2026, 11, 19, 10), name="BANCOS, Factura mal cargada"
        )

    def test_same_subject_of_the_same_company_is_flagged(self):
        ticket = self.create_ticket(
            self.utc(2026, 11, 19, 11),
            name="  re: bancos, factura MAL cargada ",
            partner_id=self.colleague.id,
        )
        self.assertEqual(ticket.probable_duplicate_id, self.original)

    def test_same_category_is_flagged(self):
        category = self.env["helpdesk.ticket.category"].create({"name": "Bancos"})
        self.original.category_id = category
        ticket = self.create_ticket(
            self.utc(2026, 11, 19, 11), name="Otra cosa", category_id=category.id
        )
        self.assertEqual(ticket.probable_duplicate_id, self.original)

    def test_other_client_or_closed_case_is_not_flagged(self):
        other = self.env["res.partner"].create({"name": "Otra Empresa C.A."})
        ticket = self.create_ticket(
            self.utc(2026, 11, 19, 11),
            name="BANCOS, Factura mal cargada",
            partner_id=other.id,
        )
        self.assertFalse(ticket.probable_duplicate_id)
        self.original.stage_id = self.stage_done
        ticket = self.create_ticket(
            self.utc(2026, 11, 19, 12), name="BANCOS, Factura mal cargada"
        )
        self.assertFalse(ticket.probable_duplicate_id)

    def test_like_wildcards_are_plain_text(self):
        ticket = self.create_ticket(self.utc(2026, 11, 19, 11), name="BANCOS%")
        self.assertFalse(ticket.probable_duplicate_id)

    def test_batch_flags_each_ticket_to_its_oldest_open_case(self):
        """Tickets created together are each compared with the tickets
        older than itself, those of the same batch included."""
        other = self.env["res.partner"].create({"name": "Otra Empresa C.A."})
        values = {
            "description": "<p>Detalle.</p>",
            "team_id": self.team.id,
            "sla_start_date": self.utc(2026, 11, 19, 11),
        }
        first, second, alone, elsewhere = self.env["helpdesk.ticket"].create(
            [
                dict(values, name="Nómina no cuadra", partner_id=self.customer.id),
                dict(values, name="NÓMINA no cuadra", partner_id=self.colleague.id),
                dict(values, name="Otra consulta", partner_id=self.customer.id),
                dict(values, name="Nómina no cuadra", partner_id=other.id),
            ]
        )
        self.assertFalse(first.probable_duplicate_id)
        self.assertEqual(second.probable_duplicate_id, first)
        self.assertFalse(alone.probable_duplicate_id)
        self.assertFalse(elsewhere.probable_duplicate_id)

    def test_search_stops_at_the_oldest_ticket_of_the_client(self):
        """The index is in the order of the search: the client's oldest
        matching ticket is found without sorting all of them."""
        self.env.cr.execute(
            "SELECT indexname, indexdef FROM pg_indexes "
            "WHERE tablename = 'helpdesk_ticket' AND indexname LIKE %s",
            ["%commercial_partner_id%"],
        )
        indexes = dict(self.env.cr.fetchall())
        self.assertRegex(
            indexes.get("helpdesk_ticket__commercial_partner_id_id_index", ""),
            r"\(commercial_partner_id, id\)",
        )
        self.assertNotIn("helpdesk_ticket__commercial_partner_id_index", indexes)

    def test_dismiss(self):
        ticket = self.create_ticket(
            self.utc(2026, 11, 19, 11), name="BANCOS, Factura mal cargada"
        )
        ticket.action_autoclose_dismiss_duplicate()
        self.assertFalse(ticket.probable_duplicate_id)
        self.assertIn(self.original.number, ticket.message_ids[0].body)

    def test_merge_into_the_open_case(self):
        ticket = self.create_ticket(
            self.utc(2026, 11, 19, 11), name="BANCOS, Factura mal cargada"
        )
        # As if a wallet or a plan had covered it: merging gives it back.
        ticket.sudo().entitlement_state = "claimed"
        action = ticket.action_autoclose_merge_duplicate()
        self.assertEqual(action["res_model"], "helpdesk.ticket.merge")
        wizard = Form(
            self.env["helpdesk.ticket.merge"].with_context(**action["context"])
        ).save()
        self.assertEqual(wizard.dst_ticket_id, self.original)
        wizard.merge_tickets()
        self.assertFalse(ticket.active)
        self.assertEqual(ticket.entitlement_state, "released")
        self.assertFalse(ticket.probable_duplicate_id)
        self.assertTrue(self.original.active)
