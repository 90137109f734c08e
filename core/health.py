"""Health checks for /health/: the database, the broker and the periodic jobs."""

import logging
from dataclasses import dataclass
from datetime import timedelta

# The project's app (pleegzorg/__init__.py loads it with Django), without core importing
# pleegzorg, which sits above it.
from celery import current_app as celery_app
from django.db import connection
from django.utils import timezone
from kombu import Connection

from .models import Heartbeat

HEARTBEAT_MAX_AGE = timedelta(minutes=15)


logger = logging.getLogger(__name__)


def failure(name, exc):
    # The exception text can name hosts and database users, and /health/ is public:
    # log it for the operator, show only its kind.
    logger.warning("health check %s failed: %s", name, exc, exc_info=False)
    return Check(name, False, type(exc).__name__)


@dataclass
class Check:
    name: str
    ok: bool
    detail: str


def check_database():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # any failure means "down"; the detail says why
        return failure("database", exc)
    return Check("database", True, connection.vendor)


def check_broker():
    try:
        conf = celery_app.conf
        # A fresh connection each time: a pooled one would hide a broker that went away.
        with Connection(
            conf.broker_url, transport_options=conf.broker_transport_options or {}
        ) as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
    except Exception as exc:
        return failure("broker", exc)
    return Check("broker", True, celery_app.conf.broker_url.split("://")[0])


def check_heartbeat(now=None):
    now = now or timezone.now()
    try:
        beat = Heartbeat.objects.filter(name="celery").first()
    except Exception as exc:
        return failure("heartbeat", exc)
    if beat is None:
        return Check("heartbeat", False, "never ran")
    age = now - beat.last_run
    return Check(
        "heartbeat",
        age <= HEARTBEAT_MAX_AGE,
        f"last ran {timezone.localtime(beat.last_run):%Y-%m-%d %H:%M:%S} ({int(age.total_seconds())} s ago)",
    )


# Later apps append their own checks here (e.g. the reminder sweep); each returns a Check.
EXTRA_CHECKS = []


def run_checks():
    checks = [check_database(), check_broker(), check_heartbeat()]
    checks.extend(fn() for fn in EXTRA_CHECKS)
    return checks
