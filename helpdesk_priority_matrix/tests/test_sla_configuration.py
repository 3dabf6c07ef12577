from odoo.tests import tagged

from .common import SlaCommon


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
        self.env["res.lang"]._activate_lang("es_ES")
        self.env["ir.module.module"]._load_module_terms(
            ["helpdesk_priority_matrix"], ["es_ES"], overwrite=True
        )
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
