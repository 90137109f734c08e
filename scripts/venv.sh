#!/usr/bin/env bash
# Create .venv and install the project's dependencies (runtime, or runtime + dev with "dev").
# Re-installs only when pyproject.toml changed since the last install.
set -euo pipefail
cd "$(dirname "$0")/.."
EXTRA=${1:-runtime}
PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
  .venv/bin/python -m pip install --quiet --upgrade pip
fi
STAMP=.venv/.installed-$EXTRA
if [ ! -f "$STAMP" ] || [ pyproject.toml -nt "$STAMP" ]; then
  if [ "$EXTRA" = dev ]; then SPEC=".[dev]"; else SPEC="."; fi
  echo "[venv] installing $SPEC" >&2
  .venv/bin/python -m pip install --quiet "$SPEC"
  touch "$STAMP"
fi
