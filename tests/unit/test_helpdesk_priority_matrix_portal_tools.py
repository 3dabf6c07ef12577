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
        # So are ranges that end before they start.
        ([(0, 9, 17), (1, 17, 9)], [(0, 0, ((9, 17),))]),
        # Coacher 8x5 (002): Monday to Thursday with a break, a short Friday.
        (
            [(d, 9, 14) for d in range(4)]
            + [(d, 15, 18) for d in range(4)]
            + [(4, 9, 15)],
            [(0, 3, ((9, 14), (15, 18))), (4, 4, ((9, 15),))],
        ),
        # Coacher 24x7 (002): the whole week in one run.
        ([(d, 0, 24) for d in range(7)], [(0, 6, ((0, 24),))]),
        # Odoo stores the weekday as text ("0" is Monday).
        ([("1", 9, 17), ("0", 9, 17)], [(0, 1, ((9, 17),))]),
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
        # Odoo's float hours: 08:20 is stored as 8.3333…, 23:59 as 23.9833….
        (((8 + 20 / 60, 23 + 59 / 60),), "08:20-23:59"),
        (((8.333333, 12.5),), "08:20-12:30"),
        ((), ""),
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
        # A line that leaves date_to out, and one ending the day it starts.
        (
            "name,date,date_to\nAño Nuevo,2026-01-01\nTrabajo,2026-05-01,2026-05-01\n",
            [
                ("Año Nuevo", date(2026, 1, 1), date(2026, 1, 1)),
                ("Trabajo", date(2026, 5, 1), date(2026, 5, 1)),
            ],
        ),
        # Spaces around the column names and the dates; lines of blanks
        # are skipped and the lines after them still read.
        (
            " Name , Date , Date_To \n , , \n,,\nCarnaval, 2026-02-16 , 2026-02-17 \n",
            [("Carnaval", date(2026, 2, 16), date(2026, 2, 17))],
        ),
        # A header alone: no holiday, no error.
        ("name,date\n", []),
    ],
)
def test_read_holidays(content, expected):
    holidays = holiday_import.read_holidays(content)
    assert [(h.name, h.date_from, h.date_to) for h in holidays] == expected


@pytest.mark.parametrize(
    ("content", "line", "reason", "value"),
    [
        # The columns found are named in the message, sorted.
        ("nombre,fecha\nNavidad,2026-12-25\n", 1, "columns", "fecha, nombre"),
        ("Name,Country\nNavidad,PA\n", 1, "columns", "country, name"),
        # Only the byte-order mark is taken off the start of the file.
        ("\ufeffX,Y\n1,2\n", 1, "columns", "x, y"),
        ("", 1, "columns", ""),
        ("name,date\nNavidad,2026-12-25\n,2026-12-26\n", 3, "name", ""),
        ("name,date\nNavidad,2026-12-25\n  ,2026-12-26\n", 3, "name", ""),
        # Values beyond the header's columns do not hide a missing name.
        ("name,date\n,,PA\n", 2, "name", ""),
        ("name,date\nNavidad,25/12/2026\n", 2, "date", "25/12/2026"),
        ("name,date\nNavidad,\n", 2, "date", ""),
        (
            "name,date,date_to\nNavidad,2026-12-25,\nFiestas,2026-12-24,31/12/2026\n",
            3,
            "date",
            "31/12/2026",
        ),
        (
            "name,date,date_to\nFiestas,2026-12-25,2026-12-24\n",
            2,
            "order",
            "2026-12-24",
        ),
    ],
)
def test_read_holidays_errors(content, line, reason, value):
    with pytest.raises(holiday_import.HolidayFileError) as caught:
        holiday_import.read_holidays(content)
    error = caught.value
    assert (error.line, error.reason, error.value) == (line, reason, value)
    assert reason in holiday_import.HolidayFileError.REASONS
    assert str(error) == f"line {line}: {reason} {value}"
