"""Public holidays read from a CSV file, checked before anything is saved.

Columns (a header row is required, in any order): ``name``, ``date`` and,
for holidays of several days, ``date_to``; dates as YYYY-MM-DD. Other
columns (``country``...) are ignored, so that published lists can be used
as they are.
"""

import csv
import io
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Holiday:
    name: str
    date_from: date
    date_to: date


class HolidayFileError(ValueError):
    """A line of the file cannot be read; ``line`` counts from 1, header
    included, and ``reason`` is one of the keys of ``REASONS``."""

    REASONS = ("columns", "name", "date", "order")

    def __init__(self, line, reason, value=""):
        super().__init__(f"line {line}: {reason} {value}")
        self.line = line
        self.reason = reason
        self.value = value


def _parse_date(text, line):
    try:
        return date.fromisoformat(text.strip())
    except ValueError as error:
        raise HolidayFileError(line, "date", text) from error


def read_holidays(content):
    """The holidays of ``content`` (str), in file order."""
    reader = csv.DictReader(io.StringIO(content.lstrip("\ufeff")))
    columns = {name.strip().lower() for name in reader.fieldnames or ()}
    if not {"name", "date"} <= columns:
        raise HolidayFileError(1, "columns", ", ".join(sorted(columns)))
    holidays = []
    for line, row in enumerate(reader, start=2):
        row = {(key or "").strip().lower(): _text(value) for key, value in row.items()}
        if not any(value.strip() for value in row.values()):
            continue
        name = row["name"].strip()
        if not name:
            raise HolidayFileError(line, "name")
        date_from = _parse_date(row["date"], line)
        date_to = (
            _parse_date(row["date_to"], line)
            if row.get("date_to", "").strip()
            else date_from
        )
        if date_to < date_from:
            raise HolidayFileError(line, "order", row["date_to"])
        holidays.append(Holiday(name, date_from, date_to))
    return holidays


def _text(value):
    """A cell as text: the values a line has beyond the header's columns
    come as one list, joined back as they were written."""
    if isinstance(value, list):
        return ",".join(value)
    return value or ""
