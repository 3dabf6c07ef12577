import pytest
from entitlement import (
    SEQUENCE_PLAN,
    SEQUENCE_POLICY,
    SEQUENCE_WALLET,
    Candidate,
    choose,
)

PLAN = Candidate("plan", SEQUENCE_PLAN, "Premium", "Plan Premium", consumes=True)
WALLET = Candidate(
    "wallet",
    SEQUENCE_WALLET,
    "Standard",
    "Bolsa de horas",
    consumes=True,
    refusal="La bolsa de horas está agotada.",
)
POLICY = Candidate("policy", SEQUENCE_POLICY, "Standard", "Servicio estándar")
EXCLUDED = Candidate(
    "plan", SEQUENCE_PLAN, message="El plan no cubre esta categoría.", covers=False
)


class Claims:
    """The modules' answers to claims, recording who was asked."""

    def __init__(self, accepting=()):
        self.accepting = set(accepting)
        self.asked = []

    def __call__(self, candidate):
        self.asked.append(candidate.source)
        return candidate.source in self.accepting


@pytest.mark.parametrize(
    ("case", "candidates", "accepting", "chosen", "reasons", "asked"),
    [
        ("nothing proposed", [], (), None, [], []),
        ("the policy alone is never claimed", [POLICY], (), POLICY, [], []),
        (
            "a plan before a wallet before the policy, in any order",
            [POLICY, WALLET, PLAN],
            {"plan", "wallet"},
            PLAN,
            [],
            ["plan"],
        ),
        (
            "an empty plan falls back to the wallet",
            [WALLET, PLAN, POLICY],
            {"wallet"},
            WALLET,
            [PLAN],
            ["plan", "wallet"],
        ),
        (
            "an empty wallet falls back to the policy",
            [WALLET, POLICY],
            (),
            POLICY,
            [WALLET],
            ["wallet"],
        ),
        (
            "nothing left: uncovered, every refusal told",
            [WALLET, PLAN],
            (),
            None,
            [PLAN, WALLET],
            ["plan", "wallet"],
        ),
        (
            "a reason is told, never claimed",
            [EXCLUDED, WALLET],
            {"wallet", "plan"},
            WALLET,
            [EXCLUDED],
            ["wallet"],
        ),
        ("only reasons: uncovered", [EXCLUDED], {"plan"}, None, [EXCLUDED], []),
    ],
)
def test_choose(case, candidates, accepting, chosen, reasons, asked):
    claims = Claims(accepting)
    assert choose(candidates, claims) == (chosen, reasons), case
    assert claims.asked == asked, case


def test_equal_sequences_keep_the_proposed_order():
    first = Candidate("plan", SEQUENCE_PLAN, "Gold")
    second = Candidate("plan", SEQUENCE_PLAN, "Silver")
    assert choose([first, second], Claims())[0] is first
    assert choose([second, first], Claims())[0] is second


@pytest.mark.parametrize(
    ("candidate", "reason"),
    [
        (EXCLUDED, "El plan no cubre esta categoría."),
        (WALLET, "La bolsa de horas está agotada."),
        (PLAN, "Plan Premium"),
        (Candidate("wallet", SEQUENCE_WALLET, covers=False, refusal="x"), ""),
        (Candidate("wallet", SEQUENCE_WALLET, refusal=lambda: "Vacía."), "Vacía."),
        (
            Candidate("wallet", SEQUENCE_WALLET, message="Cubierto", refusal=str),
            "Cubierto",
        ),
    ],
)
def test_reason_told_to_the_client(candidate, reason):
    assert candidate.reason == reason


def test_refusal_worked_out_only_when_told():
    asked = []
    candidate = Candidate(
        "wallet", SEQUENCE_WALLET, consumes=True, refusal=lambda: asked.append(1)
    )
    assert choose([candidate], Claims(accepting=("wallet",)))[0] is candidate
    assert not asked


def test_business_order_of_the_sources():
    assert SEQUENCE_PLAN < SEQUENCE_WALLET < SEQUENCE_POLICY
