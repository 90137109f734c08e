"""Celery tasks: interfaces over the services, safe to run twice (STYLE.md "Celery tasks").

Beat calls sweep_and_send at 06:00 and hourly at :15 (settings.CELERY_BEAT_SCHEDULE). The
sweep writes the outbox; each person's digest is its own task, so one unreachable mailbox
or a slow SMTP server does not hold up the others, and each retries on its own.
"""

from celery import shared_task
from django.conf import settings
from django.utils import timezone

from .sending import DigestSendFailed, digest_send, recipients_to_send
from .services import reminders_sweep


@shared_task(name="reminders.tasks.sweep_and_send", ignore_result=True)
def sweep_and_send():
    today = timezone.localdate()
    result = reminders_sweep(as_of=today)
    recipients = recipients_to_send(day=today)
    for recipient_id in recipients:
        send_digest.delay(recipient_id)
    return {"deadlines": result.deadlines, "new": len(result.new), "digests": len(recipients)}


@shared_task(
    bind=True,
    name="reminders.tasks.send_digest",
    ignore_result=True,
    max_retries=None,  # bounded below by REMINDER_TASK_MAX_RETRIES; then the sweep takes over
)
def send_digest(self, recipient_id):
    """Send one person's digest for today. The day is taken when the task runs, so a retry
    after midnight sends that day's digest with only what is still relevant then."""
    try:
        result = digest_send(recipient_id=recipient_id)
    except DigestSendFailed as exc:
        if self.request.retries >= settings.REMINDER_TASK_MAX_RETRIES:
            # Recorded as failed with a next attempt time: the hourly sweep picks it up.
            return {"outcome": "failed", "digest": exc.digest_id}
        # One second past the recorded next attempt, so the retry finds the digest claimable.
        raise self.retry(exc=exc, countdown=exc.retry_in + 1) from exc
    return {"outcome": result.outcome, "digest": result.digest_id, "items": result.items}
