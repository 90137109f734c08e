"""The foster parents' portal: their own placement(s) only, phone first."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone

from cases.models import Placement
from cases.selectors import placement_for_user
from core.services import audit_record


@login_required
def portal_home(request):
    placements = list(Placement.objects.visible_to(request.user).select_related("child"))
    if len(placements) == 1:
        return redirect("portal:placement", reference=placements[0].reference)
    return render(request, "agreements/portal_home.html", {"placements": placements})


@login_required
def portal_placement(request, reference):
    placement = placement_for_user(request.user, reference)
    today = timezone.localdate()
    members = placement.memberships.current(on=today).select_related("person").order_by("role")
    audit_record(user=request.user, action="view", what="portal page", placement=placement)
    return render(
        request,
        "agreements/portal_placement.html",
        {"placement": placement, "members": members, "today": today},
    )
