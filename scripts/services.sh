#!/usr/bin/env bash
# Make sure PostgreSQL, Redis and Chromium are there for the test suite; print the
# environment to use as `export` lines. Installs (apt) and starts what is missing when run
# as root on Debian; on a machine that already provides DATABASE_URL and a redis://
# CELERY_BROKER_URL it installs and starts nothing.
#
#   eval "$(bash scripts/services.sh)"
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT_DIR=$(pwd)
VAR="$ROOT_DIR/var"
mkdir -p "$VAR"
log() { echo "[services] $*" >&2; }

is_root() { [ "$(id -u)" = 0 ]; }
APT_UPDATED=0
apt_install() {
  is_root || { log "cannot install $* without root"; return 1; }
  command -v apt-get >/dev/null || { log "no apt-get to install $*"; return 1; }
  if [ "$APT_UPDATED" = 0 ]; then
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
    APT_UPDATED=1
  fi
  log "installing $*"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >&2
}

# --- PostgreSQL -----------------------------------------------------------------------------
if [ -z "${DATABASE_URL:-}" ]; then
  if ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
    apt_install postgresql postgresql-contrib
  fi
  PG_VERSION=$(ls /usr/lib/postgresql | sort -V | tail -1)
  if ! pg_lsclusters -h 2>/dev/null | awk '{print $1" "$2}' | grep -q "^$PG_VERSION main$"; then
    log "creating PostgreSQL $PG_VERSION cluster"
    pg_createcluster "$PG_VERSION" main >&2
  fi
  if ! pg_ctlcluster "$PG_VERSION" main status >/dev/null 2>&1; then
    log "starting PostgreSQL $PG_VERSION"
    pg_ctlcluster "$PG_VERSION" main start >&2
  fi
  for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 && break; sleep 0.5; done
  pg_isready -q -h 127.0.0.1 || { log "PostgreSQL did not come up"; exit 1; }
  # psql as the postgres user from / (its home may not be readable from the checkout).
  psql_pg() { (cd / && runuser -u postgres -- psql -v ON_ERROR_STOP=1 -tAc "$1"); }
  if [ "$(psql_pg "SELECT 1 FROM pg_roles WHERE rolname='pleegzorg'")" != 1 ]; then
    # CREATEDB: pytest-django creates test_pleegzorg itself.
    psql_pg "CREATE ROLE pleegzorg LOGIN PASSWORD 'pleegzorg' CREATEDB" >/dev/null
  fi
  if [ "$(psql_pg "SELECT 1 FROM pg_database WHERE datname='pleegzorg'")" != 1 ]; then
    psql_pg "CREATE DATABASE pleegzorg OWNER pleegzorg" >/dev/null
  fi
  echo "export DATABASE_URL=postgres://pleegzorg:pleegzorg@127.0.0.1:5432/pleegzorg"
fi

# --- Redis ------------------------------------------------------------------------------------
if [[ "${CELERY_BROKER_URL:-}" != redis://* ]]; then
  command -v redis-server >/dev/null || apt_install redis-server
  if ! redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then
    log "starting Redis"
    mkdir -p "$VAR/redis"
    redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save '' --appendonly no \
      --dir "$VAR/redis" --pidfile "$VAR/redis/redis.pid" --logfile "$VAR/redis/redis.log" >&2
    for _ in $(seq 1 30); do redis-cli -h 127.0.0.1 ping >/dev/null 2>&1 && break; sleep 0.2; done
  fi
  redis-cli -h 127.0.0.1 ping >/dev/null || { log "Redis did not come up"; exit 1; }
  echo "export CELERY_BROKER_URL=redis://127.0.0.1:6379/0"
fi

# --- Chromium (for Playwright; never `playwright install`, it downloads browsers) --------------
if ! command -v chromium >/dev/null 2>&1 && [ -z "${CHROMIUM_PATH:-}" ]; then
  apt_install chromium fonts-dejavu-core || log "no Chromium: browser tests will skip (fail under CI=true)"
fi
