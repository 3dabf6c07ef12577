"""Table tests of the intake rules: which matrix cell expresses a level the
client picked, and how far a non-critical case is lowered by the cap.

The tool is loaded by tests/unit/conftest.py under its own name, so that
mutation testing counts these tests as its tests."""

import intake
import pytest

# The Latam Advisory matrix (001): urgency in rows, impact in columns.
LATAM = {
    ("high", "high"): 1,
    ("medium", "high"): 2,
    ("low", "high"): 3,
    ("high", "medium"): 2,
    ("medium", "medium"): 3,
    ("low", "medium"): 4,
    ("high", "low"): 3,
    ("medium", "low"): 4,
    ("low", "low"): 5,
}
# A three-level scale (Alto / Medio / Bajo) on the same nine cells.
THREE = {cell: min(3, (rank + 1) // 2) for cell, rank in LATAM.items()}


def rank_of(matrix):
    return lambda impact, urgency: matrix[(impact, urgency)]


def test_cells_are_the_nine_pairs_most_severe_first():
    cells = intake.cells()
    assert len(set(cells)) == 9
    assert cells[0] == ("high", "high")
    assert cells[-1] == ("low", "low")


# The order in which a level looks for its cell: by distance from the most
# severe cell, the diagonal first among cells as far, the higher impact first
# between the two sides of the diagonal.
ORDER = [
    ("high", "high"),
    ("high", "medium"),
    ("medium", "high"),
    ("medium", "medium"),
    ("high", "low"),
    ("low", "high"),
    ("medium", "low"),
    ("low", "medium"),
    ("low", "low"),
]


def test_cells_order():
    assert intake.cells() == ORDER


@pytest.mark.parametrize(
    "wanted, expected",
    [
        (1, ("high", "high")),
        (2, ("high", "medium")),
        (3, ("medium", "medium")),
        (4, ("medium", "low")),
        (5, ("low", "low")),
        (6, None),
    ],
)
def test_cell_for_rank_on_the_latam_matrix(wanted, expected):
    assert intake.cell_for_rank(rank_of(LATAM), wanted) == expected


@pytest.mark.parametrize("wanted", [1, 2, 3])
def test_every_level_of_a_three_level_scale_has_a_cell(wanted):
    cell = intake.cell_for_rank(rank_of(THREE), wanted)
    assert THREE[cell] == wanted


@pytest.mark.parametrize(
    "wanted, expected",
    [
        # Alto (rank 1): the most severe cell.
        (1, ("high", "high")),
        # Medio (rank 2): the first cell of ranks 3 and 4 of the Latam matrix.
        (2, ("medium", "medium")),
        # Bajo (rank 3): only the least severe cell has level 5.
        (3, ("low", "low")),
    ],
)
def test_cell_for_rank_on_a_three_level_scale(wanted, expected):
    assert intake.cell_for_rank(rank_of(THREE), wanted) == expected


@pytest.mark.parametrize(
    "impact, urgency, cap, expected",
    [
        # Within the cap: kept.
        ("low", "medium", 3, ("low", "medium")),
        ("medium", "medium", 3, ("medium", "medium")),
        # Above it: the urgency goes down first.
        ("high", "high", 3, ("high", "low")),
        ("medium", "high", 3, ("medium", "medium")),
        ("high", "high", 2, ("high", "medium")),
        # Then the impact, when the urgency is already low.
        ("high", "high", 4, ("medium", "low")),
        ("high", "low", 5, ("low", "low")),
        # A cap no cell reaches leaves the least urgent cell.
        ("high", "high", 9, ("low", "low")),
    ],
)
def test_capped_cell(impact, urgency, cap, expected):
    result = intake.capped_cell(rank_of(LATAM), impact, urgency, cap)
    assert result == expected
    assert LATAM[result] >= min(cap, 5)


@pytest.mark.parametrize(
    "impact, urgency, cap, expected",
    [
        # Capped at Medio: Alto cells lose their urgency, then their impact.
        ("high", "high", 2, ("high", "low")),
        ("high", "medium", 2, ("high", "low")),
        ("medium", "high", 2, ("medium", "medium")),
        # Medio and Bajo are within the cap.
        ("low", "high", 2, ("low", "high")),
        ("low", "low", 2, ("low", "low")),
        # Capped at Bajo: every case ends on the least severe cell.
        ("high", "high", 3, ("low", "low")),
        ("medium", "low", 3, ("low", "low")),
    ],
)
def test_capped_cell_on_a_three_level_scale(impact, urgency, cap, expected):
    assert intake.capped_cell(rank_of(THREE), impact, urgency, cap) == expected
