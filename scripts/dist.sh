#!/usr/bin/env bash
# Build each suite module as an OCA-style wheel (odoo-addon-NAME, whool build
# backend, see its pyproject.toml) and a source archive of the repository at
# HEAD, into dist/ (DIST_DIR). Prints the files it wrote.
# A wheel holds the module's files tracked by git, as committed or edited in
# the work tree; the source archive holds HEAD exactly (git archive).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
scripts/venv.sh
dist=${DIST_DIR:-$SUITE_ROOT/dist}
rm -rf "$dist" && mkdir -p "$dist"
for module in $(suite_modules | tr , ' '); do
    # Built in place (pip >= 21.3) with the pinned whool of .venv: whool
    # reads the version from the manifest and adds the number of commits
    # since it last changed, as the OCA wheels on PyPI do.
    "$VENV/bin/python" -m pip wheel --quiet --disable-pip-version-check --no-deps \
        --no-build-isolation --wheel-dir "$dist" "./$module" >/dev/null
done
name=helpdesk-sla-suite-$(git describe --tags --always)
git archive --format=tar.gz --prefix="$name/" -o "$dist/$name.tar.gz" HEAD
ls -1 "$dist"
