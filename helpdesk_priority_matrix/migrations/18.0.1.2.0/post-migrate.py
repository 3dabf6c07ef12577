"""Load the module's translations again, overwriting the ones a database
holds: Spanish impact and urgency labels now agree with their noun
("impacto Alto", "urgencia Alta") through one entry per field, which a plain
update does not apply over the single word stored before.
"""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    languages = [code for code, _name in env["res.lang"].get_installed()]
    env["ir.module.module"]._load_module_terms(
        ["helpdesk_priority_matrix"],
        [code for code in languages if code != "en_US"],
        overwrite=True,
    )
