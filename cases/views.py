from django.shortcuts import render
from django.utils import timezone

from core.dates import since_start
from core.services import audit_record
from zorgteam.access import access_for, remember_current_memberships
from zorgteam.models import Role

from .decorators import placement_view
from .permissions import can_edit_privacy
from .sections import render_sections
from .selectors import variant_changes

# The people a professional looks for first: who has the regie, who takes the decisions.
RESPONSIBLE_ROLES = (Role.PLEEGZORGBEGELEIDER, Role.VOOGD)


@placement_view
def placement_detail(request, placement):
    today = timezone.localdate()
    everyone = list(placement.memberships.select_related("person").order_by("role", "-start_date"))
    # The reader's roles and the sections' current team come from this list: no more queries.
    remember_current_memberships(placement, everyone, today)
    access = access_for(request.user, placement)
    memberships = access.members(everyone)
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
            "current_members": current,
            "past_members": [m for m in memberships if not m.is_current(today)],
            "variant_changes": variant_changes(placement) if access.whole_file else [],
            "can_edit_privacy": can_edit_privacy(request.user, placement, access),
            # What the apps that own them add: beside the essentials, and below the team.
            "attention": render_sections(request, placement, slot="attention"),
            "sections": render_sections(request, placement),
        },
    )
