"""Load the suite's pure tools by file path: importing an addon package
would import Odoo, which these tests do without.

Each tool of every suite addon (``<addon>/tools/<name>.py``) is registered
under its dotted path (what mutation testing names its functions after) and
under its short name, which the tests import."""

import importlib.util
import os
import sys
import time
from pathlib import Path

from hypothesis import settings

ROOT = Path(__file__).resolve().parents[2]
# The foundation's tools first: the others may build on them.
FOUNDATION = "helpdesk_priority_matrix"


def _load_tool(path):
    addon, name = path.parent.parent.name, path.stem
    dotted = f"{addon}.tools.{name}"
    spec = importlib.util.spec_from_file_location(dotted, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[dotted] = sys.modules[name] = module
    spec.loader.exec_module(module)


def _tool_files():
    files = sorted(ROOT.glob("*/tools/*.py"))
    files.sort(key=lambda path: path.parent.parent.name != FOUNDATION)
    return [path for path in files if path.name != "__init__.py"]


for _path in _tool_files():
    _load_tool(_path)

# Servers run in UTC; the engine must not depend on it, so test it elsewhere.
os.environ["TZ"] = "Asia/Kolkata"
time.tzset()

# Mutation testing runs the suite once per mutant: fewer random examples
# there, the fixed boundary examples always.
settings.register_profile("default", max_examples=200, deadline=None)
settings.register_profile("mutation", max_examples=40, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))
