"""What the benchmarks share: environments that leave nothing behind, a
stopwatch that counts SQL queries as well, the fixture every ticket needs,
and the result table.
"""

import statistics
import threading
import time
from contextlib import ExitStack, closing, contextmanager
from dataclasses import dataclass, field

import psycopg2
from psycopg2 import sql

import odoo
from odoo import SUPERUSER_ID, api
from odoo.tools import SQL

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
def transactions(envs):
    """:func:`transaction` in each environment of ``envs`` (a dict) at once."""
    with ExitStack() as stack:
        for env in envs.values():
            stack.enter_context(transaction(env))
        yield


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


def copy_row(env, table, row_id, copies, **columns):
    """Insert ``copies`` copies of the row ``row_id`` of ``table`` in one
    statement, without the ORM's cost; the ids of the copies, in order.

    ``columns`` gives other values: a list (of ids) one value per copy, an
    ``SQL`` expression is used as it is (``copy.n`` numbers the copies from
    0, ``source`` is the row copied), anything else is the same value in
    every copy. The caller makes the copies mean something (due dates,
    links to parents of their own).
    """
    env.flush_all()
    env.cr.execute(
        "SELECT column_name FROM information_schema.columns "
        "WHERE table_name = %s AND column_name != 'id' ORDER BY ordinal_position",
        (table,),
    )
    names = [row[0] for row in env.cr.fetchall()]
    env.cr.execute(
        SQL(
            "INSERT INTO %s (%s) SELECT %s FROM %s AS source, "
            "generate_series(0, %s) AS copy(n) WHERE source.id = %s "
            "ORDER BY copy.n RETURNING id",
            SQL.identifier(table),
            SQL(", ").join(SQL.identifier(name) for name in names),
            SQL(", ").join(_copied_value(name, columns) for name in names),
            SQL.identifier(table),
            copies - 1,
            row_id,
        )
    )
    env.invalidate_all()
    return [row[0] for row in env.cr.fetchall()]


def _copied_value(name, columns):
    if name not in columns:
        return SQL("source.%s", SQL.identifier(name))
    value = columns[name]
    if isinstance(value, SQL):
        return value
    if isinstance(value, list):
        return SQL("(%s::int[])[copy.n + 1]", value)
    return SQL("%s", value)


@contextmanager
def capturing_selects(cr):
    """The SELECT statements that ``cr`` runs in the block, as sent to
    PostgreSQL (parameters in place), collected in the yielded list."""
    statements = []
    execute = cr.execute

    def capture(query, params=None, log_exceptions=True):
        result = execute(query, params, log_exceptions)
        text = cr._obj.query.decode()
        if text.lstrip().upper().startswith("SELECT") and "FOR UPDATE" not in text:
            statements.append(text)
        return result

    cr.execute = capture
    try:
        yield statements
    finally:
        del cr.execute


def pages_read(env, run):
    """The pages (8 kB blocks of tables and indexes) that the SELECT
    statements of ``run()`` read when they execute, as EXPLAIN (ANALYZE,
    BUFFERS) counts them. Unlike a time of a millisecond, they do not move
    from one run to the next: the same pages at two table sizes is the
    same work. The first run fills the caches, the second is counted."""
    run()
    with capturing_selects(env.cr) as statements:
        run()
    pages = 0
    for statement in statements:
        # The statement as it was sent: its parameters are in place already.
        env.cr.execute("EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) " + statement)
        plan = env.cr.fetchone()[0][0]["Plan"]
        pages += plan["Shared Hit Blocks"] + plan["Shared Read Blocks"]
    return pages


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


def idle_runs(env, cron, runs):
    """``runs`` calls of ``cron(env)`` with nothing to do, each in a request
    of its own: what a cron costs when it only looks."""
    stopwatch = Stopwatch(env.cr)
    for _run in range(runs):
        with request(env), stopwatch.timing():
            cron(env)
            commit_work(env)
    return stopwatch


class Stopwatch:
    """Wall time and SQL queries of the timed sections of one trial; with
    ``sql_only``, the time PostgreSQL took to answer the queries instead of
    the wall time (Odoo's cursor adds each query's time to the thread's
    ``query_time``, as for the access log)."""

    def __init__(self, cr=None, sql_only=False):
        self._cr = cr
        self._sql_only = sql_only
        self.seconds = 0.0
        self.queries = 0

    @contextmanager
    def timing(self):
        thread = threading.current_thread()
        if not hasattr(thread, "query_count"):
            thread.query_count, thread.query_time = 0, 0.0
        queries = self._cr.sql_log_count
        started = time.perf_counter(), thread.query_time
        try:
            yield
        finally:
            ended = time.perf_counter(), thread.query_time
            index = 1 if self._sql_only else 0
            self.seconds += ended[index] - started[index]
            self.queries += self._cr.sql_log_count - queries

    def add(self, seconds, queries):
        """Figures measured elsewhere: by a server, for one request."""
        self.seconds += seconds
        self.queries += queries


@dataclass(frozen=True)
class Goal:
    """A goal of issue 17: an upper ``limit`` on the time and the queries
    (``on``) of a measure or of a ratio. Time is judged on the minimum of
    the repeats, the run least disturbed by the machine's other work; when
    the median disagrees, the mark says so instead of picking one."""

    limit: float
    on: tuple = ("time", "queries")
    # "x": a ratio; else the unit of an absolute limit (" q/record").
    unit: str = "x"

    @property
    def text(self):
        if self.unit != "x":
            return f"<= {self.limit:g}{self.unit}"
        figures = " & ".join("q" if name == "queries" else name for name in self.on)
        return f"<= {self.limit:g}x {figures}"

    def mark(self, best, median, queries):
        """'holds', 'misses', or 'min only' when the minimum holds and the
        median does not (a figure to doubt: measure again)."""
        if "queries" in self.on and queries > self.limit + 1e-9:
            return "MISSES"
        if "time" not in self.on:
            return "holds"
        if best > self.limit:
            return "MISSES"
        return "holds" if median <= self.limit else "min only"


@dataclass
class Result:
    """Repeated trials of one measure: time and queries per unit (a ticket,
    a deadline, a cron run)."""

    label: str
    database: str
    unit: str
    units: int
    trials: list = field(default_factory=list)
    goal: Goal | None = None

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
    goal: Goal | None = None
    # False: the goal is shown for reference (the dependencies' database
    # against it), not counted among the goals.
    counted: bool = True


class Table:
    """The results in the order they were measured, with ratio lines and
    notes (agreement checks, query plans) printed after them."""

    def __init__(self):
        self.rows = []
        self.notes = []

    def section(self, title):
        self.rows.append(title)

    def result(self, label, database, unit, units, goal=None):
        result = Result(label, database, unit, units, goal=goal)
        self.rows.append(result)
        return result

    def ratio(self, label, numerator, denominator, goal=None, counted=True):
        self.rows.append(Ratio(label, numerator, denominator, goal, counted))

    def note(self, text):
        self.notes.append(text)

    def marks(self, counted=True):
        """How many goals hold and how many are missed or doubtful (with
        ``counted=False``: of the goals shown for reference only)."""
        counts = {}
        for row in self.rows:
            if isinstance(row, str) or not row.goal or not _complete(row):
                continue
            if getattr(row, "counted", True) == counted:
                mark = _mark(row)
                counts[mark] = counts.get(mark, 0) + 1
        return counts

    def render(self):
        header = (
            f"{'measure':<52} {'db':<5} {'units':>6}  {'ms/unit min':>11} "
            f"{'median':>9}  {'queries/unit':>12}  {'goal':<18} {'mark':<8}"
        )
        lines = [header, "-" * len(header)]
        for row in self.rows:
            if isinstance(row, str):
                lines.append(f"[{row}]")
            elif not _complete(row):
                lines.append(f"{row.label:<52} (not measured)")
            elif isinstance(row, Ratio):
                lines.append(_ratio_line(row) + _goal_columns(row))
            else:
                lines.append(
                    f"{row.label:<52} {row.database:<5} {row.units:>6}  "
                    f"{_ms(row.best_ms):>11} {_ms(row.median_ms):>9}  "
                    f"{row.queries:>12.2f}" + _goal_columns(row)
                )
        lines.append("")
        lines.append("goals: " + _counts(self.marks()))
        reference = self.marks(counted=False)
        if reference:
            lines.append(
                "the same goals for the dependencies alone (deps / bare, not "
                "counted): " + _counts(reference)
            )
        lines.extend(self.notes)
        return "\n".join(lines)


def _counts(counts):
    return ", ".join(f"{n} {mark}" for mark, n in sorted(counts.items()))


def _complete(row):
    if isinstance(row, Ratio):
        return bool(row.numerator.trials and row.denominator.trials)
    return bool(row.trials)


def _figures(row):
    """(min time, median time, queries) of a result, or their ratios."""
    if isinstance(row, Ratio):
        top, bottom = row.numerator, row.denominator
        return (
            _quotient(top.best_ms, bottom.best_ms),
            _quotient(top.median_ms, bottom.median_ms),
            _quotient(top.queries, bottom.queries),
        )
    return row.best_ms, row.median_ms, row.queries


def _quotient(numerator, denominator):
    if denominator:
        return numerator / denominator
    return 1.0 if not numerator else float("inf")


def _mark(row):
    return row.goal.mark(*_figures(row))


def _ms(value):
    return f"{value:.3f}" if value < 1 else f"{value:.2f}"


def _times(numerator, denominator):
    if not denominator:
        return "-" if numerator else "1.00x"
    return f"{numerator / denominator:.2f}x"


def _ratio_line(ratio):
    top, bottom = ratio.numerator, ratio.denominator
    return (
        f"  {ratio.label:<50} {'':<5} {'':>6}  "
        f"{_times(top.best_ms, bottom.best_ms):>11} "
        f"{_times(top.median_ms, bottom.median_ms):>9}  "
        f"{_times(top.queries, bottom.queries):>12}"
    )


def _goal_columns(row):
    if not row.goal:
        return ""
    return f"  {row.goal.text:<18} {_mark(row):<8}"


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

    def values(self, count, customer=None, **extra):
        """The values of ``count`` tickets of ``customer`` (the intake's
        client by default) as the portal form sends them."""
        customer = customer or self.customer
        return [
            {
                "name": f"No podemos emitir facturas electrónicas ({index})",
                "description": "<p>El sistema rechaza todas las facturas desde "
                "esta mañana con el error 503.</p>",
                "partner_id": customer.id,
                "partner_name": customer.name,
                "partner_email": customer.email,
                "team_id": self.team.id,
                "category_id": self.category.id,
                "channel_id": self.channel.id,
                "company_id": self.team.env.company.id,
                **extra,
            }
            for index in range(count)
        ]
