from celery import shared_task
from django.utils import timezone

from .retention import retention_run


@shared_task(name="privacy.tasks.retention", ignore_result=True)
def retention():
    """Nightly: destroy the files whose retention period is over (privacy.retention)."""
    retention_run(today=timezone.localdate())
