#!/usr/bin/env python3
"""Check the suite's translations.

Usage: scripts/check_translations.py [--exported DIR] ADDON [ADDON ...]

Each addon needs i18n/<addon>.pot and a complete i18n/es.po: every term of
the template translated, no empty and no fuzzy entry, and no term the
template lacks (Odoo would drop its translation on loading). A term is a
source with its context: one English source may be split into entries with
a ``msgctxt`` (scripts/merge_translations.py), each listing its records; a
record listed under two contexts of the same source fails.
With --exported, the templates Odoo exports from an installed database
(DIR/<addon>.pot, without contexts) must list the same sources at the same
places as the committed ones, whatever context holds each place: a stale
template fails.
Prints one line per problem and exits 1 when there is any.
"""

import argparse
import sys
from pathlib import Path

import polib
from apps_entries import apps_entries, is_apps_place

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = ("es",)
SHOWN = 5


def terms(catalog):
    return {(entry.msgctxt, entry.msgid) for entry in catalog if not entry.obsolete}


def places(catalog):
    """``{(msgid, occurrence)}`` over every context; code occurrences
    without their line number, which Odoo always writes as 0."""
    return {
        (entry.msgid, path)
        for entry in catalog
        if not entry.obsolete
        for path, _line in entry.occurrences
    }


def listed_twice(catalog):
    """The places of a source that two of its contexts both claim."""
    seen, twice = set(), set()
    for entry in catalog:
        if entry.obsolete:
            continue
        for path, _line in entry.occurrences:
            place = (entry.msgid, path)
            (twice if place in seen else seen).add(place)
    return twice


def untranslated(catalog):
    for entry in catalog:
        if entry.obsolete:
            continue
        translations = (
            entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]
        )
        if "fuzzy" in entry.flags:
            yield "fuzzy", entry.msgid
        elif not all(translations):
            yield "empty", entry.msgid


def describe(term):
    context, msgid = term
    return f"{msgid} [{context}]" if context else msgid


def sample(items):
    items = sorted(str(item)[:70] for item in items)
    more = f" (and {len(items) - SHOWN} more)" if len(items) > SHOWN else ""
    return "; ".join(items[:SHOWN]) + more


def stale_apps_entries(addon, template_catalog):
    """The Apps list entries of the manifest the template lacks."""
    listed = places(template_catalog)
    wanted = {
        (entry.msgid, path)
        for entry in apps_entries(ROOT / addon)
        for path, _line in entry.occurrences
    }
    if wanted - listed:
        return [
            f"{addon}: i18n/{addon}.pot lacks the Apps list entries of the "
            "manifest (run scripts/merge_translations.py)"
        ]
    return []


def check_addon(addon, exported):
    i18n = ROOT / addon / "i18n"
    pot_path = i18n / f"{addon}.pot"
    if not pot_path.exists():
        return [f"{addon}: no i18n/{addon}.pot"]
    problems = []
    template_catalog = polib.pofile(str(pot_path))
    template = terms(template_catalog)
    twice = listed_twice(template_catalog)
    if twice:
        problems.append(
            f"{addon}: i18n/{addon}.pot lists a place under two contexts: "
            f"{sample(f'{msgid} ({path})' for msgid, path in twice)}"
        )
    for language in LANGUAGES:
        po_path = i18n / f"{language}.po"
        if not po_path.exists():
            problems.append(f"{addon}: no i18n/{language}.po")
            continue
        catalog = polib.pofile(str(po_path))
        for kind, msgid in untranslated(catalog):
            problems.append(f"{addon}/{language}.po: {kind} entry: {msgid[:70]!r}")
        missing = template - terms(catalog)
        if missing:
            problems.append(
                f"{addon}/{language}.po: {len(missing)} terms of the template "
                f"missing: {sample(describe(term) for term in missing)}"
            )
        extra = terms(catalog) - template
        if extra:
            problems.append(
                f"{addon}/{language}.po: {len(extra)} terms not in the template, "
                f"which Odoo ignores: {sample(describe(term) for term in extra)}"
            )
    problems += stale_apps_entries(addon, template_catalog)
    if exported:
        fresh_path = Path(exported) / f"{addon}.pot"
        if not fresh_path.exists():
            return [*problems, f"{addon}: Odoo exported no template for it"]
        fresh = places(polib.pofile(str(fresh_path)))
        committed = {
            place for place in places(template_catalog) if not is_apps_place(place[1])
        }
        if fresh != committed:
            new, gone = fresh - committed, committed - fresh
            problems.append(
                f"{addon}: i18n/{addon}.pot is stale ({len(new)} new places, "
                f"{len(gone)} gone): {sample(f'{m} ({p})' for m, p in new | gone)}"
            )
    return problems


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--exported", help="folder of freshly exported .pot files")
    parser.add_argument("addons", nargs="+")
    args = parser.parse_args()
    problems = [
        problem
        for addon in args.addons
        for problem in check_addon(addon, args.exported)
    ]
    for problem in problems:
        print(problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
