#!/usr/bin/env bash
# `make backup`: dump the PostgreSQL database to a file in pg_dump's custom format
# (compressed; pg_restore restores it whole, into the same or a newer PostgreSQL).
#
#   bash scripts/backup.sh [FILE]    default FILE: $BACKUP_DIR/pleegzorg-<UTC time>.dump
#
# DATABASE_URL (postgres://…) names the database; BACKUP_DIR defaults to var/backups.
# COMPOSE=1 dumps the docker-compose stack instead: pg_dump runs in its postgres container
# (matching the server's version) and the dump streams out to FILE on this machine.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -n "${COMPOSE:-}" ]; then
  DATABASE_URL=${DATABASE_URL:-postgres://pleegzorg:pleegzorg@localhost:5432/pleegzorg}
  run() { docker compose exec -T postgres "$@"; }
else
  run() { "$@"; }
fi
: "${DATABASE_URL:?set DATABASE_URL to the postgres:// URL of the database to back up}"
case "$DATABASE_URL" in
  postgres://* | postgresql://*) ;;
  *) echo "backup: DATABASE_URL is not PostgreSQL; the embedded SQLite database is one file (db.sqlite3): copy it while the app is stopped" >&2; exit 2 ;;
esac
BACKUP_DIR=${BACKUP_DIR:-var/backups}
FILE=${1:-$BACKUP_DIR/pleegzorg-$(date -u +%Y%m%d-%H%M%S).dump}
mkdir -p "$(dirname "$FILE")"
# Youth-care data: the dump is readable by its owner only.
umask 077
# Written under another name and renamed when complete: a dump cut off half-way (disk full,
# connection lost) never looks like a backup.
trap 'rm -f "$FILE.partial"' EXIT
run pg_dump --format=custom --dbname="$DATABASE_URL" >"$FILE.partial"
mv "$FILE.partial" "$FILE"
echo "backup written: $FILE ($(du -h "$FILE" | cut -f1))"
