from odoo.tools.misc import file_path
from odoo.tools.translate import TranslationImporter


def load_spanish(env, *modules):
    """Activate Spanish and load the es.po of ``modules`` as a module update
    does: through Odoo's PO reader, which merges each module's template into
    its es.po. Values already in Spanish are overwritten, so that a database
    where an older file was loaded reads the committed one. The caches of
    translated selections are cleared now and when the test ends."""
    env["res.lang"]._activate_lang("es_ES")
    importer = TranslationImporter(env.cr, verbose=False)
    for module in modules:
        importer.load_file(file_path(f"{module}/i18n/es.po"), "es_ES")
    importer.save(overwrite=True, force_overwrite=True)
    env.registry.clear_cache()
    env.invalidate_all()
