#!/usr/bin/env bash
# `make bench`: the benchmarks, printing figures (no pass/fail timing in
# the test suite). Deadlines run on SQLite and PostgreSQL; reminders, the dashboard and the quality page on
# PostgreSQL, as production does.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/venv.sh dev
eval "$(bash scripts/services.sh)"
PG_URL=$DATABASE_URL
PY=.venv/bin/python
mkdir -p var

echo "=== import + deadlines on SQLite ==="
SQLITE_URL="sqlite:///$(pwd)/var/bench.sqlite3"
rm -f var/bench.sqlite3
DATABASE_URL=$SQLITE_URL $PY manage.py migrate -v0
DATABASE_URL=$SQLITE_URL $PY benchmarks/bench_deadlines.py

echo "=== import + deadlines on PostgreSQL ==="
BENCH_DB=pleegzorg_bench
(cd / && runuser -u postgres -- psql -tAc "DROP DATABASE IF EXISTS $BENCH_DB" >/dev/null 2>&1 \
  && runuser -u postgres -- psql -tAc "CREATE DATABASE $BENCH_DB OWNER pleegzorg" >/dev/null) \
  || echo "(not root: using $PG_URL as it is)"
BENCH_PG_URL=${PG_URL%/*}/$BENCH_DB
DATABASE_URL=$BENCH_PG_URL $PY manage.py migrate -v0 || BENCH_PG_URL=$PG_URL
DATABASE_URL=$BENCH_PG_URL $PY benchmarks/bench_deadlines.py

echo "=== reminder sweep on PostgreSQL ==="
DATABASE_URL=$PG_URL $PY benchmarks/bench_reminders.py

echo "=== dashboard render times on PostgreSQL ==="
DATABASE_URL=$PG_URL $PY benchmarks/bench_dashboard.py

echo "=== quality page on PostgreSQL (10,000 placements, 5 years of history) ==="
DATABASE_URL=$PG_URL $PY benchmarks/bench_quality.py

echo "=== load test: gunicorn on PostgreSQL under locust, and the caseload/login ratio ==="
DATABASE_URL=$PG_URL $PY benchmarks/bench_load.py
