"""Meeting requests (advice 8): any member may ask for a zorgteam meeting; the regie plans
it, or declines it with a reason the requester reads. Each write is one transaction.

A request opens the requested_meeting deadline: its writes call cases.hooks.placement_changed
in their transaction, so the deadlines follow (the deadline engine is not imported here).
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.hooks import placement_changed
from core.audit_signals import log_update
from core.plausible import check_in_window, window

from .models import MeetingRequest
from .notifications import meeting_request_notify

# A meeting is planned within the coming year; a date further out is a typing error.
DECLINE_REASON_MIN = 10
REASON_MAX = 2000


@transaction.atomic
def meeting_request_create(*, placement, requested_by, reason):
    """Any member may ask for a zorgteam meeting. The email goes out after the commit."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(
            {"reason": _("Tell the team why you would like a meeting: the reason cannot be empty.")}
        )
    if len(reason) > REASON_MAX:
        raise ValidationError(
            {"reason": _("Keep the reason short: at most %(n)s characters.") % {"n": REASON_MAX}}
        )
    if placement.is_ended():
        raise ValidationError(_("This placement has ended: the zorgteam no longer meets."))
    request = MeetingRequest(placement=placement, requested_by=requested_by, reason=reason)
    request.full_clean(exclude=["requested_by"])
    request.save()
    placement_changed(placement)  # opens the requested_meeting deadline for the regie
    request_id = request.pk
    transaction.on_commit(lambda: meeting_request_notify(meeting_request_id=request_id))
    return request


@transaction.atomic
def meeting_request_plan(*, meeting_request, planned_on, handled_by, response=""):
    today = timezone.localdate()
    if planned_on < today:
        raise ValidationError({"planned_on": _("The meeting date cannot be in the past.")})
    check_in_window(planned_on, window("planned_on", today=today), "planned_on")
    updated = MeetingRequest.objects.filter(
        pk=meeting_request.pk,
        status__in=[MeetingRequest.Status.OPEN, MeetingRequest.Status.PLANNED],
    ).update(
        status=MeetingRequest.Status.PLANNED,
        planned_on=planned_on,
        response=response.strip(),
        handled_by=handled_by,
        handled_at=timezone.now(),
    )
    if not updated:
        raise ValidationError(_("This request has already been handled."))
    # A conditional update sends no signal: the access log is told here.
    planned = MeetingRequest.objects.get(pk=meeting_request.pk)
    log_update(planned)
    return planned


def _settle(meeting_request, *, status, handled_by, response):
    updated = (
        MeetingRequest.objects.filter(pk=meeting_request.pk)
        .exclude(status__in=[*MeetingRequest.SETTLED, MeetingRequest.Status.HELD])
        .update(
            status=status,
            response=response.strip(),
            handled_by=handled_by,
            handled_at=timezone.now(),
        )
    )
    if not updated:
        raise ValidationError(_("This request has already been handled."))
    request = MeetingRequest.objects.select_related("placement").get(pk=meeting_request.pk)
    log_update(request)
    placement_changed(request.placement)  # the requested_meeting deadline closes
    return request


@transaction.atomic
def meeting_requests_held(*, requests, handled_by):
    """The zorgteam met and answered these requests (the caller knows which: the meeting's
    page). Their requesters read "held"; the lists of waiting requests drop them."""
    return MeetingRequest.objects.filter(
        pk__in=[r.pk for r in requests],
        status__in=[MeetingRequest.Status.OPEN, MeetingRequest.Status.PLANNED],
    ).update(status=MeetingRequest.Status.HELD, handled_by=handled_by, handled_at=timezone.now())


@transaction.atomic
def meeting_request_close(*, meeting_request, handled_by, response=""):
    return _settle(
        meeting_request,
        status=MeetingRequest.Status.CLOSED,
        handled_by=handled_by,
        response=response,
    )


@transaction.atomic
def meeting_request_decline(*, meeting_request, handled_by, reason):
    """Decline a request with a reason the requester reads in the portal; the
    requested_meeting deadline closes (advice 8: the answer is owed, not the meeting)."""
    reason = (reason or "").strip()
    if len(reason) < DECLINE_REASON_MIN:
        raise ValidationError(
            {
                "response": _(
                    "Explain to the requester why there will be no meeting (at least %(n)s "
                    "characters)."
                )
                % {"n": DECLINE_REASON_MIN}
            }
        )
    return _settle(
        meeting_request,
        status=MeetingRequest.Status.DECLINED,
        handled_by=handled_by,
        response=reason,
    )
