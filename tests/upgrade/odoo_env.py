"""Open a database with the Odoo and the addons path of a configuration
file, for the upgrade test's scripts (run with PYTHONPATH=ODOO_HOME)."""

import contextlib

import odoo
from odoo import SUPERUSER_ID, api


def configure(argv):
    """Read Odoo's command line (`-c CONF -d DB [--logfile LOG]`)."""
    odoo.tools.config.parse_config(list(argv))


@contextlib.contextmanager
def environment():
    """A superuser environment of the configured database, on its current
    registry (a new one after an install or an uninstall); committed when
    the block succeeds."""
    registry = odoo.modules.registry.Registry(odoo.tools.config["db_name"])
    with registry.cursor() as cr:
        yield api.Environment(cr, SUPERUSER_ID, {})
        cr.commit()
