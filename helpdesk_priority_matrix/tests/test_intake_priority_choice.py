from odoo.tests import tagged

from .common import SlaCommon


@tagged("post_install", "-at_install")
class TestIntakePriorityChoice(SlaCommon):
    """Who decides the priority of a client's ticket, per team (001, 003),
    and the cap of non-critical cases (004)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.tickets = cls.env["helpdesk.ticket"]
        cls.critical = cls.env["helpdesk.ticket.category"].search(
            [("criticality", "=", "critical")], limit=1
        )
        cls.non_critical = cls.env["helpdesk.ticket.category"].search(
            [("criticality", "=", "non_critical")], limit=1
        )

    def _choice(self, category=None, **choice):
        return self.tickets._priority_client_choice(
            self.team,
            self.company,
            category or self.env["helpdesk.ticket.category"],
            choice,
        )

    def _level(self, vals):
        return self.env["helpdesk.priority.matrix"]._level_for(
            self.team, self.company, vals["impact"], vals["urgency"]
        )

    def test_client_proposes_impact_and_urgency(self):
        vals = self._choice(impact="medium", urgency="high")
        self.assertEqual(vals, {"impact": "medium", "urgency": "high"})

    def test_client_picks_a_level_expressed_by_the_matrix(self):
        self.team.priority_decided_by = "client_level"
        for code in ("p1", "p2", "p3", "p4", "p5"):
            with self.subTest(code=code):
                vals = self._choice(level=self.levels[code])
                self.assertEqual(self._level(vals), self.levels[code])
        self.assertEqual(self._choice(impact="high", urgency="high"), {})

    def test_agent_alone_ignores_the_clients_choice(self):
        self.team.priority_decided_by = "agent"
        self.assertEqual(self._choice(impact="high", urgency="high"), {})
        self.assertEqual(self._choice(level=self.levels["p1"]), {})

    def test_non_critical_case_is_capped(self):
        self.team.client_priority_cap_id = self.levels["p3"]
        vals = self._choice(self.non_critical, impact="high", urgency="high")
        self.assertEqual(vals, {"impact": "high", "urgency": "low"})
        self.assertEqual(self._level(vals), self.levels["p3"])
        self.team.priority_decided_by = "client_level"
        vals = self._choice(self.non_critical, level=self.levels["p1"])
        self.assertEqual(self._level(vals), self.levels["p3"])

    def test_critical_case_is_not_capped(self):
        self.team.client_priority_cap_id = self.levels["p3"]
        vals = self._choice(self.critical, impact="high", urgency="high")
        self.assertEqual(self._level(vals), self.levels["p1"])

    def test_case_within_the_cap_is_kept(self):
        self.team.client_priority_cap_id = self.levels["p3"]
        vals = self._choice(self.non_critical, impact="low", urgency="medium")
        self.assertEqual(vals, {"impact": "low", "urgency": "medium"})

    def test_agent_can_raise_a_capped_ticket(self):
        self.team.client_priority_cap_id = self.levels["p3"]
        ticket = self.create_ticket(
            self.utc(2026, 11, 23, 9, 0),
            category_id=self.non_critical.id,
            **self._choice(self.non_critical, impact="high", urgency="high"),
        )
        self.assertEqual(ticket.priority_level_id, self.levels["p3"])
        ticket.with_user(self.agent).priority_level_id = self.levels["p1"]
        self.assertEqual(ticket.priority_level_id, self.levels["p1"])
        self.assertTrue(ticket.priority_level_manual)
