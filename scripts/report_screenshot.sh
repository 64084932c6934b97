#!/usr/bin/env bash
# Renders the HTML report of the annotated seed project to docs/img/report-html.png
# (headless Chromium: Debian package `chromium`; scripts/ensure_browser_deps.sh installs it).
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
.venv/bin/python - "$tmp/p.db" <<'PY'
import sys
from pathlib import Path
from annotator.store.project_setup import create_project
from annotator.store.sample_annotations import annotate_seed_project
from annotator.store.project import Project
create_project(Path(sys.argv[1]), seed=True)
with Project.open(sys.argv[1]) as p:
    annotate_seed_project(p)
PY
.venv/bin/annotator export "$tmp/p.db" --format html -o "$tmp/report.html"
chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --user-data-dir="$tmp/profile" --hide-scrollbars --window-size=1100,1400 \
  --screenshot="$PWD/docs/img/report-html.png" "file://$tmp/report.html" 2>/dev/null
echo "wrote docs/img/report-html.png"
