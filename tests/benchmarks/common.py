"""What the benchmarks share: environments that leave nothing behind, a
stopwatch that counts SQL queries as well, the fixture every ticket needs,
and the result table.
"""

import statistics
import time
from contextlib import closing, contextmanager
from dataclasses import dataclass, field

import psycopg2
from psycopg2 import sql

import odoo
from odoo import SUPERUSER_ID, api

# ----------------------------------------------------------------------
# Environments
# ----------------------------------------------------------------------


@contextmanager
def open_environment(dbname):
    """A superuser environment on ``dbname``; whatever is done in it is
    rolled back."""
    registry = odoo.modules.registry.Registry(dbname)
    cr = registry.cursor()
    try:
        yield api.Environment(cr, SUPERUSER_ID, {})
    finally:
        cr.rollback()
        cr.close()


@contextmanager
def transaction(env):
    """One piece of the benchmark, rolled back afterwards together with the
    registry caches it invalidated, as Odoo does when a request fails: a
    schedule cached with a holiday created here must not serve the next
    piece."""
    try:
        yield
    finally:
        env.cr.rollback()
        env.registry.reset_changes()


@contextmanager
def request(env):
    """What one request (a portal form, an incoming email) sees: an empty
    ORM cache, and afterwards nothing of its changes. A savepoint rolled back
    stands for the commit, so that the fixtures created before stay."""
    env.flush_all()
    env.cr.clear()
    savepoint = env.cr.savepoint(flush=False)
    try:
        yield
    finally:
        savepoint.close(rollback=True)
        env.cr.clear()


def vacuum(env, table):
    """VACUUM ANALYZE ``table`` on a connection of its own (VACUUM cannot
    run in a transaction): the rows of the transactions rolled back so far
    would otherwise make an empty table look full to a sequential scan."""
    _dbname, params = odoo.sql_db.connection_info_for(env.cr.dbname)
    with closing(psycopg2.connect(**params)) as connection:
        connection.autocommit = True
        with connection.cursor() as cr:
            cr.execute(sql.SQL("VACUUM ANALYZE {}").format(sql.Identifier(table)))


def commit_work(env):
    """What a commit does before it reaches the database: pending
    computations and writes, then the precommit hooks (tracking messages),
    whose records are written in turn."""
    env.flush_all()
    env.cr.precommit.run()
    env.flush_all()


# ----------------------------------------------------------------------
# Measuring
# ----------------------------------------------------------------------


class Stopwatch:
    """Wall time and SQL queries of the timed sections of one trial."""

    def __init__(self, cr):
        self._cr = cr
        self.seconds = 0.0
        self.queries = 0

    @contextmanager
    def timing(self):
        queries = self._cr.sql_log_count
        started = time.perf_counter()
        try:
            yield
        finally:
            self.seconds += time.perf_counter() - started
            self.queries += self._cr.sql_log_count - queries


@dataclass
class Result:
    """Repeated trials of one measure: time and queries per unit (a ticket,
    a deadline, a cron run)."""

    label: str
    database: str
    unit: str
    units: int
    trials: list = field(default_factory=list)

    def add(self, stopwatch):
        self.trials.append(
            (1000 * stopwatch.seconds / self.units, stopwatch.queries / self.units)
        )

    @property
    def best_ms(self):
        return min(ms for ms, _queries in self.trials)

    @property
    def median_ms(self):
        return statistics.median(ms for ms, _queries in self.trials)

    @property
    def queries(self):
        return statistics.median(queries for _ms, queries in self.trials)


@dataclass
class Ratio:
    label: str
    numerator: Result
    denominator: Result


class Table:
    """The results in the order they were measured, with ratio lines and
    notes (agreement checks, query plans) printed after them."""

    def __init__(self):
        self.rows = []
        self.notes = []

    def section(self, title):
        self.rows.append(title)

    def result(self, label, database, unit, units):
        result = Result(label, database, unit, units)
        self.rows.append(result)
        return result

    def ratio(self, label, numerator, denominator):
        self.rows.append(Ratio(label, numerator, denominator))

    def note(self, text):
        self.notes.append(text)

    def render(self):
        header = (
            f"{'measure':<52} {'db':<5} {'units':>6}  {'ms/unit min':>11} "
            f"{'median':>9}  {'queries/unit':>12}"
        )
        lines = [header, "-" * len(header)]
        for row in self.rows:
            if isinstance(row, str):
                lines.append(f"[{row}]")
            elif isinstance(row, Ratio):
                lines.append(_ratio_line(row))
            else:
                lines.append(
                    f"{row.label:<52} {row.database:<5} {row.units:>6}  "
                    f"{_ms(row.best_ms):>11} {_ms(row.median_ms):>9}  "
                    f"{row.queries:>12.2f}"
                )
        lines.append("")
        lines.extend(self.notes)
        return "\n".join(lines)


def _ms(value):
    return f"{value:.3f}" if value < 1 else f"{value:.2f}"


def _times(numerator, denominator):
    return f"{numerator / denominator:.2f}x" if denominator else "-"


def _ratio_line(ratio):
    top, bottom = ratio.numerator, ratio.denominator
    return (
        f"  {ratio.label:<50} {'':<5} {'':>6}  "
        f"{_times(top.best_ms, bottom.best_ms):>11} "
        f"{_times(top.median_ms, bottom.median_ms):>9}  "
        f"{_times(top.queries, bottom.queries):>12}"
    )


# ----------------------------------------------------------------------
# Fixture
# ----------------------------------------------------------------------


@dataclass(frozen=True)
class Intake:
    """A support team led by the administrator, a client and a category:
    created the same way in a database with bare helpdesk_mgmt and in one
    with the suite, so that both create the same tickets."""

    team: object
    customer: object
    category: object
    channel: object

    @classmethod
    def create(cls, env):
        admin = env.ref("base.user_admin")
        intake = cls(
            team=env["helpdesk.ticket.team"].create(
                {"name": "Soporte Técnico", "user_id": admin.id, "user_ids": admin.ids}
            ),
            customer=env["res.partner"].create(
                {
                    "name": "Comercial Andina S.A.",
                    "email": "soporte@andina.example.com",
                    "is_company": True,
                }
            ),
            category=env["helpdesk.ticket.category"].create(
                {"name": "Facturación electrónica"}
            ),
            channel=env.ref("helpdesk_mgmt.helpdesk_ticket_channel_web"),
        )
        env.flush_all()
        return intake

    def values(self, count, **extra):
        """The values of ``count`` tickets as the portal form sends them."""
        return [
            {
                "name": f"No podemos emitir facturas electrónicas ({index})",
                "description": "<p>El sistema rechaza todas las facturas desde "
                "esta mañana con el error 503.</p>",
                "partner_id": self.customer.id,
                "partner_name": self.customer.name,
                "partner_email": self.customer.email,
                "team_id": self.team.id,
                "category_id": self.category.id,
                "channel_id": self.channel.id,
                "company_id": self.team.env.company.id,
                **extra,
            }
            for index in range(count)
        ]
