"""The Apps list entries of an addon as translation terms.

Odoo's Apps list shows each module's name and summary from its manifest,
stored on the module's record `base.module_<addon>`. Odoo exports those
terms with `base`, never with the addon: the suite's templates carry them
themselves (scripts/merge_translations.py adds them from the manifest), so
that the Spanish Apps list names and describes the suite's modules once
they are installed.
"""

import ast
from pathlib import Path

import polib

FIELDS = (("shortdesc", "name"), ("summary", "summary"))
PLACE = "model:ir.module.module,"


def is_apps_place(path):
    """Whether an occurrence of a term is an Apps list entry."""
    return path.startswith(PLACE)


def apps_entries(addon_dir):
    """One template entry per Apps field the manifest fills."""
    manifest_path = Path(addon_dir) / "__manifest__.py"
    if not manifest_path.exists():
        return []
    manifest = ast.literal_eval(manifest_path.read_text())
    name = Path(addon_dir).name
    return [
        polib.POEntry(
            msgid=manifest[key],
            msgstr="",
            occurrences=[(f"{PLACE}{field}:base.module_{name}", "")],
            comment="module: base",
        )
        for field, key in FIELDS
        if manifest.get(key)
    ]
