"""Reads of the collaboration app shared by the portal, the sections and the timeline.

What a family member reads follows the audiences ticked on each record (SharedWithFamily)
and the roles they hold in the team today; everything starts from a placement that
cases.selectors.placement_for_user returned, so another family's records are never reached.
"""

from datetime import timedelta

from django.utils import timezone

from zorgteam.models import Membership

from .models import Decision, MeetingRecord, StaffChange

# How long a staff change stays on the family's portal page as news.
NOTICE_DAYS = 90
MEETING_NOTES_SHOWN = 5


def family_roles(user, placement, on=None):
    on = on or timezone.localdate()
    return set(
        Membership.objects.current(on=on)
        .filter(placement=placement, person=user)
        .values_list("role", flat=True)
    )


def decisions_for_family(user, placement):
    roles = family_roles(user, placement)
    return Decision.objects.filter(placement=placement).filter(Decision.shared_with_roles(roles))


def meeting_notes_for_family(user, placement):
    roles = family_roles(user, placement)
    return list(
        MeetingRecord.objects.filter(meeting__placement=placement)
        .exclude(shared_notes="")
        .filter(MeetingRecord.shared_with_roles(roles))
        .select_related("meeting")
        .order_by("-meeting__date", "-pk")[:MEETING_NOTES_SHOWN]
    )


def staff_notices(placement, today=None):
    today = today or timezone.localdate()
    return list(
        StaffChange.objects.filter(
            placement=placement, change_date__gte=today - timedelta(days=NOTICE_DAYS)
        ).select_related("new_membership__person")
    )
