"""Backups that restore: scripts/backup.sh and scripts/restore.sh, for real.

A database with placements, their deadlines and reminder outbox rows (reminders and a sent
digest) is dumped with pg_dump, restored with pg_restore into a fresh database, and read back:
the same rows, every table the same size, and Django finds no migration missing.
"""

import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import psycopg
import pytest
from django.db import connection
from psycopg import sql

from evaluations.models import Deadline
from reminders.models import Digest, Reminder
from reminders.sending import sweep_and_send_now
from tests.services import require

ROOT = Path(__file__).resolve().parent.parent
CHECKED_TABLES = [
    "cases_child",
    "cases_placement",
    "zorgteam_membership",
    "evaluations_deadline",
    "reminders_reminder",
    "reminders_digest",
    "accounts_user",
]

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


def _url(name):
    s = connection.settings_dict
    return f"postgresql://{s['USER']}:{s['PASSWORD']}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{name}"


@pytest.fixture
def fresh_database():
    """An empty database next to the test database, dropped afterwards."""
    require(connection.vendor == "postgresql", "backups are PostgreSQL dumps")
    name = connection.settings_dict["NAME"] + "_restored"
    admin = _url("postgres")
    drop = sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(drop)
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    yield _url(name)
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(drop)


def _script(name, *args, database_url):
    env = {**os.environ, "DATABASE_URL": database_url}
    env.pop("COMPOSE", None)
    return subprocess.run(
        ["bash", f"scripts/{name}", *map(str, args)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def _rows(url):
    with psycopg.connect(url) as conn:
        return {
            table: conn.execute(
                sql.SQL("SELECT * FROM {} ORDER BY id").format(sql.Identifier(table))
            ).fetchall()
            for table in CHECKED_TABLES
        }


def _table_sizes(url):
    with psycopg.connect(url) as conn:
        tables = conn.execute(
            "SELECT table_name FROM information_schema.tables "
            "WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1"
        ).fetchall()
        return {
            t: conn.execute(
                sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(t))
            ).fetchone()[0]
            for (t,) in tables
        }


@pytest.fixture
def caseload_with_outbox(placement, other_placement, mailoutbox):
    """Two placements with their computed deadlines, and the reminder outbox of a morning."""
    # The morning after the first deadline of the placement with a voogd and a begeleider.
    first_due = Deadline.objects.open().filter(placement=placement).order_by("due_date")[0]
    sweep_and_send_now(as_of=first_due.due_date + timedelta(days=1))
    assert Deadline.objects.count() >= 2
    assert Reminder.objects.count() >= 1
    assert Digest.objects.filter(status=Digest.Status.SENT).exists()
    assert len(mailoutbox) >= 1


def test_a_dump_restores_the_same_placements_deadlines_and_outbox(
    caseload_with_outbox, fresh_database, tmp_path
):
    source = _url(connection.settings_dict["NAME"])
    dump = tmp_path / "pleegzorg.dump"
    backup = _script("backup.sh", dump, database_url=source)
    assert backup.returncode == 0, backup.stderr
    assert dump.stat().st_size > 0
    assert dump.read_bytes()[:5] == b"PGDMP"  # pg_dump's custom format
    assert oct(dump.stat().st_mode & 0o777) == "0o600"  # personal data: owner only

    restore = _script("restore.sh", dump, database_url=fresh_database)
    assert restore.returncode == 0, restore.stderr

    before, after = _rows(source), _rows(fresh_database)
    for table in CHECKED_TABLES:
        assert before[table], f"{table}: the test data is missing"
        assert after[table] == before[table], f"{table} differs after the restore"
    assert _table_sizes(fresh_database) == _table_sizes(source)

    # The restored database is one this code can run on: no migration missing.
    migrate_check = subprocess.run(
        [sys.executable, "manage.py", "migrate", "--check", "--plan"],
        cwd=ROOT,
        env={**os.environ, "DATABASE_URL": fresh_database},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert migrate_check.returncode == 0, migrate_check.stdout + migrate_check.stderr


def test_restore_refuses_a_database_with_data_unless_told_to_replace_it(
    caseload_with_outbox, fresh_database, tmp_path
):
    source = _url(connection.settings_dict["NAME"])
    dump = tmp_path / "pleegzorg.dump"
    assert _script("backup.sh", dump, database_url=source).returncode == 0
    assert _script("restore.sh", dump, database_url=fresh_database).returncode == 0

    again = _script("restore.sh", dump, database_url=fresh_database)
    assert again.returncode == 1
    assert "already has" in again.stderr and "--clean" in again.stderr

    replaced = _script("restore.sh", "--clean", dump, database_url=fresh_database)
    assert replaced.returncode == 0, replaced.stderr
    assert _rows(fresh_database) == _rows(source)
