"""How urgent an open deadline is on a given day. Pure: the caller passes the day."""

from django.conf import settings

OVERDUE = "overdue"
DUE_SOON = "due_soon"
UPCOMING = "upcoming"


def deadline_status(due, as_of, due_soon_days=None):
    """`overdue` before as_of; `due_soon` from as_of up to 14 days after; else `upcoming`."""
    if due_soon_days is None:
        due_soon_days = settings.DUE_SOON_DAYS
    days_left = (due - as_of).days
    if days_left < 0:
        return OVERDUE
    if days_left <= due_soon_days:
        return DUE_SOON
    return UPCOMING
