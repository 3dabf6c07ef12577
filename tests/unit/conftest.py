"""Load the foundation's pure tools by file path: importing the addon
package would import Odoo, which these tests do without.

Each tool is registered under its dotted path (what mutation testing names
its functions after) and under its short name, which the tests import."""

import importlib.util
import os
import sys
import time
from pathlib import Path

from hypothesis import settings

ROOT = Path(__file__).resolve().parents[2]
TOOLS = ("business_time", "sla_planner", "sla_status", "entitlement")


def _load_tool(name):
    dotted = f"helpdesk_priority_matrix.tools.{name}"
    path = ROOT / "helpdesk_priority_matrix" / "tools" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(dotted, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[dotted] = sys.modules[name] = module
    spec.loader.exec_module(module)


for _name in TOOLS:
    _load_tool(_name)

# Servers run in UTC; the engine must not depend on it, so test it elsewhere.
os.environ["TZ"] = "Asia/Kolkata"
time.tzset()

# Mutation testing runs the suite once per mutant: fewer random examples
# there, the fixed boundary examples always.
settings.register_profile("default", max_examples=200, deadline=None)
settings.register_profile("mutation", max_examples=40, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))
