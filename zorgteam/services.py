"""Writes on the zorgteam. A change of team changes deadlines (child joins, handover)."""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .models import Membership


def _refresh_deadlines(placement):
    from evaluations.services import deadlines_refresh

    deadlines_refresh(placement=placement)


@transaction.atomic
def membership_add(*, placement, person, role, start_date, responsibilities="", reachable=""):
    membership = Membership(
        placement=placement,
        person=person,
        role=role,
        start_date=start_date,
        responsibilities=responsibilities,
        reachable=reachable,
    )
    membership.full_clean()
    membership.save()
    _refresh_deadlines(placement)
    return membership


@transaction.atomic
def membership_end(*, membership, end_date):
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if end_date < membership.start_date:
        raise ValidationError(_("The end date cannot be before the start date."))
    membership.end_date = end_date
    membership.save(update_fields=["end_date"])
    _refresh_deadlines(membership.placement)
    return membership


@transaction.atomic
def membership_replace(*, membership, new_person, change_date, responsibilities=None):
    """A staff change: the old member's last day is the day before the new one starts.

    Both rows stay, so the team's history shows who was responsible when.
    """
    old = Membership.objects.select_for_update().get(pk=membership.pk)
    if change_date <= old.start_date:
        raise ValidationError(_("The change must be after the current member started."))
    old.end_date = change_date - timedelta(days=1)
    old.save(update_fields=["end_date"])
    new = Membership(
        placement=old.placement,
        person=new_person,
        role=old.role,
        start_date=change_date,
        responsibilities=old.responsibilities if responsibilities is None else responsibilities,
        reachable="",
    )
    new.full_clean()
    new.save()
    _refresh_deadlines(old.placement)
    return new
