#!/usr/bin/env python3
"""Load Odoo the way its websocket (gevent) process starts, from .venv.

In multi-worker mode Odoo starts `odoo-bin gevent ...` for the websocket and
longpolling port; the `gevent` argument makes `import odoo` monkeypatch the
standard library with gevent before anything else. When a dependency of
gevent cannot be resolved there (pkg_resources' DistributionNotFound on
zope.interface, for instance), that process dies at start-up and the server
restarts it forever. Run with the .venv Python and ODOO_HOME on PYTHONPATH;
exit 0 when the evented start-up works.
"""

import socket
import sys
import traceback

sys.argv = [sys.argv[0], "gevent"]
try:
    import odoo
except Exception:
    traceback.print_exc()
    print("evented start-up: FAILED (Odoo's gevent process would crash-loop)")
    sys.exit(1)

import gevent.socket  # noqa: E402 (after the start-up that patches it)

problems = []
if not odoo.evented:
    problems.append("odoo.evented is not set")
if socket.socket is not gevent.socket.socket:
    problems.append("the socket module is not patched by gevent")
if problems:
    print(f"evented start-up: FAILED ({'; '.join(problems)})")
    sys.exit(1)
print(f"evented start-up: ok (gevent {gevent.__version__}, {sys.executable})")
