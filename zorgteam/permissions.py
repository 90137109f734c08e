"""Who may change a zorgteam. Who may *see* it is decided by Placement.objects.visible_to.

The pleegzorgbegeleider has the regie on the case (DOMAIN.md), so she keeps the team list
right; her team lead may stand in, and the application manager may fix anything. Other
professionals read the team; families see it in their portal.
"""

from cases.permissions import file_is_open, oversees_placement

from .models import Membership, Role


def can_manage_zorgteam(user, placement):
    if not getattr(user, "is_professional", False) or not file_is_open(placement):
        return False
    if oversees_placement(user, placement):
        return True
    return (
        Membership.objects.current()
        .filter(placement=placement, person=user, role=Role.PLEEGZORGBEGELEIDER)
        .exists()
    )


def can_manage_zorgteam_of(user, placement, current_members):
    """The same answer without a query, from the current members a page has loaded."""
    if not getattr(user, "is_professional", False) or not file_is_open(placement):
        return False
    if oversees_placement(user, placement):
        return True
    return any(
        m.person_id == user.pk and m.role == Role.PLEEGZORGBEGELEIDER for m in current_members
    )
