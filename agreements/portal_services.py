"""Writes from the portal and about meeting requests: "gezien", visits, meeting requests."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit_signals import log_update

from .models import AgreementRead, MeetingRequest, PortalVisit


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
    request = MeetingRequest.objects.create(
        placement=placement, requested_by=requested_by, reason=reason
    )
    from .notifications import meeting_request_notify

    request_id = request.pk
    transaction.on_commit(lambda: meeting_request_notify(meeting_request_id=request_id))
    return request


@transaction.atomic
def meeting_request_plan(*, meeting_request, planned_on, handled_by, response=""):
    if planned_on < timezone.localdate():
        raise ValidationError({"planned_on": _("The meeting date cannot be in the past.")})
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
    log_update(meeting_request)
    return MeetingRequest.objects.get(pk=meeting_request.pk)


@transaction.atomic
def meeting_request_close(*, meeting_request, handled_by, response=""):
    updated = (
        MeetingRequest.objects.filter(pk=meeting_request.pk)
        .exclude(status=MeetingRequest.Status.CLOSED)
        .update(
            status=MeetingRequest.Status.CLOSED,
            response=response.strip(),
            handled_by=handled_by,
            handled_at=timezone.now(),
        )
    )
    if not updated:
        raise ValidationError(_("This request has already been handled."))
    log_update(meeting_request)
    return MeetingRequest.objects.get(pk=meeting_request.pk)
