#!/usr/bin/env python3
"""Check the repository's XML and the suite's addons without running Odoo.

- every XML file of the repository parses;
- every file a manifest lists (data, demo, assets) exists, and every XML or
  CSV file of an addon (outside static/, tests/, i18n/) is listed;
- every manifest has the metadata the Apps list and the wheels need
  (license, author, website, maintainers, development_status, summary,
  category, an 18.0.x.y.z version, images that exist) and the addon a
  pyproject.toml with the whool build backend;
- every dependency is an addon that exists (in Odoo, this repository,
  addons/ or the virtualenv), and every `odoo.addons.X` an addon imports is
  itself or one of its direct or indirect dependencies (these two need an
  Odoo source).

Usage: check_addons.py [ADDON ...]; exit 1 on any problem.
"""

import ast
import glob
import os
import re
import sys
import sysconfig
from pathlib import Path

from lxml import etree

ROOT = Path(__file__).resolve().parent.parent
NOT_DATA = ("static", "tests", "i18n")
SKIPPED_DIRS = {"node_modules", "__pycache__"}
METADATA = (
    "name",
    "summary",
    "version",
    "license",
    "author",
    "website",
    "maintainers",
    "development_status",
    "category",
    "images",
)
VERSION = re.compile(r"^18\.0\.\d+\.\d+\.\d+$")
WHOOL = 'build-backend = "whool.buildapi"'
IMPORT = re.compile(r"^\s*(?:from|import)\s+odoo\.addons\.(\w+)", re.MULTILINE)


def addon_roots():
    odoo_home = Path(os.environ.get("ODOO_HOME", "/opt/odoo18"))
    sites = [Path(sysconfig.get_paths()["purelib"])]
    sites += ROOT.glob(".venv/lib/python3*/site-packages")
    roots = [odoo_home / "odoo" / "addons", odoo_home / "addons", ROOT, ROOT / "addons"]
    return roots + [site / "odoo" / "addons" for site in sites]


def read_manifest(path):
    return ast.literal_eval(path.read_text())


def repository_xml():
    """Every XML file of the repository, hidden folders (.venv, ...) aside."""
    for folder, dirs, files in os.walk(ROOT):
        dirs[:] = [d for d in dirs if not d.startswith(".") and d not in SKIPPED_DIRS]
        for name in sorted(files):
            if name.endswith(".xml"):
                yield Path(folder) / name


def check_xml():
    for path in repository_xml():
        try:
            etree.parse(str(path))
        except etree.XMLSyntaxError as error:
            yield f"{path.relative_to(ROOT)}: {error}"


def check_files(addon, manifest):
    listed = set()
    for key in ("data", "demo"):
        for name in manifest.get(key, []):
            listed.add(name)
            if not (addon / name).is_file():
                yield f"{addon.name}: {key} file {name} does not exist"
    for bundle, entries in manifest.get("assets", {}).items():
        for entry in entries:
            pattern = entry[-1] if isinstance(entry, tuple | list) else entry
            if pattern.startswith(f"{addon.name}/") and not glob.glob(
                str(ROOT / pattern), recursive=True
            ):
                yield f"{addon.name}: asset {pattern} of {bundle} matches no file"
    for path in sorted(addon.rglob("*")):
        name = path.relative_to(addon).as_posix()
        if (
            path.suffix in (".xml", ".csv")
            and name.split("/")[0] not in NOT_DATA
            and name not in listed
        ):
            yield f"{addon.name}: {name} is not listed in the manifest"


def check_metadata(addon, manifest):
    for key in METADATA:
        if not manifest.get(key):
            yield f"{addon.name}: the manifest has no {key}"
    if not VERSION.match(manifest.get("version", "")):
        yield f"{addon.name}: version {manifest.get('version')} is not 18.0.x.y.z"
    for image in manifest.get("images", []):
        if not (addon / image).is_file():
            yield f"{addon.name}: image {image} does not exist"
    pyproject = addon / "pyproject.toml"
    if not pyproject.is_file() or WHOOL not in pyproject.read_text():
        yield f"{addon.name}: no pyproject.toml with the whool build backend"


def find_addon(name, roots):
    for root in roots:
        if (root / name / "__manifest__.py").is_file():
            return root / name
    return None


def all_dependencies(manifest, roots):
    """The addon's dependencies, direct and indirect."""
    seen, todo = set(), list(manifest.get("depends", []))
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        path = find_addon(name, roots)
        if path:
            todo += read_manifest(path / "__manifest__.py").get("depends", [])
    return seen


def check_dependencies(addon, manifest, roots):
    for name in manifest.get("depends", []):
        if not find_addon(name, roots):
            yield f"{addon.name}: dependency {name} is not an available addon"
    allowed = all_dependencies(manifest, roots) | {addon.name}
    for path in sorted(addon.rglob("*.py")):
        for name in sorted(set(IMPORT.findall(path.read_text()))):
            if name not in allowed:
                yield (
                    f"{path.relative_to(ROOT)}: imports odoo.addons.{name},"
                    f" which {addon.name} does not depend on"
                )


def main(names):
    roots = addon_roots()
    odoo_available = (roots[0] / "base" / "__manifest__.py").is_file()
    problems = list(check_xml())
    for name in names:
        addon = ROOT / name
        manifest = read_manifest(addon / "__manifest__.py")
        problems += check_files(addon, manifest)
        problems += check_metadata(addon, manifest)
        if odoo_available:
            problems += check_dependencies(addon, manifest, roots)
    for problem in problems:
        print(problem)
    if not odoo_available:
        print("dependencies not checked: no Odoo source at ODOO_HOME")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
