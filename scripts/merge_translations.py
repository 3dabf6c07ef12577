#!/usr/bin/env python3
"""Merge freshly exported translation templates into the suite's es.po.

Usage: scripts/merge_translations.py ADDON [ADDON ...]

Run it after exporting the templates with Odoo (README, "Translations").
For each addon it reads i18n/<addon>.pot and i18n/es.po, then:

1. Splits the template by context. Odoo exports one entry per English
   source, but one English word may need several Spanish ones: "High" is
   "Alto" as an impact and "Alta" as an urgency. es.po says which records
   take which word with entries that carry a ``msgctxt`` and list those
   records; each such occurrence moves from the plain template entry to an
   entry with that context. The template must hold the contexts too: Odoo's
   PO reader merges it into es.po and drops every es.po entry it lacks.
2. Rewrites es.po with one entry per template entry, keeping the
   translation of the same context and source, else the translation of the
   same source in any context.

3. Adds the module's Apps list entries (name and summary of the manifest),
   which Odoo exports with `base` (scripts/apps_entries.py).

Prints the number of entries per addon and the terms left untranslated,
which scripts/check_translations.py then refuses.
"""

import argparse
import sys
from pathlib import Path

import polib
from apps_entries import apps_entries, is_apps_place

ROOT = Path(__file__).resolve().parent.parent
LANGUAGE = "es"
WRAP = 78


def occurrence_key(occurrence):
    """An occurrence without its line number: Odoo writes "0" for code."""
    path, _line = occurrence
    return path


def contexts(catalog):
    """``{(msgid, occurrence): msgctxt}`` of the entries that carry a context."""
    return {
        (entry.msgid, occurrence_key(occurrence)): entry.msgctxt
        for entry in catalog
        if entry.msgctxt and not entry.obsolete
        for occurrence in entry.occurrences
    }


def split_entry(entry, context_of):
    """``entry`` as one entry per context its occurrences belong to; the
    plain entry only when an occurrence belongs to no context."""
    groups = {}
    for occurrence in entry.occurrences:
        context = context_of.get(
            (entry.msgid, occurrence_key(occurrence)), entry.msgctxt
        )
        groups.setdefault(context, []).append(occurrence)
    return [
        polib.POEntry(
            msgid=entry.msgid,
            msgctxt=context,
            msgstr="",
            occurrences=occurrences,
            comment=entry.comment,
            tcomment=entry.tcomment,
            flags=[flag for flag in entry.flags if flag != "fuzzy"],
        )
        for context, occurrences in groups.items()
    ]


def split_template(template, context_of):
    """A copy of ``template`` whose entries are split by context, sorted as
    Odoo sorts its exports: by source, the plain entry first."""
    split = polib.POFile(wrapwidth=WRAP)
    split.header = template.header
    split.metadata = template.metadata
    entries = [
        part
        for entry in template
        if not entry.obsolete
        for part in split_entry(entry, context_of)
    ]
    entries.sort(key=lambda entry: (entry.msgid, entry.msgctxt or ""))
    split.extend(entries)
    return split


def merged_catalog(template, catalog):
    """The entries of ``template`` translated from ``catalog``; the list of
    the sources left untranslated."""
    exact = {
        (entry.msgctxt, entry.msgid): entry.msgstr
        for entry in catalog
        if entry.msgstr and not entry.obsolete
    }
    by_source = {}
    for entry in catalog:
        if entry.msgstr and not entry.obsolete:
            by_source.setdefault(entry.msgid, entry.msgstr)
    merged = polib.POFile(wrapwidth=WRAP)
    merged.header = catalog.header
    merged.metadata = catalog.metadata
    missing = []
    for entry in template:
        translated = polib.POEntry(
            msgid=entry.msgid,
            msgctxt=entry.msgctxt,
            occurrences=entry.occurrences,
            comment=entry.comment,
            tcomment=entry.tcomment,
            flags=list(entry.flags),
        )
        translated.msgstr = exact.get((entry.msgctxt, entry.msgid)) or by_source.get(
            entry.msgid, ""
        )
        if not translated.msgstr:
            missing.append(entry.msgid)
        merged.append(translated)
    return merged, missing


def with_apps_entries(template, addon_dir):
    """The template with the Apps list entries of the manifest as it is now,
    in place of those it had (Odoo exports them with `base`)."""
    kept = [
        entry
        for entry in template
        if not any(is_apps_place(path) for path, _line in entry.occurrences)
    ]
    entries = kept + apps_entries(addon_dir)
    entries.sort(key=lambda entry: (entry.msgid, entry.msgctxt or ""))
    template[:] = entries
    return template


def merge_addon(addon, root=ROOT):
    i18n = Path(root) / addon / "i18n"
    pot_path, po_path = i18n / f"{addon}.pot", i18n / f"{LANGUAGE}.po"
    catalog = polib.pofile(str(po_path), wrapwidth=WRAP)
    template = split_template(
        polib.pofile(str(pot_path), wrapwidth=WRAP), contexts(catalog)
    )
    template = with_apps_entries(template, Path(root) / addon)
    merged, missing = merged_catalog(template, catalog)
    template.save(str(pot_path))
    merged.save(str(po_path))
    return len(merged), missing


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("addons", nargs="+")
    args = parser.parse_args()
    incomplete = False
    for addon in args.addons:
        count, missing = merge_addon(addon)
        print(f"{addon}: {count} entries, {len(missing)} untranslated")
        for msgid in missing:
            print(f"    {msgid[:100]!r}")
        incomplete = incomplete or bool(missing)
    return 1 if incomplete else 0


if __name__ == "__main__":
    sys.exit(main())
