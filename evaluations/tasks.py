from celery import shared_task

from core.services import heartbeat_record

from .services import refresh_all


@shared_task(name="evaluations.tasks.refresh_all_deadlines", ignore_result=True)
def refresh_all_deadlines():
    count = refresh_all()
    heartbeat_record(name="deadlines-refresh", detail=f"{count} placements")
