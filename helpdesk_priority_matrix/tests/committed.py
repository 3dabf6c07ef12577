"""Committed fixtures for tests whose transactions race in threads.

A transaction of another thread (or a second cursor) sees only what is
committed: such a test creates its fixtures in a transaction of its own,
commits them, and must remove them afterwards, whatever its outcome, or the
database keeps them for the next tests.
"""

from contextlib import contextmanager

from odoo import SUPERUSER_ID, Command, api
from odoo.modules.registry import Registry
from odoo.tests import get_db_name

X2MANY = ("one2many", "many2many")


class CommittedFixtures:
    """Mixin of a test case (``BaseCase``, ``TransactionCase``) whose
    fixtures other transactions must see.

    Every record created or changed through it is removed or restored after
    the test, in the reverse order of the fixtures (``addCleanup``): what
    was created last, and may refer to what came before, goes first.
    """

    @contextmanager
    def committed_env(self):
        """A superuser environment on a cursor of its own: committed when
        the block ends, rolled back when it raises."""
        with Registry(get_db_name()).cursor() as cr:
            yield api.Environment(cr, SUPERUSER_ID, {})

    def commit_fixture(self, model, vals):
        """Create records of ``model`` from ``vals`` (a dict or a list of
        them) in a transaction of their own, commit them and remove them
        after the test. Returns their ids."""
        with self.committed_env() as env:
            records = env[model].create(vals)
            self.remove_after(records)
            return records.ids

    def remove_after(self, records):
        """Remove ``records``, created in a :meth:`committed_env`, after the
        test; those already gone are skipped."""
        self.addCleanup(self._remove_committed, records._name, records.ids)

    def restore_after(self, records, field_names):
        """Write back after the test the values ``records`` have now, read
        in their :meth:`committed_env`, for the fields ``field_names``."""
        values = records.read(field_names, load=None)
        self.addCleanup(self._restore_committed, records._name, values)

    def _remove_committed(self, model, ids):
        with self.committed_env() as env:
            env[model].with_context(active_test=False).browse(ids).exists().unlink()

    def _restore_committed(self, model, values):
        with self.committed_env() as env:
            fields = env[model]._fields
            for row in values:
                record_id = row.pop("id")
                env[model].browse(record_id).write(
                    {
                        name: [Command.set(value)]
                        if fields[name].type in X2MANY
                        else value
                        for name, value in row.items()
                    }
                )
