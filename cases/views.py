from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone

from core.services import audit_record

from .sections import render_sections
from .selectors import placement_for_user


@login_required
def placement_detail(request, reference):
    placement = placement_for_user(request.user, reference)
    if not request.user.is_professional:
        # Families see the portal view of their own placement, never the professionals' file.
        return redirect("portal:placement", reference=placement.reference)
    today = timezone.localdate()
    memberships = list(
        placement.memberships.select_related("person").order_by("role", "-start_date")
    )
    audit_record(user=request.user, action="view", what="placement page", placement=placement)
    return render(
        request,
        "cases/placement_detail.html",
        {
            "placement": placement,
            "today": today,
            "current_members": [m for m in memberships if m.is_current(today)],
            "past_members": [m for m in memberships if not m.is_current(today)],
            "variant_changes": placement.variant_changes.select_related("recorded_by"),
            "sections": render_sections(request, placement),
        },
    )
