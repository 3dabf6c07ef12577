"""scripts/merge_translations.py and scripts/check_translations.py on small
catalogs: one English "High" with a Spanish word per context."""

import importlib.util
import sys
from pathlib import Path

import polib
import pytest

SCRIPTS = Path(__file__).resolve().parents[2] / "scripts"
# The scripts import their shared helpers (apps_entries) as siblings.
sys.path.insert(0, str(SCRIPTS))


def _script(name):
    spec = importlib.util.spec_from_file_location(name, SCRIPTS / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


merge = _script("merge_translations")
check = _script("check_translations")

SELECTION = "model:ir.model.fields.selection,name:demo.selection__ticket__{}__high"
LEVEL = "model:helpdesk.priority.level,name:demo.level_p2"
CODE = "code:addons/demo/models/ticket.py"


def entry(msgid, msgstr="", msgctxt=None, places=(), flags=()):
    return polib.POEntry(
        msgid=msgid,
        msgstr=msgstr,
        msgctxt=msgctxt,
        occurrences=[
            (place, "0" if place.startswith("code:") else "") for place in places
        ],
        comment="module: demo",
        flags=list(flags),
    )


def catalog(*entries):
    result = polib.POFile(wrapwidth=78)
    result.metadata = {"Content-Type": "text/plain; charset=UTF-8"}
    result.extend(entries)
    return result


def exported():
    """What Odoo exports: one entry per source, no context."""
    return catalog(
        entry(
            "High",
            places=(LEVEL, SELECTION.format("impact"), SELECTION.format("urgency")),
        ),
        entry("Ticket closed", places=(CODE,)),
    )


def spanish():
    """es.po: impact masculine, the rest feminine."""
    return catalog(
        entry("High", "Alta", places=(LEVEL, SELECTION.format("urgency"))),
        entry("High", "Alto", "impact", places=(SELECTION.format("impact"),)),
        entry("Ticket closed", "Ticket cerrado", places=(CODE,)),
    )


def write_addon(root, template, translations):
    i18n = root / "demo" / "i18n"
    i18n.mkdir(parents=True)
    template.save(str(i18n / "demo.pot"))
    translations.save(str(i18n / "es.po"))
    return i18n


def by_term(pofile):
    return {(e.msgctxt, e.msgid): e for e in polib.pofile(str(pofile))}


def test_merge_splits_the_template_by_the_contexts_of_es_po(tmp_path):
    i18n = write_addon(tmp_path, exported(), spanish())
    count, missing = merge.merge_addon("demo", root=tmp_path)
    assert (count, missing) == (3, [])
    template, translations = by_term(i18n / "demo.pot"), by_term(i18n / "es.po")
    assert set(template) == {
        (None, "High"),
        ("impact", "High"),
        (None, "Ticket closed"),
    }
    assert template[("impact", "High")].occurrences == [
        (SELECTION.format("impact"), "")
    ]
    assert [p for p, _l in template[(None, "High")].occurrences] == [
        LEVEL,
        SELECTION.format("urgency"),
    ]
    assert all(e.comment == "module: demo" for e in template.values())
    assert {term: e.msgstr for term, e in translations.items()} == {
        (None, "High"): "Alta",
        ("impact", "High"): "Alto",
        (None, "Ticket closed"): "Ticket cerrado",
    }


def test_merge_is_idempotent(tmp_path):
    i18n = write_addon(tmp_path, exported(), spanish())
    merge.merge_addon("demo", root=tmp_path)
    first = ((i18n / "demo.pot").read_text(), (i18n / "es.po").read_text())
    merge.merge_addon("demo", root=tmp_path)
    assert ((i18n / "demo.pot").read_text(), (i18n / "es.po").read_text()) == first


NEW_CODE = "code:addons/demo/models/stage.py"


@pytest.mark.parametrize(
    ("change", "place", "expected_msgstr", "expected_missing"),
    [
        # A new place of a known source takes the plain translation.
        (
            lambda po: po[0].occurrences.append((SELECTION.format("priority"), "")),
            SELECTION.format("priority"),
            "Alta",
            [],
        ),
        # A new source is reported, left empty for the check to refuse.
        (
            lambda po: po.append(entry("Reopened", places=(NEW_CODE,))),
            NEW_CODE,
            "",
            ["Reopened"],
        ),
    ],
)
def test_merge_new_terms(tmp_path, change, place, expected_msgstr, expected_missing):
    template = exported()
    change(template)
    i18n = write_addon(tmp_path, template, spanish())
    _count, missing = merge.merge_addon("demo", root=tmp_path)
    assert missing == expected_missing
    translated = [
        e.msgstr
        for e in polib.pofile(str(i18n / "es.po"))
        if place in (path for path, _line in e.occurrences)
    ]
    assert translated == [expected_msgstr]


def checked(tmp_path, monkeypatch, template, translations, fresh=None):
    write_addon(tmp_path, template, translations)
    monkeypatch.setattr(check, "ROOT", tmp_path)
    folder = None
    if fresh is not None:
        folder = tmp_path / "exported"
        folder.mkdir()
        fresh.save(str(folder / "demo.pot"))
    return check.check_addon("demo", folder and str(folder))


def merged(tmp_path):
    write_addon(tmp_path / "merged", exported(), spanish())
    merge.merge_addon("demo", root=tmp_path / "merged")
    i18n = tmp_path / "merged" / "demo" / "i18n"
    return polib.pofile(str(i18n / "demo.pot")), polib.pofile(str(i18n / "es.po"))


def test_check_accepts_a_template_split_by_context(tmp_path, monkeypatch):
    template, translations = merged(tmp_path)
    assert checked(tmp_path, monkeypatch, template, translations, exported()) == []


@pytest.mark.parametrize(
    ("change_template", "change_translations", "change_fresh", "problem"),
    [
        (None, lambda po: setattr(po[0], "msgstr", ""), None, "empty entry: 'High'"),
        (None, lambda po: po[1].flags.append("fuzzy"), None, "fuzzy entry: 'High'"),
        (
            None,
            lambda po: po.remove(po[1]),
            None,
            "1 terms of the template missing: High [impact]",
        ),
        (
            None,
            lambda po: po.append(entry("High", "Alta", "urgency", places=(LEVEL,))),
            None,
            "1 terms not in the template, which Odoo ignores: High [urgency]",
        ),
        (
            None,
            None,
            lambda po: po[0].occurrences.append((SELECTION.format("priority"), "")),
            "demo.pot is stale (1 new places, 0 gone)",
        ),
        (
            None,
            None,
            lambda po: po.remove(po[1]),
            "demo.pot is stale (0 new places, 1 gone): Ticket closed",
        ),
        (
            lambda po: po[1].occurrences.append((LEVEL, "")),
            None,
            None,
            "lists a place under two contexts: High",
        ),
    ],
)
def test_check_refuses(
    tmp_path, monkeypatch, change_template, change_translations, change_fresh, problem
):
    template, translations = merged(tmp_path)
    fresh = exported()
    for pofile, change in (
        (template, change_template),
        (translations, change_translations),
        (fresh, change_fresh),
    ):
        if change:
            change(pofile)
    problems = checked(tmp_path, monkeypatch, template, translations, fresh)
    assert any(problem in found for found in problems), problems


def test_check_ignores_code_line_numbers(tmp_path, monkeypatch):
    template, translations = merged(tmp_path)
    fresh = exported()
    fresh[1].occurrences = [(CODE, "17")]
    assert checked(tmp_path, monkeypatch, template, translations, fresh) == []


MANIFEST = '{"name": "Demo Wallet", "summary": "Prepaid tickets"}'
APPS_NAME = "model:ir.module.module,shortdesc:base.module_demo"
APPS_SUMMARY = "model:ir.module.module,summary:base.module_demo"


def test_merge_adds_the_apps_entries_of_the_manifest(tmp_path):
    i18n = write_addon(tmp_path, exported(), spanish())
    (tmp_path / "demo" / "__manifest__.py").write_text(MANIFEST)
    _count, missing = merge.merge_addon("demo", root=tmp_path)
    assert missing == ["Demo Wallet", "Prepaid tickets"]
    template = by_term(i18n / "demo.pot")
    assert template[(None, "Demo Wallet")].occurrences == [(APPS_NAME, "")]
    assert template[(None, "Prepaid tickets")].occurrences == [(APPS_SUMMARY, "")]
    # A new summary replaces the old one; the name keeps its translation.
    translations = polib.pofile(str(i18n / "es.po"))
    translations.find("Demo Wallet").msgstr = "Billetera demo"
    translations.save()
    (tmp_path / "demo" / "__manifest__.py").write_text(
        MANIFEST.replace("Prepaid tickets", "Prepaid ticket packs")
    )
    _count, missing = merge.merge_addon("demo", root=tmp_path)
    assert missing == ["Prepaid ticket packs"]
    assert (None, "Prepaid tickets") not in by_term(i18n / "demo.pot")
    assert by_term(i18n / "es.po")[(None, "Demo Wallet")].msgstr == "Billetera demo"


def test_check_wants_the_apps_entries_and_ignores_them_in_the_export(
    tmp_path, monkeypatch
):
    template, translations = merged(tmp_path)
    for root in (tmp_path / "without", tmp_path / "with"):
        (root / "demo").mkdir(parents=True)
        (root / "demo" / "__manifest__.py").write_text(MANIFEST)
    problems = checked(
        tmp_path / "without", monkeypatch, template, translations, exported()
    )
    assert problems == [
        "demo: i18n/demo.pot lacks the Apps list entries of the manifest "
        "(run scripts/merge_translations.py)"
    ]
    for msgid, place in (("Demo Wallet", APPS_NAME), ("Prepaid tickets", APPS_SUMMARY)):
        template.append(entry(msgid, places=(place,)))
        translations.append(entry(msgid, msgid.upper(), places=(place,)))
    assert (
        checked(tmp_path / "with", monkeypatch, template, translations, exported())
        == []
    )
