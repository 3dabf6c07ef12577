"""Lock the rows, check, update: the claim on a shared row (a wallet, a plan
subscription, a bag) when many transactions want it at once.

Odoo runs its transactions in REPEATABLE READ. A transaction that locks a
row another one changed and committed after its snapshot fails with a
serialization error; one that locks with ``NOWAIT`` a row another holds
fails at once. Retrying in the same transaction sees the same snapshot and
fails again: only a new transaction sees the winner's change. Odoo's HTTP
layer retries whole requests, but a cron, a script or a queued job does not,
and what its transaction created is lost with it.

:func:`race_savepoint` runs the lock-check-update in a savepoint. When the
race is lost, it rolls back to the savepoint (and only to it: what the
transaction did before is kept), forgets what the ORM cached inside, and
tells the caller, which saves its record as waiting and retries the claim
later in a transaction of its own (see ``helpdesk.ticket``'s
``_entitlement_retry_pending``).
"""

from contextlib import contextmanager

import psycopg2.errors
from psycopg2 import sql

RACE_ERRORS = (
    psycopg2.errors.SerializationFailure,
    psycopg2.errors.LockNotAvailable,
)


class RaceLost(Exception):
    """A claim lost a race on its rows: retry it in another transaction."""


class Race:
    """What :func:`race_savepoint` tells the block's caller afterwards."""

    lost = False


@contextmanager
def race_savepoint(env):
    """Run the block in a savepoint; a serialization failure or an
    unavailable lock inside it rolls the block back and sets ``lost`` on the
    yielded :class:`Race` instead of failing the transaction.

    Pending ORM writes are flushed before and at the end of the block, so
    that the database reports the race inside the savepoint. Any other error
    goes through unchanged.
    """
    race = Race()
    env.flush_all()
    try:
        with env.cr.savepoint(flush=False):
            yield race
            env.flush_all()
    except RACE_ERRORS:
        # The cache and the pending recomputations may hold what the
        # rolled-back block did; the precommit hooks (tracking) of the rest
        # of the transaction are kept.
        env.transaction.clear()
        race.lost = True


# How :func:`lock_rows` treats a row another transaction holds.
WAIT = ""
NOWAIT = " NOWAIT"  # fail at once: a lost race
SKIP_LOCKED = " SKIP LOCKED"  # leave it to the transaction holding it


def lock_rows(cr, table, ids, mode=WAIT):
    """Lock the rows ``ids`` of ``table`` until the transaction ends, in the
    order of their ids (two transactions locking the same rows never wait
    for each other crosswise). Returns the ids locked: those that exist and,
    with ``SKIP_LOCKED``, that no other transaction holds."""
    if not ids:
        return []
    cr.execute(
        sql.SQL("SELECT id FROM {} WHERE id IN %s ORDER BY id FOR UPDATE{}").format(
            sql.Identifier(table), sql.SQL(mode)
        ),
        [tuple(ids)],
        # A lost race is expected and handled by the caller: not an error.
        log_exceptions=False,
    )
    return [row[0] for row in cr.fetchall()]


def lock_available(cr, table, ids):
    """Lock the rows of ``ids`` that this transaction may work on, skipping
    those another transaction holds: a cron batch that two workers run at
    once is shared between them.

    A row that another transaction changed and committed after this one's
    snapshot cannot be locked under REPEATABLE READ: the statement fails to
    serialise instead of skipping it. The rows are then locked one by one,
    each in a savepoint, and the changed ones skipped: this transaction
    would work on what it saw before the other's change.
    """
    if not ids:
        return []
    try:
        with cr.savepoint(flush=False):
            return lock_rows(cr, table, ids, SKIP_LOCKED)
    except psycopg2.errors.SerializationFailure:
        locked = []
        for row_id in ids:
            try:
                with cr.savepoint(flush=False):
                    locked += lock_rows(cr, table, [row_id], SKIP_LOCKED)
            except psycopg2.errors.SerializationFailure:
                continue
        return locked


def touch_rows(cr, table, ids, column):
    """Write the current time into ``column`` of the rows ``ids``.

    A lock alone does not stop a transaction whose snapshot predates this
    one's commit from locking the row afterwards and repeating the work on
    what it saw; once the row is written, it fails to serialise instead, and
    skips the row or retries on a new snapshot. The write locks the rows
    too: one row needs no :func:`lock_rows` before it (several do, so that
    they are locked in the order of their ids)."""
    cr.execute(
        sql.SQL("UPDATE {} SET {} = (now() at time zone 'UTC') WHERE id IN %s").format(
            sql.Identifier(table), sql.Identifier(column)
        ),
        [tuple(ids)],
        # A lost race is expected and handled by the caller: not an error.
        log_exceptions=False,
    )
