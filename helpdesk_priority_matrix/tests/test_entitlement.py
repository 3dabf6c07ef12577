from contextlib import ExitStack, contextmanager
from unittest.mock import patch

import psycopg2.errors

from odoo.tests import tagged

from odoo.addons.helpdesk_priority_matrix.tools.entitlement import Candidate

from .common import SlaCommon


class FakeWallet:
    """A module selling coverage, as the chain sees it: a candidate that
    consumes, a claim that may run out, a release that gives back.

    It extends the ticket's three chain methods the way a module does,
    calling the original (``super()``) for everything that is not its own.
    """

    def __init__(self, ticket_class, balances, sequence=20, policy=None):
        self.ticket_class = ticket_class
        self.balances = balances
        self.sequence = sequence
        self.policy = policy
        self.claims = []
        self.releases = []

    def candidates(self, original):
        fake = self

        def _entitlement_candidates(ticket):
            candidates = original(ticket)
            partner = ticket.partner_id.commercial_partner_id
            if partner.id in fake.balances:
                candidates.append(
                    Candidate(
                        source="policy",
                        sequence=fake.sequence,
                        sla_policy=fake.policy,
                        message="Covered by the fake wallet.",
                        consumes=True,
                        reference=partner.id,
                        refusal="The fake wallet is empty.",
                    )
                )
            return candidates

        return _entitlement_candidates

    def claim(self, original):
        fake = self

        def _entitlement_claim(ticket, candidate):
            if candidate.reference is None:
                return original(ticket, candidate)
            if fake.balances[candidate.reference] < 1:
                return False
            fake.balances[candidate.reference] -= 1
            fake.claims.append(ticket.id)
            return True

        return _entitlement_claim

    def release(self, original):
        fake = self

        def _entitlement_release_claim(ticket):
            fake.balances[ticket.entitlement_partner_id.id] += 1
            fake.releases.append(ticket.id)
            return original(ticket)

        return _entitlement_release_claim

    @contextmanager
    def installed(self):
        cls = self.ticket_class
        with ExitStack() as stack:
            for name, wrap in (
                ("_entitlement_candidates", self.candidates),
                ("_entitlement_claim", self.claim),
                ("_entitlement_release_claim", self.release),
            ):
                stack.enter_context(
                    patch.object(cls, name, wrap(getattr(cls, name)), create=True)
                )
            yield self


@tagged("post_install", "-at_install")
class TestEntitlement(SlaCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.premium = cls.policy.copy({"name": "Fake wallet tier"})
        cls.stage_cancelled = cls.env["helpdesk.ticket.stage"].create(
            {
                "name": "Cancelled as duplicate",
                "closed": True,
                "entitlement_release": True,
            }
        )

    def fake_wallet(self, balance, **kwargs):
        return FakeWallet(
            type(self.env["helpdesk.ticket"]),
            {self.customer.id: balance},
            policy=self.premium,
            **kwargs,
        )

    def test_company_default_policy_covers_the_ticket(self):
        ticket = self.create_ticket(self.utc(2026, 11, 23, 9))
        self.assertEqual(ticket.entitlement_source, "policy")
        self.assertTrue(ticket.is_covered)
        self.assertFalse(ticket.entitlement_state)
        self.assertEqual(ticket.sla_policy_id, self.policy)

    def test_team_policy_wins_over_company_default(self):
        team_policy = self.policy.copy({"name": "Team tier"})
        self.team.sla_policy_id = team_policy
        ticket = self.create_ticket(self.utc(2026, 11, 23, 9))
        self.assertEqual(ticket.sla_policy_id, team_policy)

    def test_policy_chosen_by_hand_is_kept(self):
        other = self.policy.copy({"name": "Chosen by hand"})
        ticket = self.create_ticket(self.utc(2026, 11, 23, 9), sla_policy_id=other.id)
        self.assertEqual(ticket.sla_policy_id, other)
        self.assertTrue(ticket.is_covered)

    def test_uncovered_ticket_is_saved_and_client_told(self):
        self.company.helpdesk_sla_policy_id = False
        ticket = self.create_ticket(self.utc(2026, 11, 23, 9))
        self.assertTrue(ticket.exists())
        self.assertEqual(ticket.description, "<p>No podemos emitir facturas.</p>")
        self.assertFalse(ticket.is_covered)
        self.assertEqual(ticket.entitlement_source, "none")
        self.assertFalse(ticket.sla_deadline)
        self.assertFalse(ticket.sla_status)
        notices = ticket.message_ids.filtered(
            lambda m: ticket.entitlement_message in (m.body or "")
        )
        self.assertEqual(len(notices), 1, "the client is told once")

    def test_changing_team_reevaluates_default_entitlement(self):
        self.company.helpdesk_sla_policy_id = False
        ticket = self.create_ticket(self.utc(2026, 11, 23, 9))
        self.assertFalse(ticket.is_covered)
        covered_team = self.env["helpdesk.ticket.team"].create(
            {"name": "Covered team", "sla_policy_id": self.policy.id}
        )
        ticket.team_id = covered_team
        self.assertTrue(ticket.is_covered)
        self.assertEqual(ticket.sla_policy_id, self.policy)
        self.assertTrue(ticket.sla_response_deadline)

    def test_changing_team_switches_the_policy(self):
        ticket = self.create_ticket(self.utc(2026, 11, 23, 9))
        other = self.policy.copy({"name": "Other team tier"})
        team = self.env["helpdesk.ticket.team"].create(
            {"name": "Other team", "sla_policy_id": other.id}
        )
        ticket.team_id = team
        self.assertEqual(ticket.sla_policy_id, other)

    # ------------------------------------------------------------------
    # The chain, with a fake module that consumes
    # ------------------------------------------------------------------

    def test_consuming_candidate_is_claimed_before_the_policy(self):
        with self.fake_wallet(2).installed() as wallet:
            ticket = self.create_ticket(self.utc(2026, 11, 23, 9))
        self.assertEqual(wallet.claims, [ticket.id])
        self.assertEqual(wallet.balances[self.customer.id], 1)
        self.assertEqual(ticket.sla_policy_id, self.premium)
        self.assertEqual(ticket.entitlement_state, "claimed")
        self.assertEqual(ticket.entitlement_partner_id, self.customer)
        self.assertEqual(ticket.entitlement_message, "Covered by the fake wallet.")

    def test_sequence_orders_candidates_not_load_order(self):
        with self.fake_wallet(1, sequence=500).installed() as wallet:
            ticket = self.create_ticket(self.utc(2026, 11, 23, 9))
        self.assertEqual(wallet.claims, [], "the service policy answers first")
        self.assertEqual(ticket.sla_policy_id, self.policy)

    def test_refused_claim_falls_back_to_the_next_candidate(self):
        with self.fake_wallet(0).installed() as wallet:
            ticket = self.create_ticket(self.utc(2026, 11, 23, 9))
        self.assertEqual(wallet.claims, [])
        self.assertTrue(ticket.is_covered)
        self.assertEqual(ticket.entitlement_source, "policy")
        self.assertEqual(ticket.sla_policy_id, self.policy)

    def test_nothing_left_means_uncovered_saved_and_told_why(self):
        self.company.helpdesk_sla_policy_id = False
        with self.fake_wallet(0).installed():
            ticket = self.create_ticket(self.utc(2026, 11, 23, 9))
        self.assertTrue(ticket.exists())
        self.assertFalse(ticket.is_covered)
        self.assertEqual(ticket.entitlement_message, "The fake wallet is empty.")
        self.assertFalse(ticket.sla_policy_id)
        self.assertTrue(
            ticket.message_ids.filtered(
                lambda m: "The fake wallet is empty." in (m.body or "")
            )
        )

    def test_claim_is_never_taken_twice(self):
        other_team = self.env["helpdesk.ticket.team"].create({"name": "Segundo nivel"})
        with self.fake_wallet(5).installed() as wallet:
            ticket = self.create_ticket(self.utc(2026, 11, 23, 9))
            ticket.write({"name": "Re-saved"})
            ticket.stage_id = self.stage_progress
            ticket.stage_id = self.stage_new
            ticket.stage_id = self.stage_progress
            ticket.team_id = other_team
            ticket.category_id = ticket.category_id
            ticket._entitlement_apply()
            self.env["helpdesk.ticket"]._entitlement_apply_open()
        self.assertEqual(wallet.claims, [ticket.id])
        self.assertEqual(wallet.balances[self.customer.id], 4)

    def test_release_gives_back_exactly_once(self):
        with self.fake_wallet(1).installed() as wallet:
            ticket = self.create_ticket(self.utc(2026, 11, 23, 9))
            ticket.stage_id = self.stage_cancelled
            ticket._entitlement_release()
            ticket.stage_id = self.stage_cancelled
            ticket.team_id = self.env["helpdesk.ticket.team"].create({"name": "Otro"})
        self.assertEqual(wallet.releases, [ticket.id])
        self.assertEqual(wallet.claims, [ticket.id])
        self.assertEqual(wallet.balances[self.customer.id], 1)
        self.assertEqual(ticket.entitlement_state, "released")

    def test_reopened_ticket_claims_again_once(self):
        """Cancelled by mistake, then reopened in a working stage: the
        chain claims again, once; cancelled again, it gives back again."""
        with self.fake_wallet(1).installed() as wallet:
            ticket = self.create_ticket(self.utc(2026, 11, 23, 9))
            ticket.stage_id = self.stage_cancelled
            ticket.stage_id = self.stage_progress
            self.assertEqual(ticket.entitlement_state, "claimed")
            self.assertEqual(wallet.balances[self.customer.id], 0)
            ticket.stage_id = self.stage_new
            ticket.stage_id = self.stage_progress
            self.assertEqual(wallet.claims, [ticket.id, ticket.id])
            ticket.stage_id = self.stage_cancelled
        self.assertEqual(wallet.releases, [ticket.id, ticket.id])
        self.assertEqual(wallet.balances[self.customer.id], 1)
        self.assertTrue(
            ticket.message_ids.filtered(lambda m: "reopened" in (m.body or ""))
        )

    def test_released_ticket_closed_elsewhere_claims_nothing(self):
        with self.fake_wallet(1).installed() as wallet:
            ticket = self.create_ticket(self.utc(2026, 11, 23, 9))
            ticket.stage_id = self.stage_cancelled
            ticket.stage_id = self.stage_done
        self.assertEqual(wallet.claims, [ticket.id])
        self.assertEqual(ticket.entitlement_state, "released")

    def test_category_change_gives_back_and_claims_again(self):
        category = self.env["helpdesk.ticket.category"].create({"name": "Inventario"})
        with self.fake_wallet(1).installed() as wallet:
            ticket = self.create_ticket(self.utc(2026, 11, 23, 9))
            ticket.category_id = category
            ticket.category_id = category
        self.assertEqual(wallet.claims, [ticket.id, ticket.id])
        self.assertEqual(wallet.releases, [ticket.id])
        self.assertEqual(wallet.balances[self.customer.id], 0)
        self.assertEqual(ticket.entitlement_state, "claimed")
        self.assertTrue(
            ticket.message_ids.filtered(lambda m: "category changed" in (m.body or ""))
        )

    def test_claim_that_loses_a_race_saves_the_ticket_pending(self):
        """A claim that fails to serialise (here: the fake wallet's row
        changed after the snapshot) leaves the ticket saved, uncovered,
        pending, and wakes the retry cron; the retry claims it."""
        cron = self.env.ref(
            "helpdesk_priority_matrix.ir_cron_helpdesk_entitlement_retry"
        )
        fake = self.fake_wallet(1)
        original = fake.claim

        def losing_claim(claim_original):
            claim = original(claim_original)

            def _entitlement_claim(ticket, candidate):
                if candidate.reference is not None and not fake.lost:
                    fake.lost = True
                    raise psycopg2.errors.SerializationFailure("concurrent update")
                return claim(ticket, candidate)

            return _entitlement_claim

        fake.lost = False
        fake.claim = losing_claim
        triggers = self.env["ir.cron.trigger"].search_count([("cron_id", "=", cron.id)])
        with fake.installed():
            ticket = self.create_ticket(self.utc(2026, 11, 23, 9))
            self.assertTrue(ticket.exists())
            self.assertTrue(ticket.entitlement_pending)
            self.assertFalse(ticket.is_covered)
            self.assertFalse(ticket.entitlement_state)
            self.assertRegex(ticket.entitlement_message, "saved")
            self.assertEqual(
                self.env["ir.cron.trigger"].search_count([("cron_id", "=", cron.id)]),
                triggers + 1,
            )
            # The client is confirmed once the coverage is known, not before.
            tickets = self.env["helpdesk.ticket"]
            tickets._cron_send_confirmations()
            self.assertTrue(ticket.confirmation_queued_at, "still waiting")
            tickets._cron_entitlement_retry()
            tickets._cron_send_confirmations()
        self.assertFalse(ticket.entitlement_pending)
        self.assertTrue(ticket.is_covered)
        self.assertEqual(ticket.entitlement_state, "claimed")
        self.assertEqual(fake.claims, [ticket.id])
        self.assertFalse(ticket.confirmation_queued_at)
        self.assertEqual(
            len(
                ticket.message_ids.filtered(lambda m: "received:" in (m.subject or ""))
            ),
            1,
        )

    def test_partner_of_another_company_releases_and_claims_again(self):
        other = self.env["res.partner"].create({"name": "Distribuidora Istmo S.A."})
        fake = self.fake_wallet(1)
        fake.balances[other.id] = 1
        with fake.installed():
            ticket = self.create_ticket(self.utc(2026, 11, 23, 9))
            ticket.partner_id = other
        self.assertEqual(fake.claims, [ticket.id, ticket.id])
        self.assertEqual(fake.releases, [ticket.id])
        self.assertEqual(fake.balances, {self.customer.id: 1, other.id: 0})
        self.assertEqual(ticket.entitlement_partner_id, other)
        self.assertEqual(ticket.entitlement_state, "claimed")

    def test_contact_of_the_same_company_keeps_the_claim(self):
        contact = self.env["res.partner"].create(
            {"name": "Rosa Pérez", "parent_id": self.customer.id}
        )
        with self.fake_wallet(3).installed() as wallet:
            ticket = self.create_ticket(self.utc(2026, 11, 23, 9))
            ticket.partner_id = contact
        self.assertEqual(wallet.claims, [ticket.id])
        self.assertEqual(wallet.releases, [])

    def test_installation_entitles_open_tickets_without_a_claim(self):
        self.company.helpdesk_sla_policy_id = False
        ticket = self.create_ticket(self.utc(2026, 11, 23, 9))
        closed = self.create_ticket(
            self.utc(2026, 11, 23, 9), stage_id=self.stage_done.id
        )
        self.assertFalse(ticket.is_covered)
        with self.fake_wallet(5).installed() as wallet:
            self.env["helpdesk.ticket"]._entitlement_apply_open()
        self.assertEqual(wallet.claims, [ticket.id])
        self.assertTrue(ticket.is_covered)
        self.assertFalse(closed.is_covered, "closed tickets keep their history")
