"""The one builder of rules.PlacementFacts, from plain values.

The database reader (services.deadlines.placements_facts) and the caseload import (a file
row, before anything is written) both build through it, so what the rules are told about a
placement means the same wherever it comes from. No queries here.
"""

from collections import namedtuple

from zorgteam.models import Role

from . import rules

HANDOVER_ROLES = (Role.PLEEGZORGBEGELEIDER, Role.VOOGD)
# Only these roles change deadlines: the child joining, and a change of professional.
FACT_ROLES = (*HANDOVER_ROLES, Role.PLEEGKIND)

Member = namedtuple("Member", "pk role start_date end_date")


def _is_current(member, today):
    return member.start_date <= today and (member.end_date is None or member.end_date >= today)


def _staff_changes(members):
    changes = []
    for role in HANDOVER_ROLES:
        in_role = sorted((m for m in members if m.role == role), key=lambda m: (m.start_date, m.pk))
        # The first professional in a role is the start of the placement, not a change.
        changes.extend(
            rules.StaffChangeFact(key=str(m.pk), role=role, date=m.start_date) for m in in_role[1:]
        )
    return tuple(changes)


def build_facts(
    *,
    today,
    start,
    end=None,
    variant=rules.HULPVERLENING,
    child_birth_date=None,
    perspective_decision_date=None,
    members=(),
    last_visit_evaluation=None,
    perspective_study_started=None,
    perspective_decided=None,
    last_guardian_contact=None,
    court_orders=(),
    meetings=(),
):
    """PlacementFacts from a placement's plain values.

    `members`: Member rows in FACT_ROLES; `court_orders`: rules.CourtOrderFact values;
    `meetings`: (date, kind) of the zorgteam meetings held; the last_* dates: the last one of
    each event recorded ("since the last X" means the last one actually recorded, DOMAIN.md).
    """
    return rules.PlacementFacts(
        start=start,
        end=end,
        variant=variant,
        child_birth_date=child_birth_date,
        child_is_member=any(m.role == Role.PLEEGKIND and _is_current(m, today) for m in members),
        last_visit_evaluation=last_visit_evaluation,
        perspective_study_started=perspective_study_started,
        perspective_decided=perspective_decided,
        perspective_decision_date=perspective_decision_date,
        last_guardian_contact=last_guardian_contact,
        court_orders=tuple(sorted(court_orders, key=lambda o: int(o.key))),
        staff_changes=_staff_changes(members),
        meeting_dates=tuple(sorted(day for day, _kind in meetings)),
        handover_meeting_dates=tuple(
            sorted(day for day, kind in meetings if kind == rules.HANDOVER_MEETING)
        ),
    )
