#!/usr/bin/env bash
# `make restore FILE=…`: restore a dump made by scripts/backup.sh into DATABASE_URL.
#
#   bash scripts/restore.sh [--clean] FILE
#
# Restores into an empty database (create a fresh one). An existing database is refused
# unless --clean is given: then every object in the dump is dropped and restored (stop web,
# worker and beat first). One transaction: a restore that fails changes nothing.
# COMPOSE=1 restores into the docker-compose stack's database (see README, "Backups").
set -euo pipefail
cd "$(dirname "$0")/.."
CLEAN=()
if [ "${1:-}" = --clean ]; then
  CLEAN=(--clean --if-exists)
  shift
fi
FILE=${1:?usage: restore.sh [--clean] FILE}
[ -f "$FILE" ] || { echo "restore: no such file: $FILE" >&2; exit 2; }
if [ -n "${COMPOSE:-}" ]; then
  DATABASE_URL=${DATABASE_URL:-postgres://pleegzorg:pleegzorg@localhost:5432/pleegzorg}
  run() { docker compose exec -T postgres "$@"; }
else
  run() { "$@"; }
fi
: "${DATABASE_URL:?set DATABASE_URL to the postgres:// URL of the database to restore into}"
case "$DATABASE_URL" in
  postgres://* | postgresql://*) ;;
  *) echo "restore: DATABASE_URL is not PostgreSQL" >&2; exit 2 ;;
esac
tables=$(run psql --no-psqlrc --tuples-only --no-align --dbname="$DATABASE_URL" \
  --command="SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'")
if [ "$tables" != 0 ] && [ ${#CLEAN[@]} = 0 ]; then
  echo "restore: the database already has $tables tables. Restore into a fresh database," \
    "or pass --clean (make restore CLEAN=1) to replace its contents with the dump." >&2
  exit 1
fi
# --no-owner/--no-privileges: the objects belong to the user restoring, whatever the role
# that made the dump was called.
run pg_restore --dbname="$DATABASE_URL" "${CLEAN[@]}" --no-owner --no-privileges \
  --single-transaction --exit-on-error <"$FILE"
echo "restored: $FILE"
