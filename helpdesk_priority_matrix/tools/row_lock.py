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


def lock_rows(cr, table, ids, nowait=False):
    """Lock the rows ``ids`` of ``table`` until the transaction ends, in the
    order of their ids (two transactions locking the same rows never wait
    for each other crosswise). Returns the ids that exist."""
    if not ids:
        return []
    cr.execute(
        sql.SQL("SELECT id FROM {} WHERE id IN %s ORDER BY id FOR UPDATE{}").format(
            sql.Identifier(table), sql.SQL(" NOWAIT" if nowait else "")
        ),
        [tuple(ids)],
        # A lost race is expected and handled by the caller: not an error.
        log_exceptions=False,
    )
    return [row[0] for row in cr.fetchall()]
