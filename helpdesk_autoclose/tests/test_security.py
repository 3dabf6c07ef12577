from psycopg2.errors import UniqueViolation

from odoo.exceptions import AccessError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import AutocloseCommon


@tagged("post_install", "-at_install")
class TestSecurity(AutocloseCommon):
    def setUp(self):
        super().setUp()
        self.portal = self.env["res.users"].create(
            {
                "name": "Cliente Portal",
                "login": "autoclose_portal",
                "partner_id": self.customer.id,
                "groups_id": [(6, 0, self.env.ref("base.group_portal").ids)],
            }
        )
        self.other_company = self.env["res.company"].create({"name": "Otra S.A."})

    def test_agents_read_rules_managers_change_them(self):
        self.assertEqual(self.rule.with_user(self.agent).close_days, 2)
        with self.assertRaises(AccessError):
            self.rule.with_user(self.agent).close_days = 5
        self.rule.with_user(self.leader).close_days = 3
        self.assertEqual(self.rule.close_days, 3)

    def test_portal_users_cannot_read_rules(self):
        with self.assertRaises(AccessError):
            self.rule.with_user(self.portal).read(["close_days"])

    def test_rules_of_another_company_are_hidden(self):
        other_rule = self.env["helpdesk.autoclose.rule"].create(
            {
                "name": "Otra compañía",
                "company_id": self.other_company.id,
                "answered_stage_id": self.stage_progress.id,
                "close_stage_id": self.stage_no_answer.id,
            }
        )
        visible = self.env["helpdesk.autoclose.rule"].with_user(self.leader).search([])
        self.assertIn(self.rule, visible)
        self.assertNotIn(other_rule, visible)

    def test_one_rule_per_team_and_company(self):
        with (
            self.assertRaises(UniqueViolation),
            mute_logger("odoo.sql_db"),
            self.env.cr.savepoint(),
        ):
            self.env["helpdesk.autoclose.rule"].create(
                {
                    "name": "Otra regla por defecto",
                    "answered_stage_id": self.stage_progress.id,
                    "close_stage_id": self.stage_no_answer.id,
                }
            )

    def test_validation_token_is_hidden_from_agents(self):
        self.assertNotIn(
            "autoclose_validation_token",
            self.env["helpdesk.ticket"].with_user(self.agent).fields_get(),
        )

    def test_agents_open_the_ticket_form_with_the_follow_up(self):
        views = (
            self.env["helpdesk.ticket"]
            .with_user(self.agent)
            .get_views([(False, "form")])
        )
        arch = views["views"]["form"]["arch"]
        self.assertIn("action_autoclose_merge_duplicate", arch)
        self.assertIn("autoclose_close_due", arch)
        ticket = self.create_ticket(self.utc(2026, 11, 19, 10))
        ticket.with_user(self.agent).read(
            ["autoclose_close_due", "probable_duplicate_id", "rating_last_value"]
        )

    def test_managers_open_the_rule_form(self):
        views = (
            self.env["helpdesk.autoclose.rule"]
            .with_user(self.leader)
            .get_views([(False, "form"), (False, "list")])
        )
        self.assertIn("reply_after_close", views["views"]["form"]["arch"])
