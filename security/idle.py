"""Idle timeout: a session ends after a period without requests, shorter for professionals.

The last request's time is kept in the session. Writing it on every request would add a
write to every page, so it is refreshed at most once a TOUCH_INTERVAL; the session row and
cookie expire a TOUCH_INTERVAL after the timeout, so the middleware decides, to the second.
"""

import time

from django.conf import settings

SESSION_KEY = "security_last_seen"
TOUCH_INTERVAL_SECONDS = 60


def timeout_seconds(user):
    from .twofactor import second_factor_required

    if second_factor_required(user):
        return settings.IDLE_TIMEOUT_PROFESSIONAL_MINUTES * 60
    return settings.IDLE_TIMEOUT_FAMILY_MINUTES * 60


def touch(session, user, now=None):
    session[SESSION_KEY] = int(time.time() if now is None else now)
    session.set_expiry(timeout_seconds(user) + TOUCH_INTERVAL_SECONDS)


def seconds_idle(session, now):
    """Seconds since the last recorded request, or None for a session without a clock."""
    last = session.get(SESSION_KEY)
    return None if last is None else now - last
