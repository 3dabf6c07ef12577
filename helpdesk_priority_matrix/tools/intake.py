"""Intake rules that do not need the database: which matrix cell expresses
a priority level the client picked, and how far a client's choice is lowered
when the team caps the priority of non-critical cases.

A matrix is given as a function ``rank(impact, urgency)`` returning the
sequence of the level of that cell: a lower rank is more urgent.
"""

LEVELS = ("high", "medium", "low")


def cells():
    """The nine (impact, urgency) pairs, the most severe first: the diagonal
    before its neighbours, so that a level is expressed by its most natural
    cell."""
    return sorted(
        ((impact, urgency) for impact in LEVELS for urgency in LEVELS),
        key=lambda cell: (
            LEVELS.index(cell[0]) + LEVELS.index(cell[1]),
            abs(LEVELS.index(cell[0]) - LEVELS.index(cell[1])),
            LEVELS.index(cell[0]),
        ),
    )


def cell_for_rank(rank, wanted):
    """The first cell whose level has the rank ``wanted``, or None when the
    matrix never gives that level."""
    for impact, urgency in cells():
        if rank(impact, urgency) == wanted:
            return impact, urgency
    return None


def capped_cell(rank, impact, urgency, cap):
    """The cell a client's ``(impact, urgency)`` is lowered to so that its
    level is not more urgent than the rank ``cap``.

    The urgency goes down first (how soon the client needs it is what the
    cap restricts), then the impact. A cell already within the cap is kept.
    """
    while rank(impact, urgency) < cap:
        if urgency != LEVELS[-1]:
            urgency = LEVELS[LEVELS.index(urgency) + 1]
        elif impact != LEVELS[-1]:
            impact = LEVELS[LEVELS.index(impact) + 1]
        else:
            break
    return impact, urgency
