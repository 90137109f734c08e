"""The print view of an adopted plan, for the zorgteam meeting and the file.

One view for everyone: it starts from the visible_to querysets, so a foster parent's print
is the family's version of the plan (adopted versions only, no professionals-only
agreements) and a professional's print is the whole plan.
"""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from cases.selectors import placement_for_user
from core.services import audit_record

from .. import selectors
from ..models import PlanVersion


def render_print(request, placement, version):
    user = request.user
    agreements = selectors.agreements_for(user, version)
    members = selectors.current_members(placement)
    selectors.label_owners(agreements, members)
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
            "goals": selectors.goals_for(user, version),
            "groups": selectors.by_category(agreements),
            "members": members,
            "printed_at": timezone.localtime(),
            "show_visibility": user.is_professional,
        },
    )


@login_required
def version_print(request, reference, number):
    placement = placement_for_user(request.user, reference)
    version = get_object_or_404(
        PlanVersion.objects.visible_to(request.user).filter(placement=placement), number=number
    )
    return render_print(request, placement, version)
