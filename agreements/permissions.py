"""Who may change the plan. Who may *see* it is decided in querysets.py.

The one who holds the regie (zorgteam.permissions.holds_regie: the pleegzorgbegeleider, her
team lead standing in) drafts and adopts versions (DOMAIN.md). Other professionals — the
voogd first of all — read the plan and propose changes as comments.
"""


def can_comment_on_plan(user, placement):
    """Every professional who can see the placement may propose a change."""
    return bool(getattr(user, "is_professional", False))
