"""Load the business-time engine by file path: importing the addon package
would import Odoo, which these tests do without."""

import importlib.util
import sys
from pathlib import Path

ENGINE = (
    Path(__file__).resolve().parents[2]
    / "helpdesk_priority_matrix"
    / "tools"
    / "business_time.py"
)


def _load_engine():
    spec = importlib.util.spec_from_file_location("business_time", ENGINE)
    module = importlib.util.module_from_spec(spec)
    sys.modules["business_time"] = module
    spec.loader.exec_module(module)
    return module


_load_engine()
