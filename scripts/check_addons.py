#!/usr/bin/env python3
"""Check the suite's addons without running Odoo.

- every XML file parses;
- every file a manifest lists (data, demo, assets) exists, and every data
  file of the usual folders is listed;
- every dependency is an addon that exists (in Odoo, this repository,
  addons/ or the virtualenv), when an Odoo source is available.

Usage: check_addons.py ADDON [ADDON ...]; exit 1 on any problem.
"""

import ast
import glob
import os
import sys
import sysconfig
from pathlib import Path

from lxml import etree

ROOT = Path(__file__).resolve().parent.parent
DATA_FOLDERS = ("data", "demo", "security", "views", "wizards", "report", "templates")


def addon_roots():
    odoo_home = Path(os.environ.get("ODOO_HOME", "/opt/odoo18"))
    sites = [Path(sysconfig.get_paths()["purelib"])]
    sites += ROOT.glob(".venv/lib/python3*/site-packages")
    roots = [odoo_home / "odoo" / "addons", odoo_home / "addons", ROOT, ROOT / "addons"]
    return roots + [site / "odoo" / "addons" for site in sites]


def check_xml(addon):
    for path in sorted(addon.rglob("*.xml")):
        try:
            etree.parse(str(path))
        except etree.XMLSyntaxError as error:
            yield f"{path.relative_to(ROOT)}: {error}"


def check_manifest(addon, manifest):
    listed = set()
    for key in ("data", "demo"):
        for name in manifest.get(key, []):
            listed.add(name)
            if not (addon / name).is_file():
                yield f"{addon.name}: {key} file {name} does not exist"
    for bundle, paths in manifest.get("assets", {}).items():
        for entry in paths:
            pattern = entry[-1] if isinstance(entry, tuple | list) else entry
            if pattern.startswith(f"{addon.name}/") and not glob.glob(
                str(ROOT / pattern), recursive=True
            ):
                yield f"{addon.name}: asset {pattern} of {bundle} matches no file"
    for folder in DATA_FOLDERS:
        for path in sorted((addon / folder).glob("*")):
            name = path.relative_to(addon).as_posix()
            if path.suffix in (".xml", ".csv") and name not in listed:
                yield f"{addon.name}: {name} is not listed in the manifest"


def check_depends(addon, manifest, roots):
    for dependency in manifest.get("depends", []):
        if not any((root / dependency / "__manifest__.py").is_file() for root in roots):
            yield f"{addon.name}: dependency {dependency} is not an available addon"


def main(names):
    roots = addon_roots()
    odoo_available = (roots[0] / "base" / "__manifest__.py").is_file()
    problems = []
    for name in names:
        addon = ROOT / name
        manifest = ast.literal_eval((addon / "__manifest__.py").read_text())
        problems += check_xml(addon)
        problems += check_manifest(addon, manifest)
        if odoo_available:
            problems += check_depends(addon, manifest, roots)
    for problem in problems:
        print(problem)
    if not odoo_available:
        print("dependencies not checked: no Odoo source at ODOO_HOME")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
