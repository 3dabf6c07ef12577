"""Load the foundation's pure tools by file path: importing the addon
package would import Odoo, which these tests do without."""

import importlib.util
import os
import sys
from pathlib import Path

from hypothesis import settings

TOOLS = Path(__file__).resolve().parents[2] / "helpdesk_priority_matrix" / "tools"


def _load_tool(name):
    spec = importlib.util.spec_from_file_location(name, TOOLS / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


for _name in ("business_time", "sla_planner", "sla_status", "entitlement"):
    _load_tool(_name)

# Mutation testing runs the suite once per mutant: fewer random examples
# there, the fixed boundary examples always.
settings.register_profile("default", max_examples=200, deadline=None)
settings.register_profile("mutation", max_examples=40, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))
