"""How urgent an open deadline is on a given day. Pure: the caller passes the day."""

from django.conf import settings
from django.utils.translation import gettext_lazy as _

OVERDUE = "overdue"
DUE_SOON = "due_soon"
UPCOMING = "upcoming"
# Shown next to the colour, never instead of it (WCAG 1.4.1: not colour alone).
STATUS_LABELS = {OVERDUE: _("overdue"), DUE_SOON: _("due soon"), UPCOMING: _("upcoming")}


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
