"""Writes on the zorgteam. A change of team changes deadlines (child joins, handover)."""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.hooks import placement_changed
from core.plausible import check_in_window, window

from .models import ROLE_PERSON_TYPES, Membership


def _check_no_overlap(membership):
    """One person holds a role in a team once at a time: a second, overlapping row would
    make the team list and the handover deadlines (one per new professional) double."""
    overlapping = (
        Membership.objects.filter(
            placement=membership.placement, person=membership.person, role=membership.role
        )
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=membership.start_date))
        .exclude(pk=membership.pk)
    )
    if overlapping.exists():
        raise ValidationError(
            {"email": _("This person is already a member of this zorgteam in this role.")}
        )


def check_within_placement(placement, day, field):
    """A membership's dates fall within the placement (core.plausible)."""
    bounds = window(
        "membership", today=timezone.localdate(), start=placement.start_date, end=placement.end_date
    )
    check_in_window(day, bounds, field)


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
    check_within_placement(placement, start_date, "start_date")
    _check_no_overlap(membership)
    membership.save()
    placement_changed(placement)
    return membership


@transaction.atomic
def membership_end(*, membership, end_date):
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if end_date < membership.start_date:
        raise ValidationError(_("The end date cannot be before the start date."))
    check_within_placement(membership.placement, end_date, "end_date")
    membership.end_date = end_date
    membership.save(update_fields=["end_date"])
    placement_changed(membership.placement)
    return membership


@transaction.atomic
def membership_replace(*, membership, new_person, change_date, responsibilities=None):
    """A staff change: the old member's last day is the day before the new one starts.

    Both rows stay, so the team's history shows who was responsible when.
    """
    old = Membership.objects.select_for_update().get(pk=membership.pk)
    if change_date <= old.start_date:
        raise ValidationError(_("The change must be after the current member started."))
    check_within_placement(old.placement, change_date, "change_date")
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
    _check_no_overlap(new)
    new.save()
    # What the change set in motion (a warm handover), for the message to the manager.
    new.notes = placement_changed(old.placement)
    return new


@transaction.atomic
def membership_update(*, membership, responsibilities, reachable):
    """Who does what and how to reach them. Role and person change only by a staff change."""
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    membership.responsibilities = responsibilities
    membership.reachable = reachable
    membership.full_clean()
    membership.save(update_fields=["responsibilities", "reachable"])
    return membership


# The one way to add a person by email (the zorgteam page, the staff change, the intake of a
# new placement): an invitation they accept. Defined in zorgteam.invitations.
from .invitations import invitation_accept, invitation_revoke, member_invite  # noqa: E402

__all__ = [
    "ROLE_PERSON_TYPES",
    "check_within_placement",
    "invitation_accept",
    "invitation_revoke",
    "member_invite",
    "membership_add",
    "membership_end",
    "membership_replace",
    "membership_update",
]
