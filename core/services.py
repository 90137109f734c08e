from django.utils import timezone

from .models import Heartbeat


def heartbeat_record(*, name, detail=""):
    Heartbeat.objects.update_or_create(
        name=name, defaults={"last_run": timezone.now(), "detail": detail[:300]}
    )


def audit_record(*, user, action, what, placement=None):
    """Log one access to a case file (core.audit; kept for the views that call it).

    "view" is the old name of a read. In a request the row waits for the request's one
    INSERT, where the middleware adds the page's object type and id.
    """
    from . import audit

    return audit.record(
        audit.Action.READ if action == "view" else action,
        what=what,
        placement=placement,
        user=user if getattr(user, "is_authenticated", False) else None,
    )
