"""Requests that open deadlines, owned by the apps above the deadline engine.

A meeting request lives with the plan, an explanation request with the decisions; both sit
above evaluations, which may not import them. The app that reads both registers a
RequestSource in its AppConfig.ready() (the shape of cases.sections), and the engine reads
the requests through it as plain facts (rules.RequestFact), inside the same transaction and
under the same placement lock as every other fact. What settles a request (declined,
answered) is an event source of evaluations.closing, registered the same way.
"""

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from .rules import RequestFact


@dataclass(frozen=True)
class RequestSource:
    kind: str  # the rule kind its requests open (rules.REQUESTED_MEETING, ...)
    # placement ids -> (placement_id, RequestFact) for every request of those placements
    read: Callable[[list[int]], Iterable[tuple[int, RequestFact]]]


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
