"""Writes from the portal and about meeting requests: "gezien", visits, meeting requests."""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from evaluations.services import deadlines_refresh

from .models import AgreementRead, MeetingRequest, PortalVisit

# A meeting is planned within the coming year; a date further out is a typing error.
PLAN_AHEAD_DAYS = 365
DECLINE_REASON_MIN = 10
REASON_MAX = 2000


@transaction.atomic
def agreement_mark_seen(*, agreement, person):
    """Record that `person` read this wording of the agreement. Idempotent.

    The caller looked the agreement up through Agreement.objects.visible_to(person), so a
    foster parent can only ever mark what they may see.
    """
    if agreement.published_at is None:
        raise ValidationError(_("This agreement has not been adopted yet."))
    now = timezone.now()
    receipt, _created = AgreementRead.objects.get_or_create(
        agreement=agreement, person=person, defaults={"key": agreement.key, "read_at": now}
    )
    return receipt


def seen_keys(*, person, agreements):
    """The keys of those agreements whose current wording `person` has seen (one query)."""
    agreements = [a for a in agreements if a.published_at is not None]
    if not agreements:
        return set()
    latest = {}
    for key, read_at in AgreementRead.objects.filter(
        person=person, key__in={a.key for a in agreements}
    ).values_list("key", "read_at"):
        latest[key] = max(read_at, latest.get(key, read_at))
    return {a.key for a in agreements if a.key in latest and latest[a.key] >= a.published_at}


def portal_visit_record(*, person, placement):
    """Store this visit and return when the previous one was (None on a first visit)."""
    now = timezone.now()
    previous = (
        PortalVisit.objects.filter(person=person, placement=placement)
        .values_list("last_visit_at", flat=True)
        .first()
    )
    try:
        with transaction.atomic():
            PortalVisit.objects.update_or_create(
                person=person, placement=placement, defaults={"last_visit_at": now}
            )
    except IntegrityError:
        # Two tabs opened at once both tried to create the row; the other one won.
        PortalVisit.objects.filter(person=person, placement=placement).update(last_visit_at=now)
    return previous


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
    request.full_clean()
    request.save()
    # Advice 8: the request opens the requested_meeting deadline for the regie.
    deadlines_refresh(placement=placement)
    from .notifications import meeting_request_notify

    request_id = request.pk
    transaction.on_commit(lambda: meeting_request_notify(meeting_request_id=request_id))
    return request


@transaction.atomic
def meeting_request_plan(*, meeting_request, planned_on, handled_by, response=""):
    today = timezone.localdate()
    if planned_on < today:
        raise ValidationError({"planned_on": _("The meeting date cannot be in the past.")})
    if planned_on > today + timedelta(days=PLAN_AHEAD_DAYS):
        raise ValidationError({"planned_on": _("Plan the meeting within a year from today.")})
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
    return MeetingRequest.objects.get(pk=meeting_request.pk)


def _settle(meeting_request, *, status, handled_by, response):
    updated = (
        MeetingRequest.objects.filter(pk=meeting_request.pk)
        .exclude(status__in=MeetingRequest.SETTLED)
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
    deadlines_refresh(placement=request.placement)
    return request


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
