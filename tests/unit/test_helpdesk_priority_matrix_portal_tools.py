"""Table tests of the weekly hours summary and of the holiday file reader,
loaded by tests/unit/conftest.py like the business-time engine."""

from datetime import date

import holiday_import
import pytest
import working_hours

MON_FRI_LUNCH = [
    (day, start, end) for day in range(5) for start, end in ((8.5, 12.5), (13.5, 17.5))
]


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        ([], []),
        (MON_FRI_LUNCH, [(0, 4, ((8.5, 12.5), (13.5, 17.5)))]),
        (
            [(d, 9, 18) for d in range(4)] + [(4, 9, 13)],
            [(0, 3, ((9, 18),)), (4, 4, ((9, 13),))],
        ),
        # Touching and overlapping ranges of a day are one range.
        ([(0, 8, 12), (0, 12, 17), (0, 16, 18)], [(0, 0, ((8, 18),))]),
        # A day without hours breaks the run.
        ([(0, 9, 17), (2, 9, 17)], [(0, 0, ((9, 17),)), (2, 2, ((9, 17),))]),
        # Rows come in any order; empty ranges are ignored.
        ([(6, 0, 24), (5, 0, 24), (4, 10, 10)], [(5, 6, ((0, 24),))]),
    ],
)
def test_weekly_summary(rows, expected):
    assert working_hours.weekly_summary(rows) == expected


@pytest.mark.parametrize(
    ("ranges", "text"),
    [
        (((8.5, 12.5), (13.5, 17.5)), "08:30-12:30, 13:30-17:30"),
        (((0, 24),), "00:00-24:00"),
        (((9.25, 17.75),), "09:15-17:45"),
    ],
)
def test_format_ranges(ranges, text):
    assert working_hours.format_ranges(ranges) == text


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (
            "name,date\nNavidad,2026-12-25\n",
            [("Navidad", date(2026, 12, 25), date(2026, 12, 25))],
        ),
        (
            "\ufeffDate,Name,Country\n2026-11-03, Independencia ,PA\n\n",
            [("Independencia", date(2026, 11, 3), date(2026, 11, 3))],
        ),
        (
            "name,date,date_to\nCarnaval,2026-02-16,2026-02-17\nFin,2026-12-31,\n",
            [
                ("Carnaval", date(2026, 2, 16), date(2026, 2, 17)),
                ("Fin", date(2026, 12, 31), date(2026, 12, 31)),
            ],
        ),
    ],
)
def test_read_holidays(content, expected):
    holidays = holiday_import.read_holidays(content)
    assert [(h.name, h.date_from, h.date_to) for h in holidays] == expected


@pytest.mark.parametrize(
    ("content", "line", "reason"),
    [
        ("nombre,fecha\nNavidad,2026-12-25\n", 1, "columns"),
        ("", 1, "columns"),
        ("name,date\nNavidad,2026-12-25\n,2026-12-26\n", 3, "name"),
        ("name,date\nNavidad,25/12/2026\n", 2, "date"),
        ("name,date,date_to\nFiestas,2026-12-25,2026-12-24\n", 2, "order"),
    ],
)
def test_read_holidays_errors(content, line, reason):
    with pytest.raises(holiday_import.HolidayFileError) as caught:
        holiday_import.read_holidays(content)
    assert (caught.value.line, caught.value.reason) == (line, reason)
