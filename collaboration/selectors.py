"""Reads of the collaboration app shared by the portal, the sections and the timeline.

What a family member reads follows the audiences ticked on each decision and the roles they
hold in the team today (zorgteam.access); everything starts from a placement that
cases.selectors.placement_for_user returned, so another family's records are never reached.
"""

from datetime import timedelta

from django.db.models import Prefetch
from django.utils import timezone

from zorgteam.models import Membership

from .models import Decision, StaffChange

# How long a staff change stays on the family's portal page as news.
NOTICE_DAYS = 90


def decisions_for(access):
    """The decisions of the log this person reads: all of them for the regie, those shared
    with their audience for a family member (zorgteam.access decides)."""
    return Decision.objects.filter(access.q(), placement_id=access.placement_id)


def staff_notices(placement, today=None):
    """The staff changes of the last NOTICE_DAYS with the new member and their person.

    Read on every reload of the portal, and nearly always empty: the new members are
    fetched by a second query only when there is a change to show, so the usual page does
    not pay for two joins.
    """
    today = today or timezone.localdate()
    return list(
        StaffChange.objects.filter(
            placement=placement, change_date__gte=today - timedelta(days=NOTICE_DAYS)
        ).prefetch_related(
            Prefetch("new_membership", queryset=Membership.objects.select_related("person"))
        )
    )
