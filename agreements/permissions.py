"""Who may change the plan. Who may *see* it is decided in querysets.py.

The pleegzorgbegeleider has the regie and drafts and adopts versions (DOMAIN.md); her team
lead may stand in. Other professionals — the voogd first of all — read the plan and propose
changes as comments.
"""

from cases.permissions import file_is_open, oversees_placement
from zorgteam.models import Membership, Role


def can_edit_plan(user, placement):
    if not getattr(user, "is_professional", False) or not file_is_open(placement):
        return False
    if oversees_placement(user, placement):
        return True
    return (
        Membership.objects.current()
        .filter(placement=placement, person=user, role=Role.PLEEGZORGBEGELEIDER)
        .exists()
    )


def can_comment_on_plan(user, placement, access=None):
    """Every professional who can see the placement may propose a change (not on a closed
    file). Another professional's proposal shows only to the regie and its author."""
    if access is not None and access.is_family:
        return False
    return bool(getattr(user, "is_professional", False)) and file_is_open(placement)
