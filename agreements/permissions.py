"""Who may change the plan. Who may *see* it is decided in querysets.py.

The one who holds the regie (zorgteam.permissions.holds_regie: the pleegzorgbegeleider, her
team lead standing in) drafts and adopts versions (DOMAIN.md). Other professionals — the
voogd first of all — read the plan and propose changes as comments.
"""

from cases.permissions import file_is_open


def can_comment_on_plan(user, placement, access=None):
    """Every professional who can see the placement may propose a change (not on a closed
    file). Another professional's proposal shows only to the regie and its author."""
    if access is not None and access.is_family:
        return False
    return bool(getattr(user, "is_professional", False)) and file_is_open(placement)
