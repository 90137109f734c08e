"""Reads for the in-app reminders: what a professional has been reminded of and is still open."""

from django.db.models import OuterRef, Subquery

from evaluations.models import Deadline

from .models import Reminder


def open_reminder_deadlines(user):
    """The open deadlines this person has been reminded of (or will be in the next digest).

    Starts from Placement.objects.visible_to(user) (via Reminder.open_for): someone who left
    a zorgteam no longer sees its deadlines here.
    """
    # Ids first, for the same reason as in Reminder.objects.open_deadline_ids: no nested
    # subqueries whose plan depends on fresh table statistics.
    return Deadline.objects.open().filter(pk__in=Reminder.objects.open_deadline_ids(user))


def open_reminder_count(user):
    """The number in the navigation: distinct open deadlines, counted over the reminders."""
    return len(Reminder.objects.open_deadline_ids(user))


def open_reminders_for_page(user):
    """As open_reminder_deadlines, with why this person is told and when they were emailed."""
    mine = Reminder.objects.filter(recipient=user, deadline=OuterRef("pk")).exclude(
        status=Reminder.Status.DROPPED
    )
    return (
        open_reminder_deadlines(user)
        .annotate(
            reminder_reason=Subquery(
                mine.order_by("-stage_date", "-created_at").values("reason")[:1]
            ),
            last_emailed=Subquery(
                mine.filter(sent_at__isnull=False).order_by("-sent_at").values("sent_at")[:1]
            ),
        )
        .select_related("placement__child")
        .order_by("placement__reference", "due_date", "kind")
    )
