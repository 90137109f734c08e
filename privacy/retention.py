"""Retention: a youth-care file is destroyed 20 years after the end of care (Jeugdwet art.
7.3.8; RETENTION_YEARS).

Destroyed means deleted: the placement with everything that hangs from it (zorgteam, plan
versions, goals, agreements, events, deadlines, requests), the child when no other placement
is theirs, and the family accounts that were there only for this file. The access log is
not touched (it is append-only and holds no case content): its rows keep the placement's
reference as text, and the destruction itself is logged, one row per file.
"""

import calendar
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import ProtectedError

from core import audit


def years_before(day: date, years: int) -> date:
    """The same calendar day `years` earlier; 29 February becomes the 28th."""
    year = day.year - years
    return date(year, day.month, min(day.day, calendar.monthrange(year, day.month)[1]))


def retention_ends(end_date: date, years: int) -> date:
    """The last day the file is kept: the end of care plus the retention period."""
    year = end_date.year + years
    return date(
        year, end_date.month, min(end_date.day, calendar.monthrange(year, end_date.month)[1])
    )


def due_for_destruction(*, today, years=None):
    """Ended placements whose retention period is over: kept `years` after the end date,
    destroyed from the day after."""
    from cases.models import Placement

    years = settings.RETENTION_YEARS if years is None else years
    # end + years < today  <=>  end < today - years (both clamp 29 February the same way).
    return (
        Placement.objects.filter(end_date__isnull=False, end_date__lt=years_before(today, years))
        .select_related("child")
        .order_by("end_date", "reference")
    )


@dataclass
class Destroyed:
    reference: str
    end_date: date
    child_deleted: bool
    accounts_deleted: int


def _family_accounts_only_here(placement):
    """Accounts of family members (not professionals, not staff) who are in no other file."""
    user_model = get_user_model()
    people = user_model._default_manager.filter(memberships__placement=placement).distinct()
    return [
        person
        for person in people
        if not person.is_professional
        and not person.is_staff
        and not person.is_superuser
        and not person.memberships.exclude(placement=placement).exists()
    ]


@transaction.atomic
def placement_destroy(*, placement, years):
    """Delete one file, logging one row for it (not one per deleted record)."""
    child = placement.child
    reference, end_date = placement.reference, placement.end_date
    accounts = _family_accounts_only_here(placement)
    audit.record(
        audit.Action.DELETE,
        what=f"destroyed: retention period of {years} years after the end of care is over",
        obj=placement,
        placement=placement,
    )
    with audit.model_events_muted():
        placement.delete()
        child_deleted = not child.placements.exists()
        if child_deleted:
            child.delete()
        deleted = 0
        for person in accounts:
            person_id = person.pk
            try:
                with transaction.atomic():
                    person.delete()
            except ProtectedError:
                # Referenced elsewhere (a later feature's record): keep, but switch it off.
                person.is_active = False
                person.save(update_fields=["is_active"])
                continue
            audit.record(
                audit.Action.DELETE,
                what="account of a family member of a destroyed file",
                object_type="accounts.user",
                object_id=str(person_id),
                placement_reference=reference,
            )
            deleted += 1
    return Destroyed(reference, end_date, child_deleted, deleted)


def retention_run(*, today, dry_run=False, years=None):
    """Destroy every file past its retention period; with dry_run, only list them."""
    years = settings.RETENTION_YEARS if years is None else years
    due = list(due_for_destruction(today=today, years=years))
    if dry_run:
        return due, []
    return due, [placement_destroy(placement=p, years=years) for p in due]
