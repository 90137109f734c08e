from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone

from core.services import audit_record
from dashboard.lights import deadline_lights, since_start
from evaluations.models import Deadline
from evaluations.permissions import RECORDING_ROLES, can_record_events
from evaluations.status import UPCOMING
from zorgteam.access import access_for
from zorgteam.models import Role

from .permissions import can_edit_privacy
from .sections import render_sections
from .selectors import placement_for_user

# The people a professional looks for first: who has the regie, who takes the decisions.
RESPONSIBLE_ROLES = (Role.PLEEGZORGBEGELEIDER, Role.VOOGD)


def _urgent_deadline_lights(placement, today):
    """Overdue and due-soon deadlines for the top of the page; the full list is in the
    evaluations section further down."""
    deadlines = Deadline.objects.open().filter(placement=placement).order_by("due_date", "kind")
    lights = deadline_lights(deadlines, reference=placement.reference, today=today)
    return [lt for lt in lights if lt.status != UPCOMING]


@login_required
def placement_detail(request, reference):
    placement = placement_for_user(request.user, reference)
    if not request.user.is_professional:
        # Families see the portal view of their own placement, never the professionals' file.
        return redirect("portal:placement", reference=placement.reference)
    today = timezone.localdate()
    access = access_for(request.user, placement)
    memberships = access.members(
        placement.memberships.select_related("person").order_by("role", "-start_date")
    )
    current = [m for m in memberships if m.is_current(today)]
    audit_record(user=request.user, action="view", what="placement page", placement=placement)
    return render(
        request,
        "cases/placement_detail.html",
        {
            "placement": placement,
            "access": access,
            "today": today,
            "ended": placement.is_ended(on=today),
            "age": placement.child.age_on(today),
            "since_start": since_start(placement.start_date, today),
            "responsible": sorted(
                (m for m in current if m.role in RESPONSIBLE_ROLES),
                key=lambda m: RESPONSIBLE_ROLES.index(m.role),
            ),
            # Deadlines tell of court orders and the voogd's contacts: the whole file only.
            "urgent": _urgent_deadline_lights(placement, today) if access.whole_file else [],
            "may_record": can_record_events(
                request.user,
                placement,
                {role: [m.person for m in current if m.role == role] for role in RECORDING_ROLES},
            ),
            "current_members": current,
            "past_members": [m for m in memberships if not m.is_current(today)],
            "variant_changes": placement.variant_changes.select_related("recorded_by")
            if access.whole_file
            else [],
            "can_edit_privacy": can_edit_privacy(request.user, placement, access),
            "sections": render_sections(request, placement),
        },
    )
