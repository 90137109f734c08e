"""Who may record events. Recording closes deadlines and stops reminders, and a perspective
decision can switch the variant: that is for the pleegzorgbegeleider (regie) and the voogd
(formal decisions), their team lead and the application manager — not for every
professional in the zorgteam (a teacher or therapist reads the timeline)."""

from cases.permissions import file_is_open, oversees_placement
from zorgteam.models import Role

RECORDING_ROLES = frozenset({Role.PLEEGZORGBEGELEIDER, Role.VOOGD})


def can_record_events(user, placement, members_by_role):
    """From {role: [person, ...]} of the current members a page has loaded: no query."""
    if not getattr(user, "is_professional", False) or not file_is_open(placement):
        return False
    if oversees_placement(user, placement):
        return True
    return any(
        person.pk == user.pk
        for role, people in members_by_role.items()
        if role in RECORDING_ROLES
        for person in people
    )
