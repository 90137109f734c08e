"""Settings for a beat process that ticks every second or so, for the crash tests.

Production's beat runs the reminder sweep hourly (pleegzorg/settings.py), which no test can
wait for. Only beat gets these settings: the web and worker processes run production's.
"""

import os

from pleegzorg.settings import *  # noqa: F403

_EVERY = float(os.environ.get("FAST_BEAT_SECONDS", "1"))
CELERY_BEAT_SCHEDULE = {
    "heartbeat": {"task": "core.tasks.heartbeat", "schedule": _EVERY},
    "reminder-sweep": {"task": "reminders.tasks.sweep_and_send", "schedule": _EVERY},
}
