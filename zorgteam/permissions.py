"""Who holds the regie on a placement. Who may *see* it is decided by Placement.objects.visible_to.

The pleegzorgbegeleider has the regie on the case (DOMAIN.md): she keeps the team list and
the hulpverleningsplan right. Her team lead may stand in, and the application manager may
fix anything. Other professionals read the team and the plan (the voogd proposes changes);
families see them in their portal. Written once, for the zorgteam pages and the plan.
"""

from cases.permissions import file_is_open, oversees_placement

from .models import Membership, Role


def holds_regie(user, placement):
    """The pleegzorgbegeleider (or her team lead, the application manager) of an open file:
    an ended placement is read, not changed (cases.permissions.file_is_open)."""
    if not getattr(user, "is_professional", False) or not file_is_open(placement):
        return False
    if oversees_placement(user, placement):
        return True
    return (
        Membership.objects.current()
        .filter(placement=placement, person=user, role=Role.PLEEGZORGBEGELEIDER)
        .exists()
    )


def holds_regie_among(user, placement, current_members):
    """The same answer without a query, from the current members a page has loaded."""
    if not getattr(user, "is_professional", False) or not file_is_open(placement):
        return False
    if oversees_placement(user, placement):
        return True
    return any(
        m.person_id == user.pk and m.role == Role.PLEEGZORGBEGELEIDER for m in current_members
    )
