"""Who may change the plan. Who may *see* it is decided in querysets.py.

The pleegzorgbegeleider has the regie and drafts and adopts versions (DOMAIN.md); her team
lead may stand in. Other professionals — the voogd first of all — read the plan and propose
changes as comments.
"""

from cases.permissions import oversees_placement
from zorgteam.models import Membership, Role


def can_edit_plan(user, placement):
    if not getattr(user, "is_professional", False):
        return False
    if oversees_placement(user, placement):
        return True
    return (
        Membership.objects.current()
        .filter(placement=placement, person=user, role=Role.PLEEGZORGBEGELEIDER)
        .exists()
    )


def can_comment_on_plan(user, placement):
    """Every professional who can see the placement may propose a change."""
    return bool(getattr(user, "is_professional", False))
