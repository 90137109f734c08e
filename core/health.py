"""Health checks for /health/: the database, the broker and the periodic jobs."""

import logging
from dataclasses import dataclass
from datetime import timedelta

# The project's app (pleegzorg/__init__.py loads it with Django), without core importing
# pleegzorg, which sits above it.
from celery import current_app as celery_app
from django.db import connection
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from kombu import Connection

from .models import Heartbeat

HEARTBEAT_MAX_AGE = timedelta(minutes=15)
# Beat sends a heartbeat the moment it starts (pleegzorg/celery.py), so a fresh one normally
# arrives seconds after a deploy; until this long after the web process started, a missing or
# stale heartbeat means "starting up", not "down". The status code stays 503 for monitors.
STARTUP_GRACE = timedelta(minutes=2)
PROCESS_STARTED = timezone.now()


logger = logging.getLogger(__name__)


def failure(name, exc, summary=""):
    # The exception text can name hosts and database users, and /health/ is public:
    # log it for the operator, show only its kind.
    logger.warning("health check %s failed: %s", name, exc, exc_info=False)
    kind = type(exc).__name__
    return Check(name, False, f"{summary} ({kind})" if summary else kind)


# What the status page calls each check; `name` stays the machine key of the JSON answer.
LABELS = {
    "database": gettext_lazy("Database"),
    "broker": gettext_lazy("Message broker"),
    "heartbeat": gettext_lazy("Background tasks"),
    "reminders": gettext_lazy("Reminders"),
}


@dataclass
class Check:
    name: str
    ok: bool
    detail: str
    waiting: bool = False  # not OK yet, but expected to be shortly (the app is starting)

    @property
    def label(self):
        return LABELS.get(self.name, self.name)


def check_database():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # any failure means "down"; the detail says why
        return failure("database", exc)
    return Check("database", True, connection.vendor)


# Kombu's Redis transport waits forever by default: a broker that accepts the connection
# but does not answer (frozen, overloaded, a half-open connection) would hang this request,
# and the gunicorn worker serving it, until gunicorn kills the worker. One attempt, bounded.
BROKER_CHECK_TIMEOUT = 2


def check_broker():
    try:
        conf = celery_app.conf
        options = {
            **(conf.broker_transport_options or {}),
            "socket_connect_timeout": BROKER_CHECK_TIMEOUT,
            "socket_timeout": BROKER_CHECK_TIMEOUT,
        }
        # A fresh connection each time: a pooled one would hide a broker that went away.
        with Connection(conf.broker_url, transport_options=options) as conn:
            conn.ensure_connection(max_retries=0, timeout=BROKER_CHECK_TIMEOUT)
    except Exception as exc:
        return failure("broker", exc, _("unreachable: reminders wait until it is back"))
    return Check("broker", True, celery_app.conf.broker_url.split("://")[0])


def check_heartbeat(now=None):
    now = now or timezone.now()
    try:
        beat = Heartbeat.objects.filter(name="celery").first()
    except Exception as exc:
        return failure("heartbeat", exc)
    if beat is not None and now - beat.last_run <= HEARTBEAT_MAX_AGE:
        return Check("heartbeat", True, _last_heartbeat(beat, now))
    if now - PROCESS_STARTED <= STARTUP_GRACE:
        waiting_for = _(
            "Starting up: waiting for the first sign of life from the background tasks "
            "(Celery worker and beat). This usually takes a few seconds."
        )
        return Check("heartbeat", False, waiting_for, waiting=True)
    if beat is None:
        return Check(
            "heartbeat",
            False,
            _(
                "No sign of life from the background tasks yet: are the Celery worker and beat running?"
            ),
        )
    return Check("heartbeat", False, _last_heartbeat(beat, now))


def _last_heartbeat(beat, now):
    return _("last heartbeat %(when)s (%(seconds)s s ago)") % {
        "when": f"{timezone.localtime(beat.last_run):%Y-%m-%d %H:%M:%S}",
        "seconds": int((now - beat.last_run).total_seconds()),
    }


# Later apps append their own checks here (e.g. the reminder sweep); each returns a Check.
EXTRA_CHECKS = []


def run_checks():
    checks = [check_database(), check_broker(), check_heartbeat()]
    checks.extend(fn() for fn in EXTRA_CHECKS)
    return checks
