"""Weekly working hours as people read them: "Monday - Friday 08:30-17:30".

Pure functions over attendance rows, so that the portal and the backend show
the same summary and it is tested without Odoo.
"""


def merge_ranges(ranges):
    """Sorted hour ranges with overlapping or touching ones joined."""
    merged = []
    for start, end in sorted(ranges):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return tuple(merged)


def weekly_summary(attendances):
    """Group ``(weekday, hour_from, hour_to)`` rows (weekday 0 = Monday,
    hours as floats) into ``(first_day, last_day, ranges)`` for runs of
    consecutive days with the same hours; days without hours are left out."""
    by_day = {}
    for weekday, hour_from, hour_to in attendances:
        if hour_to > hour_from:
            by_day.setdefault(int(weekday), []).append((hour_from, hour_to))
    summary = []
    for day in sorted(by_day):
        ranges = merge_ranges(by_day[day])
        if summary and summary[-1][1] == day - 1 and summary[-1][2] == ranges:
            summary[-1] = (summary[-1][0], day, ranges)
        else:
            summary.append((day, day, ranges))
    return summary


def format_hour(hour):
    """08:30 for 8.5; 24:00 for the end of the day."""
    minutes = round(hour * 60)
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def format_ranges(ranges):
    return ", ".join(f"{format_hour(a)}-{format_hour(b)}" for a, b in ranges)
