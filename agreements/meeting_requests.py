"""Meeting requests as the deadline engine reads them (evaluations.requests).

Advice 8: a request is owed a meeting within 2 weeks, or a reason why not. The request is
settled when it is declined with a reason (or was closed as handled before declining
needed one); a meeting recorded on or after it is the engine's own fact.
"""

from django.utils import timezone

from evaluations import rules
from evaluations.requests import RequestSource

from .models import MeetingRequest


def _read(placement_ids):
    rows = MeetingRequest.objects.filter(placement_id__in=placement_ids).values_list(
        "pk", "placement_id", "created_at", "status"
    )
    for pk, placement_id, created_at, status in rows:
        yield (
            placement_id,
            rules.RequestFact(
                kind=rules.REQUESTED_MEETING,
                key=str(pk),
                date=timezone.localdate(created_at),
                settled=status in MeetingRequest.SETTLED,
                asked_at=created_at,
            ),
        )


def _settled_by(placement_id, key):
    request = MeetingRequest.objects.filter(
        pk=int(key), placement_id=placement_id, status__in=MeetingRequest.SETTLED
    ).first()
    if request is None:
        return None
    return request, timezone.localdate(request.handled_at or request.created_at)


def request_source():
    return RequestSource(kind=rules.REQUESTED_MEETING, read=_read, settled_by=_settled_by)
