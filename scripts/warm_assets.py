#!/usr/bin/env python3
"""Build, once and for good, the asset bundles the browser tours load.

A tour's requests share its test transaction, which is rolled back after
each test: the bundles the browser asks for (compiled SCSS, minified
JavaScript) would be built again for every tour. Built here, in a committed
transaction of the test database, they are found by their checksum and
served as they are.

Usage: python scripts/warm_assets.py -c odoo.conf -d DB  (ODOO_HOME on
PYTHONPATH); prints the bundles built and the time taken.
"""

import argparse
import time

import odoo

# Bundle -> what the pages load of it: the portal (web.frontend_layout),
# the backend (web.webclient_bootstrap), the tours (web.assets_tests), and
# the HTML editor the backend loads on demand for an Html field.
BUNDLES = {
    "web.assets_frontend": ("css",),
    "web.assets_frontend_minimal": ("js",),
    "web.assets_frontend_lazy": ("js",),
    "web.assets_web": ("css", "js"),
    "web.assets_web_print": ("css",),
    "web.assets_tests": ("js",),
    "html_editor.assets_editor": ("css", "js"),
}


def warm(env):
    qweb = env["ir.qweb"]
    for name, kinds in BUNDLES.items():
        bundle = qweb._get_asset_bundle(name, css="css" in kinds, js="js" in kinds)
        for kind in kinds:
            getattr(bundle, kind)()
        yield name


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    args = parser.parse_args()
    odoo.tools.config.parse_config(["-c", args.config, "-d", args.database])
    registry = odoo.modules.registry.Registry(args.database)
    started = time.monotonic()
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        built = list(warm(env))
    elapsed = time.monotonic() - started
    print(f"asset bundles built in {elapsed:.0f} s: {', '.join(built)}")


if __name__ == "__main__":
    main()
