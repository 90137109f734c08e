#!/usr/bin/env bash
# `make run`: the app on the embedded default (SQLite, filesystem broker, console email),
# with demo data, a Celery worker and beat. Ctrl-C stops all of them.
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=${PORT:-8000}
bash scripts/venv.sh runtime
PY=.venv/bin/python
LOGS=${VAR_DIR:-var}
mkdir -p "$LOGS"
$PY manage.py migrate --noinput
$PY manage.py load_demo

PIDS=()
cleanup() {
  trap - INT TERM EXIT
  echo "stopping…"
  for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
}
trap cleanup INT TERM EXIT

# Start the processes directly (not through `cd && …`) so $! is the process itself.
.venv/bin/celery -A pleegzorg worker --loglevel=INFO --concurrency=1 >"$LOGS/worker.log" 2>&1 &
PIDS+=($!)
.venv/bin/celery -A pleegzorg beat --loglevel=INFO >"$LOGS/beat.log" 2>&1 &
PIDS+=($!)
echo "Celery worker and beat started (logs: $LOGS/worker.log, $LOGS/beat.log)"
echo "Open http://localhost:$PORT/  (Ctrl-C stops everything)"
$PY manage.py runserver "0.0.0.0:$PORT" &
PIDS+=($!)
wait "${PIDS[-1]}"
