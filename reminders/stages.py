"""When a deadline reminds whom. Pure functions over dates and role names: no ORM, no clock.

Stages: `due_soon` from 14 days before the due date, `due` on it, and `overdue`
after it, repeated every 7 days while the deadline stays open. Each repetition is an
*occurrence*: the outbox holds one row per (deadline, stage, occurrence, recipient), so a
sweep that runs again in the same period finds the row already there and adds nothing.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from evaluations.rules import NEW_PROFESSIONAL, PLEEGZORGBEGELEIDER, RULES_BY_KIND

DUE_SOON = "due_soon"
DUE = "due"
OVERDUE = "overdue"
STAGE_ORDER = {DUE_SOON: 0, DUE: 1, OVERDUE: 2}

RESPONSIBLE = "responsible"
ESCALATED = "escalated"
INFORMED = "informed"


@dataclass(frozen=True)
class StageOn:
    stage: str
    occurrence: int
    starts: date  # the first day of this stage's occurrence


def stage_on(due: date, day: date, *, due_soon_days: int = 14, repeat_days: int = 7):
    """The stage a deadline due on `due` is in on `day`, or None while it is further away.

    Only the *current* stage is ever returned, so a sweep after an outage writes the latest
    stage of each deadline and never the ones it missed (STYLE.md: nothing stale).
    """
    days_left = (due - day).days
    if days_left > due_soon_days:
        return None
    if days_left > 0:
        return StageOn(DUE_SOON, 1, due - timedelta(days=due_soon_days))
    if days_left == 0:
        return StageOn(DUE, 1, due)
    # Overdue from the day after the due date; a new occurrence every `repeat_days`.
    occurrence = (-days_left - 1) // repeat_days + 1
    return StageOn(OVERDUE, occurrence, due + timedelta(days=1 + repeat_days * (occurrence - 1)))


def recipient_roles(kind: str, responsible_role: str, stage: str) -> dict[str, str]:
    """{zorgteam role: why that role is told} for one deadline in one stage.

    The responsible role first; the roles DOMAIN.md lists as "also reminded"; and when
    overdue, the pleegzorgbegeleider, who has the regie on the case (escalation). Family
    roles never appear: the rules name only professional roles.
    """
    roles = {responsible_role: RESPONSIBLE}
    if stage == OVERDUE:
        roles.setdefault(PLEEGZORGBEGELEIDER, ESCALATED)
    for role in RULES_BY_KIND[kind].also_reminded:
        roles.setdefault(role, INFORMED)
    return roles


def all_reminded_roles() -> frozenset[str]:
    """Every role any rule may remind; the sweep reads only memberships in these roles."""
    roles = {PLEEGZORGBEGELEIDER}
    for rule in RULES_BY_KIND.values():
        roles.update(rule.also_reminded)
        roles.add(rule.responsible)
    # A handover's deadline stores the actual role of the new professional, not the marker.
    return frozenset(roles - {NEW_PROFESSIONAL})
