#!/usr/bin/env bash
# `make test`: services (PostgreSQL, Redis, Chromium), the environment, the checks, the suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/venv.sh dev
eval "$(bash scripts/services.sh)"
export DJANGO_SETTINGS_MODULE=pleegzorg.settings
echo "[test] database: ${DATABASE_URL%%@*}@…  broker: $CELERY_BROKER_URL" >&2

.venv/bin/ruff check .
.venv/bin/ruff format --check .
# The apps' layers and independence ([tool.importlinter] in pyproject.toml).
.venv/bin/lint-imports --no-cache >/dev/null || .venv/bin/lint-imports --no-cache
.venv/bin/python manage.py makemigrations --check --dry-run >/dev/null \
  || { echo "[test] models changed without a migration" >&2; exit 1; }
.venv/bin/python manage.py check
# The compose file cannot run here (no Docker engine); validate it against the spec.
.venv/bin/check-jsonschema --builtin-schema vendor.compose-spec docker-compose.yml

.venv/bin/python -m pytest -p no:cacheprovider "$@"
