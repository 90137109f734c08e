"""Requests that open deadlines, owned by the apps above the deadline engine.

A meeting request lives with the plan and the portal, an explanation request with the
decisions; both sit above evaluations, which may not import them. Their owner registers a
RequestSource in its AppConfig.ready() (the shape of cases.sections), and the engine reads
the requests through it as plain facts (rules.RequestFact), inside the same transaction and
under the same placement lock as every other fact.
"""

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from .rules import RequestFact


@dataclass(frozen=True)
class RequestSource:
    kind: str  # the rule kind its requests open (rules.REQUESTED_MEETING, ...)
    # placement ids -> (placement_id, RequestFact) for every request of those placements
    read: Callable[[list[int]], Iterable[tuple[int, RequestFact]]]
    # (placement_id, deadline key) -> (the row that settled the request, the day it did), or
    # None: what closed a deadline whose request was declined or answered.
    settled_by: Callable[[int, str], tuple[object, date] | None]


_SOURCES: dict[str, RequestSource] = {}


def register(source):
    _SOURCES[source.kind] = source


def sources():
    return tuple(_SOURCES.values())


def read_requests(placement_ids):
    """{placement_id: [RequestFact, ...]} from every registered source (one query each)."""
    result = defaultdict(list)
    for source in _SOURCES.values():
        for placement_id, fact in source.read(placement_ids):
            result[placement_id].append(fact)
    return result


def settled_by(kind, placement_id, key):
    source = _SOURCES.get(kind)
    return source.settled_by(placement_id, key) if source is not None else None
