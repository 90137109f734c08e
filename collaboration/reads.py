"""The collaboration records of one placement, read once per request.

The placement page shows them twice: in the collaboration sections and in the timeline.
Each list is loaded on first use and kept on the placement object, which lives as long as
the request (the same pattern as zorgteam.access.current_memberships). Only whole-file
readers reach these (the regie's sections and timeline), so nothing here is filtered by
audience.
"""

from django.db.models import Count, Q

from agreements.models import MeetingRequest

from .models import Decision, MeetingRecord, StaffChange

_ATTRIBUTE = "_collaboration_reads"


def _once(placement, name, load):
    reads = placement.__dict__.setdefault(_ATTRIBUTE, {})
    if name not in reads:
        reads[name] = load()
    return reads[name]


def decisions(placement):
    """Newest first, each with its number of unanswered questions."""
    return _once(
        placement,
        "decisions",
        lambda: list(
            Decision.objects.filter(placement=placement)
            .select_related("decided_by", "recorded_by")
            .annotate(
                open_questions=Count(
                    "explanation_requests",
                    filter=Q(explanation_requests__answered_at__isnull=True),
                )
            )
        ),
    )


def meeting_records(placement):
    """Newest meeting first."""
    return _once(
        placement,
        "records",
        lambda: list(
            MeetingRecord.objects.filter(meeting__placement=placement)
            .select_related("meeting", "draft_version")
            .order_by("-meeting__date", "-pk")
        ),
    )


def staff_changes(placement):
    return _once(
        placement,
        "staff_changes",
        lambda: list(
            StaffChange.objects.filter(placement=placement).select_related("new_membership__person")
        ),
    )


def meeting_requests(placement):
    """Oldest first, with who asked and who handled them."""
    return _once(
        placement,
        "requests",
        lambda: list(
            MeetingRequest.objects.filter(placement=placement)
            .select_related("requested_by", "handled_by")
            .order_by("created_at", "pk")
        ),
    )
