"""What closed a deadline, read from the database.

The rules say what closes each obligation (rules.Closing: an event type and a pure
predicate); here each event type is read from its model and handed to that predicate as
an EventFact. Nothing here knows a kind of deadline. An app above evaluations whose rows
settle a request (a declined meeting request, an answered question about a decision)
registers their Source in its AppConfig.ready() (register_source).
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
        ZorgteamMeeting, lambda e: {"date": e.date, "kind": e.kind, "at": e.recorded_at}
    ),
    rules.EVENT_COURT_ORDER_REVIEW: Source(
        CourtOrder, lambda e: {"date": e.review_date, "key": str(e.pk), "done": bool(e.review)}
    ),
    rules.EVENT_TEAM_MEMBERSHIP: Source(
        Membership, lambda e: {"date": e.start_date, "kind": e.role}
    ),
}


def register_source(event_type, source):
    """An event type of an app above evaluations (its model has a `placement`)."""
    SOURCES[event_type] = source


def _type_of(event):
    return next(
        (event_type for event_type, source in SOURCES.items() if type(event) is source.model),
        None,
    )


def event_fact(event, *, new=False):
    """The EventFact of a recorded event (None for a model no rule is closed by)."""
    event_type = _type_of(event)
    if event_type is None:
        return None
    return rules.EventFact(type=event_type, new=new, **SOURCES[event_type].fields(event))


def _closings(deadline):
    rule = rules.RULES_BY_KIND.get(deadline.kind)
    return () if rule is None else (rule.closed_by, *rule.also_closed_by)


def _deadline_fact(deadline):
    return rules.DeadlineFact(
        kind=deadline.kind,
        key=deadline.key,
        basis=deadline.basis_date,
        opened_at=getattr(deadline, "created_at", None),
    )


def satisfies(event, deadline):
    """Whether recording `event` now satisfies the open `deadline` (DOMAIN.md "done when").

    An event dated before the deadline's basis is an older one entered late: it changes
    nothing, because the clock runs from the last one actually recorded.
    """
    fact = event_fact(event, new=True)
    if fact is None:
        return False
    wanted = _deadline_fact(deadline)
    return any(
        closing.event == fact.type and closing.when(fact, wanted) for closing in _closings(deadline)
    )


def closing_event(placement, deadline):
    """The recorded event that satisfied an obligation that vanished, or that moved on to a
    newer basis; None when nothing recorded did (it is then cancelled)."""
    wanted = _deadline_fact(deadline)
    for closing in _closings(deadline):
        source = SOURCES.get(closing.event)
        if source is None:
            continue
        matches = []
        for event in source.model.objects.filter(placement=placement):
            fact = event_fact(event)
            if closing.when(fact, wanted):
                matches.append((fact.date or date.min, event.pk, event))
        if matches:
            matches.sort(key=lambda match: match[:2])
            return matches[-1 if closing.last else 0][2]
    return None


def closed_on(event):
    """The day `event` closed a deadline: when it happened (a decision on extending: its date)."""
    return event_fact(event).date
