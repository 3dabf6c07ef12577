import threading
from contextlib import contextmanager

from psycopg2 import IntegrityError

from odoo import api
from odoo.tests import TransactionCase, tagged

from odoo.addons.helpdesk_priority_matrix.tools.row_lock import (
    NOWAIT,
    lock_available,
    lock_rows,
    race_savepoint,
    touch_rows,
)

from .committed import CommittedFixtures

TIMEOUT = 30


@contextmanager
def held_elsewhere(registry, ids):
    """The rows ``ids`` of res_partner locked by another transaction, in a
    thread of its own, until the block ends."""
    held, release = threading.Event(), threading.Event()

    def hold():
        with registry.cursor() as cr:
            lock_rows(cr, "res_partner", ids)
            held.set()
            release.wait(TIMEOUT)

    holder = threading.Thread(target=hold)
    holder.start()
    try:
        if not held.wait(TIMEOUT):
            raise TimeoutError("the other transaction did not lock the rows")
        yield
    finally:
        release.set()
        holder.join(TIMEOUT)


@tagged("post_install", "-at_install")
class TestRowLock(CommittedFixtures, TransactionCase):
    """``race_savepoint`` and ``lock_rows`` with real transactions: a
    committed row, and cursors of their own that race for it."""

    def setUp(self):
        super().setUp()
        [self.partner_id] = self.commit_fixture(
            "res.partner", {"name": "Fila Compartida"}
        )

    def _env(self, cr):
        return api.Environment(cr, api.SUPERUSER_ID, {})

    def _rename_and_commit(self, name):
        with self.registry.cursor() as cr:
            self._env(cr)["res.partner"].browse(self.partner_id).name = name

    def _names(self, cr, ids):
        cr.execute(
            "SELECT name FROM res_partner WHERE id IN %s ORDER BY id", [tuple(ids)]
        )
        return [row[0] for row in cr.fetchall()]

    def test_lost_race_rolls_back_the_block_only(self):
        """The snapshot predates a committed change of the row: locking it
        fails to serialise; the block is undone, what came before is kept
        and the transaction commits."""
        with self.registry.cursor() as cr:
            env = self._env(cr)
            before = env["res.partner"].create({"name": "Antes del bloque"})
            self._rename_and_commit("Cambiada por otra transacción")
            with race_savepoint(env) as race:
                inside = env["res.partner"].create({"name": "Dentro del bloque"})
                lock_rows(cr, "res_partner", [self.partner_id])
            self.assertTrue(race.lost)
            self.assertFalse(inside.exists())
            self.assertTrue(before.exists())
            created = [before.id, inside.id]
        self.remove_after(before | inside)
        with self.registry.cursor() as cr:
            self.assertEqual(self._names(cr, created), ["Antes del bloque"])

    def test_won_race_keeps_the_block(self):
        with self.registry.cursor() as cr:
            env = self._env(cr)
            with race_savepoint(env) as race:
                lock_rows(cr, "res_partner", [self.partner_id])
                env["res.partner"].browse(self.partner_id).name = "Reclamada"
            self.assertFalse(race.lost)
        with self.registry.cursor() as cr:
            self.assertEqual(self._names(cr, [self.partner_id]), ["Reclamada"])

    def test_lock_held_elsewhere_with_nowait_is_a_lost_race(self):
        with held_elsewhere(self.registry, [self.partner_id]):
            with self.registry.cursor() as cr:
                with race_savepoint(self._env(cr)) as race:
                    lock_rows(cr, "res_partner", [self.partner_id], NOWAIT)
                self.assertTrue(race.lost)

    def test_other_errors_go_through(self):
        with self.registry.cursor() as cr:
            env = self._env(cr)
            with self.assertRaises(IntegrityError):
                with race_savepoint(env):
                    cr.execute(
                        "INSERT INTO res_partner (id, name) VALUES (%s, 'x')",
                        [self.partner_id],
                    )
            cr.rollback()

    def test_concurrent_claims_one_wins_the_others_are_told(self):
        """Ten transactions take their snapshots, then all lock the row and
        update it: one wins, the nine others lose the race without an error
        and commit what they did before."""
        barrier = threading.Barrier(10)
        outcomes, created = [], []

        def claim(index):
            with self.registry.cursor() as cr:
                env = self._env(cr)
                mine = env["res.partner"].create({"name": f"Ticket {index}"})
                env.flush_all()
                barrier.wait(TIMEOUT)
                with race_savepoint(env) as race:
                    lock_rows(cr, "res_partner", [self.partner_id])
                    cr.execute(
                        "UPDATE res_partner SET name = %s WHERE id = %s",
                        [f"Reclamada por {index}", self.partner_id],
                    )
                outcomes.append(race.lost)
                created.append(mine.id)

        threads = [threading.Thread(target=claim, args=(n,)) for n in range(10)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(TIMEOUT * 2)
        self.remove_after(self.env["res.partner"].browse(created))
        self.assertFalse(any(thread.is_alive() for thread in threads))
        self.assertEqual(sorted(outcomes), [False] + [True] * 9)
        with self.registry.cursor() as cr:
            self.assertEqual(len(self._names(cr, created)), 10, "nothing was lost")


@tagged("post_install", "-at_install")
class TestLockAvailable(CommittedFixtures, TransactionCase):
    """``lock_available`` and ``touch_rows``: how two workers share a cron
    batch, with real transactions on committed rows."""

    def setUp(self):
        super().setUp()
        self.ids = self.commit_fixture(
            "res.partner", [{"name": f"Fila {index}"} for index in range(3)]
        )

    def test_rows_held_by_another_worker_are_skipped(self):
        with held_elsewhere(self.registry, self.ids[:1]):
            with self.registry.cursor() as cr:
                self.assertEqual(
                    lock_available(cr, "res_partner", self.ids), self.ids[1:]
                )

    def test_a_row_touched_since_the_snapshot_is_skipped_the_others_locked(self):
        """The other worker processed the first row and committed after this
        transaction's snapshot: this one leaves that row and keeps the
        others, in the same transaction."""
        with self.registry.cursor() as cr:
            cr.execute("SELECT 1")  # the snapshot
            with self.registry.cursor() as other:
                lock_rows(other, "res_partner", self.ids[:1])
                touch_rows(other, "res_partner", self.ids[:1], "write_date")
            self.assertEqual(lock_available(cr, "res_partner", self.ids), self.ids[1:])
            cr.execute(
                "SELECT count(*) FROM res_partner WHERE id IN %s", [tuple(self.ids)]
            )
            self.assertEqual(cr.fetchone()[0], 3)

    def test_nothing_to_lock(self):
        with self.registry.cursor() as cr:
            self.assertEqual(lock_available(cr, "res_partner", []), [])
            self.assertEqual(lock_rows(cr, "res_partner", []), [])
