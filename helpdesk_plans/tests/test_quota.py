from datetime import date

from odoo.tests import tagged

from odoo.addons.helpdesk_priority_matrix.tests.translation_common import load_spanish

from .common import PlanCommon


@tagged("post_install", "-at_install")
class TestQuota(PlanCommon):
    def test_sixth_ticket_of_a_five_ticket_period_is_uncovered(self):
        subscription = self.subscribe()
        tickets = [self.open_ticket(date(2026, 7, day)) for day in (2, 3, 6, 7, 8)]
        for ticket in tickets:
            self.assertCoveredByPlan(ticket)
            self.assertEqual(ticket.sla_policy_id, self.policy)
            self.assertEqual(ticket.plan_subscription_id, subscription)
        with self.at(date(2026, 7, 9)):
            self.assertEqual(subscription.tickets_used, 5)
            self.assertEqual(subscription.tickets_remaining, 0)
        sixth = self.open_ticket(date(2026, 7, 9))
        self.assertUncovered(sixth, "5 tickets of your Básico plan .* are used up")
        self.assertRegex(sixth.entitlement_message, "/my/plan")
        self.assertEqual(sixth.description, "<p>No podemos emitir facturas.</p>")
        self.assertFalse(sixth.plan_consumption_ids)
        notice = sixth.message_ids.filtered(lambda m: "are used up" in (m.body or ""))
        self.assertTrue(notice, "the client must be told why")
        activity = sixth.activity_ids.filtered(lambda a: a.user_id == self.salesperson)
        self.assertEqual(activity.summary, "Offer a support plan")

    def test_period_change_gives_the_quota_back_without_rollover(self):
        subscription = self.subscribe()
        for day in (3, 4):
            self.assertCoveredByPlan(self.open_ticket(date(2026, 7, day)))
        with self.at(date(2026, 8, 1)):
            self.assertEqual(subscription.period_start, date(2026, 8, 1))
            self.assertEqual(subscription.period_end, date(2026, 8, 31))
            self.assertEqual(subscription.tickets_used, 0)
            # Three unused tickets of July are not carried over.
            self.assertEqual(subscription.tickets_remaining, 5)
        august = [self.open_ticket(date(2026, 8, 1 + day)) for day in range(5)]
        for ticket in august:
            self.assertCoveredByPlan(ticket)
        self.assertEqual(
            set(august[0].plan_consumption_ids.mapped("period_start")),
            {date(2026, 8, 1)},
        )
        self.assertUncovered(self.open_ticket(date(2026, 8, 20)), "used up")

    def test_quota_resets_even_when_the_renewal_cron_ran_late(self):
        subscription = self.subscribe()
        for day in range(2, 7):
            self.open_ticket(date(2026, 7, day))
        # No cron ran since July: the contract still ends on 31 July.
        self.assertEqual(subscription.date_end, date(2026, 7, 31))
        ticket = self.open_ticket(date(2026, 9, 3))
        self.assertCoveredByPlan(ticket)
        self.assertEqual(ticket.plan_consumption_ids.period_start, date(2026, 9, 1))

    def test_billing_question_without_plan_is_served(self):
        ticket = self.open_ticket(date(2026, 7, 15), category_id=self.billing.id)
        self.assertTrue(ticket.is_covered)
        self.assertEqual(ticket.entitlement_source, "policy")
        self.assertFalse(ticket.entitlement_state)

    def test_billing_question_does_not_consume_the_quota(self):
        subscription = self.subscribe()
        ticket = self.open_ticket(date(2026, 7, 15), category_id=self.billing.id)
        self.assertEqual(ticket.entitlement_source, "policy")
        with self.at(date(2026, 7, 15)):
            self.assertEqual(subscription.tickets_used, 0)

    def test_no_plan_after_the_required_date_is_uncovered(self):
        ticket = self.open_ticket(date(2026, 7, 2))
        self.assertUncovered(ticket, "active support plan")
        self.assertTrue(ticket.exists())

    def test_before_the_required_date_clients_keep_the_service_policy(self):
        ticket = self.open_ticket(date(2026, 6, 29))
        self.assertTrue(ticket.is_covered)
        self.assertEqual(ticket.entitlement_source, "policy")

    def test_category_outside_the_plan_is_uncovered_with_the_reason(self):
        self.subscribe()
        ticket = self.open_ticket(date(2026, 7, 2), category_id=self.training.id)
        self.assertUncovered(
            ticket, "Capacitaciones is not included in your Básico plan.*Avanzado"
        )

    def test_larger_plan_includes_the_special_category(self):
        self.subscribe(plan=self.plan_advanced)
        ticket = self.open_ticket(date(2026, 7, 2), category_id=self.training.id)
        self.assertCoveredByPlan(ticket)

    def test_released_ticket_gives_its_quota_back(self):
        subscription = self.subscribe()
        ticket = self.open_ticket(date(2026, 7, 2))
        ticket._entitlement_release()
        self.assertEqual(ticket.entitlement_state, "released")
        self.assertTrue(ticket.plan_consumption_ids.released)
        ticket._entitlement_release()
        self.assertEqual(len(ticket.plan_consumption_ids), 1)
        with self.at(date(2026, 7, 2)):
            self.assertEqual(subscription.tickets_used, 0)

    def test_resaving_a_ticket_does_not_consume_twice(self):
        subscription = self.subscribe()
        ticket = self.open_ticket(date(2026, 7, 2))
        other_team = self.team.copy({"name": "Otro equipo"})
        with self.at(date(2026, 7, 3)):
            ticket.write({"team_id": other_team.id})
            ticket.write({"stage_id": self.stage_progress.id})
            self.assertEqual(subscription.tickets_used, 1)

    def test_other_company_contacts_are_not_covered_by_the_plan(self):
        self.subscribe()
        stranger = self.env["res.partner"].create({"name": "Otra Empresa S.A."})
        ticket = self.open_ticket(date(2026, 7, 2), partner=stranger)
        self.assertUncovered(ticket, "active support plan")

    def test_a_plan_of_another_company_does_not_cover(self):
        other_company = self.env["res.company"].create({"name": "Sisnova Honduras"})
        self.env.user.company_ids |= other_company
        self.plan.company_id = False
        self.subscribe(company_id=other_company.id)
        ticket = self.open_ticket(date(2026, 7, 2))
        self.assertUncovered(ticket, "active support plan")
        agent_view = self.env["helpdesk.plan.subscription"].with_user(self.agent)
        self.assertFalse(agent_view.search([("partner_id", "=", self.customer.id)]))

    def test_spanish_client_reads_its_coverage_in_spanish(self):
        """An English-speaking agent opens the tickets of a Spanish client:
        what the client is told of the plan is in Spanish, the agents' copy
        in the agent's language."""
        load_spanish(self.env, "helpdesk_priority_matrix", "helpdesk_plans")
        self.contact.lang = "es_ES"
        self.subscribe()
        english = self.env(context=dict(self.env.context, lang="en_US"))
        self.env = english
        first = self.open_ticket(date(2026, 7, 2))
        self.assertEqual(first.entitlement_message, "Covered by your Básico plan.")
        self.assertEqual(
            first.with_context(lang="es_ES")._entitlement_client_message(),
            "Cubierto por su plan Básico.",
        )
        for _index in range(4):
            self.open_ticket(date(2026, 7, 2))
        sixth = self.open_ticket(date(2026, 7, 3))
        notice = sixth.message_ids.filtered(lambda m: "agotados" in (m.body or ""))
        self.assertEqual(len(notice), 1)
        self.assertIn(
            "Los 5 tickets de su plan Básico para el periodo que termina el "
            "31/07/2026 están agotados",
            str(notice.body),
        )
        self.assertNotIn("used up", notice.body)
