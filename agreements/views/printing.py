"""The print view of an adopted plan, for the zorgteam meeting and the file.

One view for everyone: it starts from `shared_with(access)` (zorgteam.access), so each
person's print holds what is shared with them (adopted versions only, the items shared with
their audience, no foster family for parents of a confidential placement) and the regie's
print is the whole plan.
"""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from cases.selectors import placement_for_user
from core.services import audit_record
from zorgteam.access import access_for

from .. import selectors
from ..models import PlanVersion


def render_print(request, placement, version):
    user = request.user
    access = access_for(user, placement)
    agreements = selectors.agreements_for(access, version)
    all_members = selectors.current_members(placement)
    selectors.label_owners(agreements, all_members, access)
    members = access.members(all_members)
    audit_record(
        user=user,
        action="export",
        what=f"print of plan version {version.number}",
        placement=placement,
    )
    return render(
        request,
        "agreements/print.html",
        {
            "placement": placement,
            "version": version,
            "goals": selectors.goals_for(access, version),
            "groups": selectors.by_category(agreements),
            "members": members,
            "printed_at": timezone.localtime(),
            "show_visibility": access.whole_file,
        },
    )


@login_required
def version_print(request, reference, number):
    placement = placement_for_user(request.user, reference)
    version = get_object_or_404(
        PlanVersion.objects.shared_with(access_for(request.user, placement)), number=number
    )
    return render_print(request, placement, version)
