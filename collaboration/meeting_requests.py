"""Meetings any member asks for (advice 8), where the plan and the deadline engine meet.

The request is the plan's (agreements.MeetingRequest); whether a meeting answered it is the
engine's (evaluations.rules.meeting_answers). This module reads both: the state a requester
follows in the portal (received, planned for a date, held, declined with the reason), the
requests the regie still acts on, and the request as the engine reads it (registered in
apps.py: the requested_meeting deadline opens with a request and closes with a meeting that
answers it, or with the request declined).
"""

from django.utils import timezone

from agreements.models import MeetingRequest
from evaluations import rules
from evaluations.closing import Source
from evaluations.models import ZorgteamMeeting
from evaluations.requests import RequestSource

RECEIVED, PLANNED, HELD, DECLINED, HANDLED = "received", "planned", "held", "declined", "handled"


def _fact(request):
    return rules.RequestFact(
        kind=rules.REQUESTED_MEETING,
        key=str(request.pk),
        date=timezone.localdate(request.created_at),
        settled=request.status in MeetingRequest.SETTLED,
        asked_at=request.created_at,
    )


def with_meeting_states(placement, requests, meetings=None):
    """Set .state and .state_date on each request, as its requester sees it.

    "Held" follows the rule that closes the requested_meeting deadline
    (rules.meeting_answers). One query, whatever the number of requests.
    """
    requests = list(requests)
    if not requests:
        return requests
    if meetings is None:
        meetings = ZorgteamMeeting.objects.filter(placement=placement).values_list(
            "date", "recorded_at"
        )
    else:  # the placement's meetings, read already by the caller
        meetings = [(meeting.date, meeting.recorded_at) for meeting in meetings]
    meetings = sorted(meetings)
    for request in requests:
        asked = _fact(request)
        held_on = next((day for day, at in meetings if rules.meeting_answers(day, at, asked)), None)
        if request.status == MeetingRequest.Status.HELD and held_on is None:
            held_on = timezone.localdate(request.handled_at)
        request.state_date = None
        if request.status == MeetingRequest.Status.DECLINED:
            request.state = DECLINED
        elif request.status == MeetingRequest.Status.CLOSED:
            request.state = HANDLED
        elif held_on is not None:
            request.state, request.state_date = HELD, held_on
        elif request.status == MeetingRequest.Status.PLANNED:
            request.state, request.state_date = PLANNED, request.planned_on
        else:
            request.state = RECEIVED
    return requests


def answered_by(meeting):
    """The open or planned requests of its placement that this meeting answers."""
    requests = MeetingRequest.objects.filter(
        placement_id=meeting.placement_id,
        status__in=[MeetingRequest.Status.OPEN, MeetingRequest.Status.PLANNED],
    )
    return [
        r for r in requests if rules.meeting_answers(meeting.date, meeting.recorded_at, _fact(r))
    ]


def open_meeting_requests(placement, requests=None, meetings=None):
    """The requests the regie still acts on: not held, declined or handled. `requests`: all
    of the placement's, when the caller has them already (oldest first); `meetings` the
    same for its zorgteam meetings."""
    if requests is None:
        requests = (
            MeetingRequest.objects.filter(placement=placement)
            .select_related("requested_by")
            .order_by("created_at", "pk")
        )
    unsettled = [r for r in requests if r.status not in MeetingRequest.SETTLED]
    return [r for r in with_meeting_states(placement, unsettled, meetings) if r.state != HELD]


# --- As the deadline engine reads them --------------------------------------------------------


def _read(placement_ids):
    for request in MeetingRequest.objects.filter(placement_id__in=placement_ids).only(
        "pk", "placement_id", "created_at", "status"
    ):
        yield request.placement_id, _fact(request)


def request_source():
    return RequestSource(kind=rules.REQUESTED_MEETING, read=_read)


def settled_source():
    """A request declined with a reason (or handled) closes its requested_meeting deadline."""
    return Source(
        MeetingRequest,
        lambda r: {
            "date": timezone.localdate(r.handled_at) if r.handled_at else None,
            "key": str(r.pk),
            "done": r.status in MeetingRequest.SETTLED,
        },
    )
