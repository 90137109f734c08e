"""The collaboration records of one placement, read once per request.

The placement page shows them twice: in the collaboration sections and in the timeline.
Each list is loaded on first use and kept on the placement object, which lives as long as
the request (the same pattern as zorgteam.access.current_memberships). Only whole-file
readers reach these (the regie's sections and timeline), so nothing here is filtered by
audience.
"""

from collections import Counter

from agreements.models import MeetingRequest
from evaluations.models import ZorgteamMeeting
from evaluations.selectors import placement_events
from zorgteam.access import attach_memberships, attach_people

from .models import Decision, ExplanationRequest, MeetingRecord, StaffChange

_ATTRIBUTE = "_collaboration_reads"


def _once(placement, name, load):
    reads = placement.__dict__.setdefault(_ATTRIBUTE, {})
    if name not in reads:
        reads[name] = load()
    return reads[name]


def decisions(placement):
    """Newest first, each with its number of unanswered questions."""
    return _once(placement, "decisions", lambda: _decisions_and_questions(placement))[0]


def explanation_requests(placement):
    """The questions asked of the decisions, each with its decision, who asked and who
    answered (read with the decisions: none to read when there is no decision)."""
    return _once(placement, "decisions", lambda: _decisions_and_questions(placement))[1]


def _decisions_and_questions(placement):
    decisions = attach_people(
        placement,
        list(Decision.objects.filter(placement=placement)),
        "decided_by",
        "recorded_by",
    )
    if not decisions:
        return decisions, []
    by_pk = {decision.pk: decision for decision in decisions}
    questions = attach_people(
        placement,
        list(ExplanationRequest.objects.filter(placement=placement)),
        "requested_by",
        "answered_by",
    )
    open_questions = Counter()
    for question in questions:
        if question.decision_id in by_pk:  # always: a question is of this placement's decision
            question.decision = by_pk[question.decision_id]
        if question.answered_at is None:
            open_questions[question.decision_id] += 1
    for decision in decisions:
        decision.open_questions = open_questions[decision.pk]
    return decisions, questions


def meeting_records(placement):
    """Newest meeting first; none to read when no zorgteam meeting was recorded."""
    return _once(placement, "records", lambda: _meeting_records(placement))


def _meeting_records(placement):
    # The meetings are the timeline's own (evaluations reads them once per request).
    meetings = {m.pk: m for m in placement_events(placement, ZorgteamMeeting)}
    if not meetings:
        return []
    records = list(
        MeetingRecord.objects.filter(meeting_id__in=meetings).select_related("draft_version")
    )
    for record in records:
        record.meeting = meetings[record.meeting_id]
    records.sort(key=lambda record: (record.meeting.date, record.pk), reverse=True)
    return records


def staff_changes(placement):
    return _once(
        placement,
        "staff_changes",
        lambda: attach_memberships(
            placement, list(StaffChange.objects.filter(placement=placement)), "new_membership"
        ),
    )


def meeting_requests(placement):
    """Oldest first, with who asked and who handled them."""
    return _once(
        placement,
        "requests",
        lambda: attach_people(
            placement,
            list(MeetingRequest.objects.filter(placement=placement).order_by("created_at", "pk")),
            "requested_by",
            "handled_by",
        ),
    )
