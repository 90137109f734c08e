"""What closed a deadline, read from the database.

The rules say what closes each obligation (rules.Closing: an event type and a pure
predicate); here each event type is read from its model and handed to that predicate as
an EventFact. Nothing here knows a kind of deadline.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from zorgteam.models import Membership

from . import rules
from .models import (
    CourtOrder,
    GuardianContact,
    PerspectiveDecision,
    PerspectiveStudyStart,
    VisitEvaluation,
    ZorgteamMeeting,
)


@dataclass(frozen=True)
class Source:
    model: type
    fields: Callable  # (instance) -> the EventFact fields besides its type


def _dated(event):
    return {"date": event.date}


SOURCES = {
    rules.EVENT_VISIT_EVALUATION: Source(VisitEvaluation, _dated),
    rules.EVENT_PERSPECTIVE_STUDY_START: Source(PerspectiveStudyStart, _dated),
    rules.EVENT_PERSPECTIVE_DECISION: Source(PerspectiveDecision, _dated),
    rules.EVENT_GUARDIAN_CONTACT: Source(GuardianContact, _dated),
    rules.EVENT_ZORGTEAM_MEETING: Source(
        ZorgteamMeeting, lambda e: {"date": e.date, "kind": e.kind}
    ),
    rules.EVENT_COURT_ORDER_REVIEW: Source(
        CourtOrder, lambda e: {"date": e.review_date, "key": str(e.pk), "done": bool(e.review)}
    ),
    rules.EVENT_TEAM_MEMBERSHIP: Source(
        Membership, lambda e: {"date": e.start_date, "kind": e.role}
    ),
}
_TYPE_OF_MODEL = {source.model: event_type for event_type, source in SOURCES.items()}


def event_fact(event, *, new=False):
    """The EventFact of a recorded event (None for a model no rule is closed by)."""
    event_type = _TYPE_OF_MODEL.get(type(event))
    if event_type is None:
        return None
    return rules.EventFact(type=event_type, new=new, **SOURCES[event_type].fields(event))


def _closing(deadline):
    rule = rules.RULES_BY_KIND.get(deadline.kind)
    return None if rule is None else rule.closed_by


def _deadline_fact(deadline):
    return rules.DeadlineFact(kind=deadline.kind, key=deadline.key, basis=deadline.basis_date)


def satisfies(event, deadline):
    """Whether recording `event` now satisfies the open `deadline` (DOMAIN.md "done when").

    An event dated before the deadline's basis is an older one entered late: it changes
    nothing, because the clock runs from the last one actually recorded.
    """
    closing = _closing(deadline)
    fact = event_fact(event, new=True)
    if closing is None or fact is None or fact.type != closing.event:
        return False
    return closing.when(fact, _deadline_fact(deadline))


def closing_event(placement, deadline):
    """The recorded event that satisfied an obligation that vanished, or that moved on to a
    newer basis; None when nothing recorded did (it is then cancelled)."""
    closing = _closing(deadline)
    if closing is None:
        return None
    wanted = _deadline_fact(deadline)
    matches = []
    for event in SOURCES[closing.event].model.objects.filter(placement=placement):
        fact = event_fact(event)
        if closing.when(fact, wanted):
            matches.append((fact.date or date.min, event.pk, event))
    if not matches:
        return None
    matches.sort(key=lambda match: match[:2])
    return matches[-1 if closing.last else 0][2]


def closed_on(event):
    """The day `event` closed a deadline: when it happened (a decision on extending: its date)."""
    return event_fact(event).date
