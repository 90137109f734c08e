"""The reminder sweep's line on /health/: when it last ran, what waits, what failed."""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from core.health import Check, failure
from core.models import Heartbeat

from .models import Digest, Reminder
from .services import SWEEP_HEARTBEAT


def check_reminder_sweep(now=None):
    now = now or timezone.now()
    max_age = timedelta(hours=settings.REMINDER_SWEEP_MAX_AGE_HOURS)
    try:
        beat = Heartbeat.objects.filter(name=SWEEP_HEARTBEAT).first()
        pending = Reminder.objects.pending().count()
        failed = Digest.objects.filter(status=Digest.Status.FAILED).count()
        if beat is None:
            from evaluations.models import Deadline

            # A fresh install has had nothing to sweep; a deadline that has waited longer
            # than the allowed age without any sweep means the schedule is not running.
            overdue_sweep = Deadline.objects.open().filter(created_at__lte=now - max_age).exists()
    except Exception as exc:
        return failure("reminders", exc)
    counts = _("%(pending)s pending, %(failed)s failed") % {"pending": pending, "failed": failed}
    if beat is None:
        return Check(
            "reminders", not overdue_sweep, _("sweep never ran; %(counts)s") % {"counts": counts}
        )
    age = now - beat.last_run
    return Check(
        "reminders",
        age <= max_age,
        _("last sweep %(when)s (%(seconds)s s ago); %(counts)s")
        % {
            "when": f"{timezone.localtime(beat.last_run):%Y-%m-%d %H:%M:%S}",
            "seconds": int(age.total_seconds()),
            "counts": counts,
        },
    )
