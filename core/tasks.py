from celery import shared_task

from .services import heartbeat_record


@shared_task(name="core.tasks.heartbeat", ignore_result=True)
def heartbeat():
    """Proves that beat schedules and a worker executes; /health/ reads the timestamp."""
    heartbeat_record(name="celery")


@shared_task(name="core.tasks.retention", ignore_result=True)
def retention():
    """Nightly: destroy the files whose retention period is over (core.retention)."""
    from django.utils import timezone

    from .retention import retention_run

    retention_run(today=timezone.localdate())
