from django.utils import timezone

from .models import AuditEvent, Heartbeat


def heartbeat_record(*, name, detail=""):
    Heartbeat.objects.update_or_create(
        name=name, defaults={"last_run": timezone.now(), "detail": detail[:300]}
    )


def audit_record(*, user, action, what, placement=None):
    """Append one line to the audit trail. Cheap on purpose: it runs on every case-file read."""
    AuditEvent.objects.create(
        user=user if getattr(user, "is_authenticated", False) else None,
        action=action,
        what=what[:200],
        placement=placement,
    )
