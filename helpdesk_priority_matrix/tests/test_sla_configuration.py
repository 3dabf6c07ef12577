import re

import psycopg2.errors

from odoo.exceptions import UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from ..hooks import _localize_shipped_calendars
from .common import SlaCommon
from .translation_common import load_spanish


@tagged("post_install", "-at_install")
class TestSlaConfiguration(SlaCommon):
    def _policy_vals(self, **line):
        values = {
            "level_id": self.levels["p1"].id,
            "response_target": 3,
            "resolution_target": 12,
        }
        values.update(line)
        return {
            "name": "Premium",
            "calendar_id": self.env.ref("helpdesk_priority_matrix.calendar_8x5").id,
            "resolution_cap_factor": 4,
            "line_ids": [(0, 0, values)],
        }

    def assertPolicyRefused(self, message, vals):
        policies = self.env["helpdesk.sla.policy"]
        before = policies.search_count([])
        with self.assertRefused(message):
            policies.create(vals)
        self.assertEqual(policies.search_count([]), before)

    def test_valid_policy_at_its_cap(self):
        policy = self.env["helpdesk.sla.policy"].create(self._policy_vals())
        self.assertEqual(policy._get_line(self.levels["p1"]).resolution_target, 12)

    def test_zero_target_is_refused(self):
        self.assertPolicyRefused(
            "greater than zero", self._policy_vals(response_target=0)
        )

    def test_negative_target_is_refused(self):
        self.assertPolicyRefused(
            "greater than zero", self._policy_vals(resolution_target=-4)
        )

    def test_policy_without_calendar_is_refused(self):
        vals = self._policy_vals()
        vals["calendar_id"] = False
        self.assertPolicyRefused("needs working hours", vals)

    def test_resolution_cap_counts_business_days_in_hours(self):
        # 8x5 of 002 averages 7.6 hours a day: 12 h are 1.58 days.
        hours_per_day = self.env.ref(
            "helpdesk_priority_matrix.calendar_8x5"
        ).hours_per_day
        self.assertLess(hours_per_day * 2, 24)
        self.assertGreater(hours_per_day * 2, 12)
        self.assertPolicyRefused(
            "exceeds its cap",
            self._policy_vals(resolution_target=2, resolution_unit="days"),
        )
        policy = self.env["helpdesk.sla.policy"].create(
            self._policy_vals(
                response_target=1,
                response_unit="days",
                resolution_target=4,
                resolution_unit="days",
            )
        )
        self.assertEqual(policy.line_ids.resolution_target, 4)

    def test_resolution_above_cap_is_refused(self):
        self.assertPolicyRefused(
            "exceeds its cap", self._policy_vals(resolution_target=13)
        )

    def test_lowering_the_cap_below_a_line_is_refused(self):
        policy = self.env["helpdesk.sla.policy"].create(self._policy_vals())
        with self.assertRefused("exceeds its cap"):
            policy.resolution_cap_factor = 3
        self.assertEqual(policy.resolution_cap_factor, 4)

    def test_business_days_must_be_whole(self):
        self.assertPolicyRefused(
            "whole business days",
            self._policy_vals(resolution_target=1.5, resolution_unit="days"),
        )

    def test_error_is_translated(self):
        load_spanish(self.env, "helpdesk_priority_matrix")
        policies = self.env["helpdesk.sla.policy"].with_context(lang="es_ES")
        with self.assertRefused("mayor que cero"):
            policies.create(self._policy_vals(response_target=0))

    def test_shipped_policies_respect_seed_targets(self):
        line = self.policy._get_line(self.levels["p4"])
        self.assertEqual(
            (line.response_target, line.resolution_target, line.resolution_unit),
            (4, 3, "days"),
        )
        p1 = self.policy._get_line(self.levels["p1"])
        self.assertEqual((p1.response_target, p1.resolution_target), (0.5, 6))

    def test_policy_created_without_calendar_key_is_refused(self):
        # What an RPC call or an import that skips the form sends.
        vals = self._policy_vals()
        del vals["calendar_id"]
        self.assertPolicyRefused("needs working hours", vals)

    def test_calendar_of_a_policy_cannot_be_deleted(self):
        calendar = self.calendar.copy({"name": "Horario en uso"})
        self.policy.calendar_id = calendar
        with self.assertRaisesRegex(UserError, re.escape(self.policy.name)):
            calendar.unlink()
        self.assertTrue(calendar.exists())
        self.assertEqual(self.policy.calendar_id, calendar)

    def test_unused_calendar_can_be_deleted(self):
        calendar = self.calendar.copy({"name": "Horario sin uso"})
        calendar.unlink()
        self.assertFalse(calendar.exists())

    def test_second_company_matrix_is_refused(self):
        matrices = self.env["helpdesk.priority.matrix"]
        before = matrices.search_count([("company_id", "=", self.company.id)])
        with self.assertRefused("already has a priority matrix"):
            self.matrix.copy({"name": "Otra matriz"})
        self.assertEqual(
            matrices.search_count([("company_id", "=", self.company.id)]), before
        )

    def test_second_company_matrix_is_refused_by_the_database_too(self):
        with (
            self.assertRaises(psycopg2.errors.UniqueViolation),
            mute_logger("odoo.sql_db"),
        ):
            with self.env.cr.savepoint():
                self.env.cr.execute(
                    "INSERT INTO helpdesk_priority_matrix "
                    "(name, company_id, active) VALUES ('{}', %s, true)",
                    [self.company.id],
                )

    def test_team_matrix_next_to_the_company_matrix_is_accepted(self):
        team_matrix = self.matrix.copy({"name": "Equipo", "team_id": self.team.id})
        self.assertEqual(
            self.env["helpdesk.priority.matrix"]._for_team(self.team, self.company),
            team_matrix,
        )

    def test_settings_warn_while_a_policy_calendar_is_in_utc(self):
        settings = self.env["res.config.settings"].create({})
        self.assertFalse(settings.helpdesk_sla_utc_calendars)
        self.calendar.tz = "UTC"
        settings = self.env["res.config.settings"].create({})
        self.assertIn(self.calendar.name, settings.helpdesk_sla_utc_calendars)

    def test_installation_gives_shipped_calendars_the_company_time_zone(self):
        calendar = self.env.ref("helpdesk_priority_matrix.calendar_12x5")
        calendar.tz = "UTC"
        self.company.resource_calendar_id.tz = "America/Guatemala"
        _localize_shipped_calendars(self.env)
        self.assertEqual(calendar.tz, "America/Guatemala")

    def test_company_time_zone_falls_back_to_its_country(self):
        company = self.env["res.company"].create(
            {"name": "Soporte Panamá S.A.", "country_id": self.env.ref("base.pa").id}
        )
        company.resource_calendar_id.tz = "UTC"
        company.partner_id.tz = False
        self.env.user.tz = False
        self.assertEqual(company._helpdesk_timezone(), "America/Panama")
