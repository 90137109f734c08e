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


@signals.setup_logging.connect
def use_django_logging(**kwargs):
    # Without a receiver Celery replaces the root handler with its own format: no request
    # ids, no JSON, no scrubbing. With one it leaves logging to Django's LOGGING (and ignores
    # --loglevel: LOG_LEVEL sets the level).
    from logging.config import dictConfig

    from django.conf import settings

    dictConfig(settings.LOGGING)


@signals.before_task_publish.connect
def carry_the_request_id(headers=None, **kwargs):
    # A task queued while serving a request logs with that request's id (core/logs.py).
    from core.logs import request_id_var

    request_id = request_id_var.get()
    if request_id and headers is not None:
        headers.setdefault("request_id", request_id)
