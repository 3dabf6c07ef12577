"""Deadlines: the business-time engine against ``resource.calendar``.

The same tickets (same clock starts, same targets in hours and in business
days, same paused time) are planned by the engine, as the SLA compute does
(one planner for the batch), and one by one with ``resource.calendar``'s
own ``plan_hours`` and ``plan_days``, as Odoo would without the engine. Two
calendars: office hours with public holidays, and 24x7 in Santiago de Chile
around both daylight-saving changes of 2026. Deadlines that differ by more
than a second are counted and shown, not hidden.
"""

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

from common import Stopwatch, transaction

TOLERANCE = timedelta(seconds=1)
SHOWN_DISAGREEMENTS = 3


@dataclass(frozen=True)
class Scenario:
    label: str
    calendar: str
    tz: str
    periods: tuple
    hours: tuple
    days: tuple
    pauses: tuple
    holidays: tuple = ()


SCENARIOS = (
    Scenario(
        label="Mon-Fri 08:30-17:30 Bogota, holidays",
        calendar="calendar_mon_fri_0830_1730",
        tz="America/Bogota",
        periods=((datetime(2026, 11, 2), datetime(2027, 1, 1)),),
        hours=(0.5, 0.75, 1, 4, 8, 24),
        days=(3, 5),
        pauses=(0, 0, 0.5, 2),
        holidays=(date(2026, 11, 16), date(2026, 12, 8), date(2026, 12, 25)),
    ),
    Scenario(
        label="24x7 Santiago, across DST changes",
        calendar="calendar_24x7",
        tz="America/Santiago",
        # The clocks go back on 2026-04-05 and forward on 2026-09-06.
        periods=(
            (datetime(2026, 4, 2), datetime(2026, 4, 6)),
            (datetime(2026, 9, 3), datetime(2026, 9, 7)),
        ),
        hours=(1, 4, 8, 24, 48),
        days=(1, 2),
        pauses=(0, 0, 1, 3),
    ),
)


@dataclass(frozen=True)
class Case:
    """One ticket to plan: a UTC clock start, a target, paused hours."""

    start: datetime
    unit: str
    amount: float
    paused: float

    @property
    def target(self):
        if self.unit == "days":
            return ("days", self.amount)
        return ("hours", timedelta(hours=self.amount))

    def __str__(self):
        paused = f" + {self.paused} h paused" if self.paused else ""
        return f"start {self.start} UTC, {self.amount} {self.unit}{paused}"


def make_cases(scenario, count, seed=42):
    rng = random.Random(seed)
    cases = []
    for _index in range(count):
        first, last = rng.choice(scenario.periods)
        minutes = int((last - first).total_seconds() // 60)
        start = first + timedelta(minutes=rng.randrange(minutes))
        if rng.random() < 0.3:
            unit, amount = "days", rng.choice(scenario.days)
        else:
            unit, amount = "hours", rng.choice(scenario.hours)
        cases.append(Case(start, unit, amount, rng.choice(scenario.pauses)))
    return cases


def prepare_calendar(env, scenario):
    calendar = env.ref(f"helpdesk_priority_matrix.{scenario.calendar}")
    calendar.tz = scenario.tz
    tz = ZoneInfo(scenario.tz)
    env["resource.calendar.leaves"].create(
        [
            {
                "name": "Feriado",
                "calendar_id": calendar.id,
                "date_from": utc(datetime.combine(day, time.min), tz),
                "date_to": utc(datetime.combine(day + timedelta(days=1), time.min), tz),
            }
            for day in scenario.holidays
        ]
    )
    env.flush_all()
    return calendar


def utc(local, tz):
    return local.replace(tzinfo=tz).astimezone(timezone.utc).replace(tzinfo=None)


def local(moment, tz):
    return moment.replace(tzinfo=timezone.utc).astimezone(tz).replace(tzinfo=None)


# ----------------------------------------------------------------------
# The engine, as the SLA compute uses it
# ----------------------------------------------------------------------


def engine_deadlines(env, calendar, cases):
    policy = env["helpdesk.sla.policy"].new({"calendar_id": calendar.id})
    ticket = env["helpdesk.ticket"].new(
        {"sla_policy_id": policy.id, "company_id": env.company.id}
    )
    key = ticket._sla_key()
    planner = ticket._sla_planner()
    planner.prepare(key, [case.start for case in cases])
    return [
        planner.deadline(key, case.start, case.target, timedelta(hours=case.paused))
        for case in cases
    ]


# ----------------------------------------------------------------------
# resource.calendar, one ticket at a time
# ----------------------------------------------------------------------


def odoo_deadlines(calendar, cases):
    tz = ZoneInfo(calendar.tz)
    return [odoo_deadline(calendar, tz, case) for case in cases]


def odoo_deadline(calendar, tz, case):
    if case.unit == "hours":
        return plan(calendar, case.amount + case.paused, case.start)
    base = odoo_business_days(calendar, tz, case.start, case.amount)
    return plan(calendar, case.paused, base) if case.paused and base else base


def plan(calendar, hours, start):
    return calendar.plan_hours(hours, start, compute_leaves=True) or None


def odoo_business_days(calendar, tz, start, days):
    """The engine's business-day rule written with resource.calendar's own
    calls: the same clock time on the ``days``-th working date after the
    one the clock starts on, else the end of that date's work."""
    begin = plan(calendar, 0, start)
    # plan_days counts the date it starts from: the target is one further.
    target_stop = begin and calendar.plan_days(days + 1, begin, compute_leaves=True)
    if not target_stop:
        return None
    target_date = local(target_stop, tz).date()
    same_time = plan(
        calendar, 0, utc(datetime.combine(target_date, local(begin, tz).time()), tz)
    )
    if same_time and local(same_time, tz).date() == target_date:
        return same_time
    day_start = datetime.combine(target_date, time.min, tzinfo=tz)
    intervals = calendar._work_intervals_batch(day_start, day_start + timedelta(days=1))
    end = max(stop for _start, stop, _meta in intervals[False])
    return end.astimezone(timezone.utc).replace(tzinfo=None)


# ----------------------------------------------------------------------
# The measure
# ----------------------------------------------------------------------


def disagreements(cases, ours, theirs):
    return [
        (case, engine_at, odoo_at)
        for case, engine_at, odoo_at in zip(cases, ours, theirs, strict=True)
        if engine_at is None or odoo_at is None or abs(engine_at - odoo_at) > TOLERANCE
    ]


def rate(result):
    return f"{1000 / result.median_ms:,.0f}"


def timed(env, planning, result):
    stopwatch = Stopwatch(env.cr)
    with stopwatch.timing():
        deadlines = planning()
    result.add(stopwatch)
    return deadlines


def measure_scenario(env, scenario, args, table):
    """The engine with its schedule cached (tickets created one after the
    other), with the schedule built again (the first ticket after a change
    of working hours, holidays or suspensions) and plan_hours."""
    calendar = prepare_calendar(env, scenario)
    cases = make_cases(scenario, args.deadlines)
    label, count = scenario.label, len(cases)
    cached = table.result(f"engine: {label}", "suite", "deadline", count)
    built = table.result("  engine, schedule built again", "suite", "deadline", count)
    odoo = table.result(f"plan_hours: {label}", "suite", "deadline", count)
    table.ratio("plan_hours / engine", odoo, cached)
    table.ratio("plan_hours / engine, schedule built again", odoo, built)
    engine_deadlines(env, calendar, cases)
    for _repeat in range(args.repeats):
        timed(env, lambda: engine_deadlines(env, calendar, cases), cached)
        # What a change of working hours, holidays or suspensions does.
        env.registry.clear_cache()
        engine_planned = timed(
            env, lambda: engine_deadlines(env, calendar, cases), built
        )
        odoo_planned = timed(env, lambda: odoo_deadlines(calendar, cases), odoo)
    different = disagreements(cases, engine_planned, odoo_planned)
    table.note(
        f"{label}: engine {rate(cached)} deadlines/s ({rate(built)} with the "
        f"schedule built again), plan_hours {rate(odoo)}/s (median rates); "
        f"{count - len(different)}/{count} deadlines agree within "
        f"{TOLERANCE.seconds} s"
    )
    for case, engine_at, odoo_at in different[:SHOWN_DISAGREEMENTS]:
        table.note(f"    {case}: engine {engine_at}, plan_hours {odoo_at} (UTC)")


def run(env, args, table):
    table.section("deadlines: engine vs resource.calendar, same tickets")
    for scenario in SCENARIOS:
        with transaction(env):
            measure_scenario(env, scenario, args, table)
