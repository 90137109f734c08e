from celery import shared_task

from .services import heartbeat_record


@shared_task(name="core.tasks.heartbeat", ignore_result=True)
def heartbeat():
    """Proves that beat schedules and a worker executes; /health/ reads the timestamp."""
    heartbeat_record(name="celery")
