import os

from celery import Celery, signals

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pleegzorg.settings")

app = Celery("pleegzorg")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@signals.beat_init.connect
def heartbeat_at_start(**kwargs):
    # Beat runs an interval task first one interval after it starts, so without this /health/
    # would wait a minute after every start. Sent through the broker, not written here: the
    # heartbeat proves that beat, the broker and a worker all work.
    app.send_task("core.tasks.heartbeat")
