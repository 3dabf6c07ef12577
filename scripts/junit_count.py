#!/usr/bin/env python3
"""Print "passed failed skipped" counted from pytest JUnit XML reports."""

import sys

from lxml import etree

passed = failed = skipped = 0
for report in sys.argv[1:]:
    try:
        cases = etree.parse(report).iter("testcase")
    except (OSError, etree.XMLSyntaxError):
        failed += 1
        continue
    for case in cases:
        outcome = {child.tag for child in case}
        if outcome & {"failure", "error"}:
            failed += 1
        elif "skipped" in outcome:
            skipped += 1
        else:
            passed += 1
print(passed, failed, skipped)
