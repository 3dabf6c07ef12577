from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestAgentHttp(HttpCase):
    """What an agent sees and does in the backend, through the web client's
    own calls: a click on the kanban stars, the Paused badge, the dashboard."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.helpdesk_sla_policy_id = cls.env.ref(
            "helpdesk_priority_matrix.sla_policy_standard"
        )
        cls.agent = new_test_user(
            cls.env,
            login="agente_http",
            password="agente_http",
            groups="helpdesk_mgmt.group_helpdesk_user",
            name="Andrés Agente",
        )
        cls.team = cls.env["helpdesk.ticket.team"].create(
            {"name": "Soporte Istmo", "user_ids": [(6, 0, cls.agent.ids)]}
        )
        cls.ticket = cls.env["helpdesk.ticket"].create(
            {
                "name": "Ajuste de plantilla de cotización",
                "description": "<p>Cambiar el pie de página.</p>",
                "team_id": cls.team.id,
                "impact": "low",
                "urgency": "low",
            }
        )
        cls.p1 = cls.env.ref("helpdesk_priority_matrix.priority_level_p1")

    def _call(self, model, method, *args, **kwargs):
        self.env.flush_all()
        result = self.make_jsonrpc_request(
            f"/web/dataset/call_kw/{model}/{method}",
            {"model": model, "method": method, "args": list(args), "kwargs": kwargs},
        )
        self.env.invalidate_all()
        return result

    def test_click_on_the_stars_sets_the_level(self):
        self.authenticate("agente_http", "agente_http")
        self.assertNotEqual(self.ticket.priority_level_id, self.p1)
        self._call(
            "helpdesk.ticket",
            "web_save",
            [self.ticket.id],
            {"priority": "3"},
            specification={"priority": {}, "priority_level_id": {}},
        )
        self.assertEqual(self.ticket.priority_level_id, self.p1)
        self.assertEqual(self.ticket.priority, "3")

    def test_paused_badge_and_high_priority_count(self):
        self.ticket.stage_id = self.env.ref(
            "helpdesk_mgmt.helpdesk_ticket_stage_awaiting"
        )
        self.env["helpdesk.ticket"].create(
            {
                "name": "Caja bloqueada",
                "description": "<p>No podemos cobrar.</p>",
                "team_id": self.team.id,
                "impact": "high",
                "urgency": "high",
            }
        )
        self.authenticate("agente_http", "agente_http")
        [ticket] = self._call(
            "helpdesk.ticket",
            "web_read",
            [self.ticket.id],
            specification={"sla_clock_state": {}, "closed": {}},
        )
        self.assertEqual(ticket["sla_clock_state"], "paused")
        [team] = self._call(
            "helpdesk.ticket.team",
            "web_read",
            [self.team.id],
            specification={"todo_ticket_count_high_priority": {}},
        )
        self.assertEqual(team["todo_ticket_count_high_priority"], 1)
