"""Writes from the portal: "gezien" (read receipts) and visits. A meeting request is the
plan's (agreements.services), asked for from the portal or by a professional."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from agreements.models import AgreementRead, PortalVisit


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


def portal_visit_touch(*, person, placement):
    """Store this visit when the page knows the previous one already (a reload in the same
    session): one UPDATE, without reading the time it overwrites."""
    updated = PortalVisit.objects.filter(person=person, placement=placement).update(
        last_visit_at=timezone.now()
    )
    if not updated:  # the row is gone (removed in the admin): store this visit anew
        portal_visit_record(person=person, placement=placement)


def portal_visit_record(*, person, placement):
    """Store this visit and return when the previous one was (None on a first visit)."""
    now = timezone.now()
    visits = PortalVisit.objects.filter(person=person, placement=placement)
    previous = visits.values_list("last_visit_at", flat=True).first()
    if previous is not None:
        # Every reload of the portal comes here: one UPDATE, not a transaction that locks
        # the row first (update_or_create), four round trips fewer on a busy morning.
        visits.update(last_visit_at=now)
        return previous
    try:
        with transaction.atomic():
            PortalVisit.objects.create(person=person, placement=placement, last_visit_at=now)
    except IntegrityError:
        # Two tabs opened at once both tried to create the row; the other one won.
        visits.update(last_visit_at=now)
    return None
