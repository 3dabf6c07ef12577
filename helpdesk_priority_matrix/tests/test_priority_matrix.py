from odoo.tests import tagged

from .common import SlaCommon
from .translation_common import load_spanish


@tagged("post_install", "-at_install")
class TestPriorityMatrix(SlaCommon):
    def test_shipped_matrix_reproduces_p1_to_p5(self):
        expected = {
            ("high", "high"): "P1",
            ("medium", "high"): "P2",
            ("low", "high"): "P3",
            ("high", "medium"): "P2",
            ("medium", "medium"): "P3",
            ("low", "medium"): "P4",
            ("high", "low"): "P3",
            ("medium", "low"): "P4",
            ("low", "low"): "P5",
        }
        for (impact, urgency), code in expected.items():
            with self.subTest(impact=impact, urgency=urgency):
                level = self.matrix._level_for(
                    self.env["helpdesk.ticket.team"], self.company, impact, urgency
                )
                self.assertEqual(level.code, code)

    def test_ticket_gets_level_and_stars_from_matrix(self):
        ticket = self.create_ticket(self.utc(2026, 11, 23, 9), "medium", "high")
        self.assertEqual(ticket.priority_level_id, self.levels["p2"])
        self.assertEqual(ticket.priority, "2")
        self.assertFalse(ticket.priority_level_overridden)
        ticket.urgency = "low"
        self.assertEqual(ticket.priority_level_id, self.levels["p4"])
        self.assertEqual(ticket.priority, "0")

    def test_agent_override_is_kept_and_tracked(self):
        ticket = self.create_ticket(self.utc(2026, 11, 23, 9), "low", "low")
        self.assertEqual(ticket.priority_level_id, self.levels["p5"])
        ticket.priority_level_id = self.levels["p2"]
        self.flush_tracking()
        self.assertTrue(ticket.priority_level_overridden)
        self.assertEqual(ticket.matrix_priority_level_id, self.levels["p5"])
        tracked = ticket.message_ids.tracking_value_ids.filtered(
            lambda v: v.field_id.name == "priority_level_id"
        )
        self.assertTrue(tracked, "the override must appear in the chatter")
        self.assertIn("set by an agent", ticket.sla_explanation)

    def test_team_matrix_overrides_company_matrix(self):
        cells = [
            (0, 0, {"impact": i, "urgency": u, "level_id": self.levels["p1"].id})
            for i in ("high", "medium", "low")
            for u in ("high", "medium", "low")
        ]
        self.env["helpdesk.priority.matrix"].create(
            {"name": "Everything is P1", "team_id": self.team.id, "cell_ids": cells}
        )
        ticket = self.create_ticket(self.utc(2026, 11, 23, 9), "low", "low")
        self.assertEqual(ticket.priority_level_id, self.levels["p1"])

    def test_category_proposes_impact_and_urgency(self):
        critical = self.env.ref(
            "helpdesk_priority_matrix.category_critical_01_pac_dgi_down",
            raise_if_not_found=False,
        ) or self.env["helpdesk.ticket.category"].search(
            [("criticality", "=", "critical")], limit=1
        )
        self.assertEqual(critical.criticality, "critical")
        ticket = self.env["helpdesk.ticket"].create(
            {
                "name": "Caída del timbrado",
                "description": "<p>El PAC no responde.</p>",
                "category_id": critical.id,
            }
        )
        self.assertEqual((ticket.impact, ticket.urgency), ("high", "high"))
        self.assertEqual(ticket.priority_level_id, self.levels["p1"])

    def test_category_without_defaults_takes_the_team_default(self):
        self.team.write({"default_impact": "low", "default_urgency": "high"})
        generic = self.env["helpdesk.ticket.category"].create({"name": "Wifi"})
        ticket = self.env["helpdesk.ticket"].create(
            {
                "name": "Sin wifi",
                "description": "<p>No conecta.</p>",
                "team_id": self.team.id,
                "category_id": generic.id,
            }
        )
        self.assertEqual((ticket.impact, ticket.urgency), ("low", "high"))
        # Another category without defaults puts the team's back, whatever
        # the agent had set for the previous case.
        ticket.impact = "high"
        ticket.category_id = self.env["helpdesk.ticket.category"].create(
            {"name": "Impresora"}
        )
        self.assertEqual((ticket.impact, ticket.urgency), ("low", "high"))

    def test_changed_category_defaults_apply_to_the_next_ticket(self):
        category = self.env["helpdesk.ticket.category"].create(
            {"name": "Nómina", "default_impact": "low", "default_urgency": "low"}
        )
        values = {"name": "Nómina", "description": "<p>x</p>", "team_id": self.team.id}
        first = self.env["helpdesk.ticket"].create(
            dict(values, category_id=category.id)
        )
        self.assertEqual((first.impact, first.urgency), ("low", "low"))
        category.write({"default_impact": "high", "default_urgency": "high"})
        second = self.env["helpdesk.ticket"].create(
            dict(values, category_id=category.id)
        )
        self.assertEqual((second.impact, second.urgency), ("high", "high"))
        self.assertEqual(second.priority_level_id, self.levels["p1"])

    def test_changed_level_stars_and_alert_apply_to_the_next_ticket(self):
        p5 = self.levels["p5"]
        p5.write({"ticket_priority": "3", "alert_team_leader": True})
        ticket = self.create_ticket(self.utc(2026, 11, 23, 9), "low", "low")
        self.assertEqual(ticket.priority_level_id, p5)
        self.assertEqual(ticket.priority, "3")
        self.assertEqual(ticket.activity_ids.user_id, self.leader)

    def test_catalog_is_complete(self):
        categories = self.env["helpdesk.ticket.category"].with_context(
            active_test=False
        )
        critical = categories.search([("criticality", "=", "critical")])
        non_critical = categories.search([("criticality", "=", "non_critical")])
        self.assertGreaterEqual(len(critical), 51)
        self.assertGreaterEqual(len(non_critical), 24)
        self.assertEqual(len(critical.functional_area_id), 12)
        load_spanish(self.env, "helpdesk_priority_matrix")
        pac = self.env.ref(
            "helpdesk_priority_matrix.category_critical_01_pac_dgi_down"
        ).with_context(lang="es_ES")
        self.assertEqual(pac.name, "Caída del servicio de timbrado PAC/DGI")
        self.assertEqual(
            pac.functional_area_id.name, "Facturación Electrónica / Localización"
        )

    def test_incomplete_matrix_is_refused(self):
        before = self.env["helpdesk.priority.matrix"].search_count([])
        with self.assertRefused("incomplete"):
            self.env["helpdesk.priority.matrix"].create(
                {
                    "name": "Half a matrix",
                    "team_id": self.team.id,
                    "cell_ids": [
                        (
                            0,
                            0,
                            {
                                "impact": "high",
                                "urgency": "high",
                                "level_id": self.levels["p1"].id,
                            },
                        )
                    ],
                }
            )
        self.assertEqual(self.env["helpdesk.priority.matrix"].search_count([]), before)

    def test_removing_a_cell_is_refused(self):
        cell = self.matrix.cell_ids[:1]
        with self.assertRefused("incomplete"):
            self.matrix.write({"cell_ids": [(2, cell.id)]})

    def test_new_company_gets_a_complete_matrix(self):
        company = self.env["res.company"].create({"name": "Sisnova S.A."})
        matrix = self.env["helpdesk.priority.matrix"]._for_team(
            self.env["helpdesk.ticket.team"], company
        )
        self.assertEqual(len(matrix.cell_ids), 9)
        level = matrix._level_for(
            self.env["helpdesk.ticket.team"], company, "high", "high"
        )
        self.assertEqual(level, self.levels["p1"])

    def test_override_survives_team_category_and_impact_changes(self):
        ticket = self.create_ticket(self.utc(2026, 11, 23, 9), "low", "low")
        ticket.priority_level_id = self.levels["p2"]
        self.assertTrue(ticket.priority_level_manual)
        other_team = self.env["helpdesk.ticket.team"].create({"name": "Nivel 2"})
        category = self.env["helpdesk.ticket.category"].search(
            [("default_impact", "=", "high")], limit=1
        )
        ticket.write({"team_id": other_team.id})
        ticket.write({"category_id": category.id})
        ticket.write({"impact": "medium", "urgency": "medium"})
        self.assertEqual(ticket.priority_level_id, self.levels["p2"])
        self.assertTrue(ticket.priority_level_overridden)

    def test_override_resubmitted_by_the_form_stays_an_override(self):
        # The form sends the level again with every other change.
        ticket = self.create_ticket(self.utc(2026, 11, 23, 9), "low", "low")
        ticket.priority_level_id = self.levels["p2"]
        ticket.write({"impact": "high", "priority_level_id": self.levels["p2"].id})
        self.assertEqual(ticket.priority_level_id, self.levels["p2"])
        self.assertTrue(ticket.priority_level_manual)

    def test_choosing_the_matrix_level_is_not_an_override(self):
        ticket = self.create_ticket(self.utc(2026, 11, 23, 9), "low", "low")
        ticket.write({"impact": "high", "priority_level_id": self.levels["p3"].id})
        self.assertFalse(ticket.priority_level_manual)
        ticket.urgency = "high"
        self.assertEqual(ticket.priority_level_id, self.levels["p1"])

    def test_clearing_the_override_gives_back_the_matrix_level(self):
        ticket = self.create_ticket(self.utc(2026, 11, 23, 9), "low", "low")
        ticket.priority_level_id = self.levels["p2"]
        deadline = ticket.sla_response_deadline
        ticket.priority_level_id = False
        self.assertEqual(ticket.priority_level_id, self.levels["p5"])
        self.assertFalse(ticket.priority_level_manual)
        self.assertTrue(ticket.sla_response_deadline)
        self.assertNotEqual(ticket.sla_response_deadline, deadline)

    def test_matrix_is_not_symmetric(self):
        high_low = self.create_ticket(self.utc(2026, 11, 23, 9), "high", "low")
        low_high = self.create_ticket(self.utc(2026, 11, 23, 9), "low", "high")
        self.assertEqual(high_low.priority_level_id, self.levels["p3"])
        self.assertEqual(low_high.priority_level_id, self.levels["p3"])
        cell = self.matrix.cell_ids.filtered(
            lambda c: c.impact == "high" and c.urgency == "low"
        )
        cell.level_id = self.levels["p4"]
        self.assertEqual(
            self.create_ticket(
                self.utc(2026, 11, 23, 9), "high", "low"
            ).priority_level_id,
            self.levels["p4"],
        )
        self.assertEqual(
            self.create_ticket(
                self.utc(2026, 11, 23, 9), "low", "high"
            ).priority_level_id,
            self.levels["p3"],
        )
