"""The placement's timeline: its entries, and what the apps above evaluations add to it.

Evaluations draws the recorded events, the closed deadlines and the variant history. Apps
above it (the intake and end of a placement, meeting requests, decisions, staff changes)
register a provider in their AppConfig.ready(); a provider reads its own rows for one
placement in a fixed number of queries and returns Entry objects.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date


@dataclass
class Entry:
    day: date
    title: str
    lines: list = field(default_factory=list)
    by: object = None
    kind: str = "event"  # event | deadline | variant | request | decision | team: for styling
    order: int = 1  # same day: a closed deadline above the event that closed it
    url: str = ""  # where the whole record is read, if anywhere
    shared_with: str = ""  # a decision or meeting note: who else sees it
    audiences_url: str = ""  # where the regie changes that


_PROVIDERS: list[Callable] = []


def register(provider):
    """provider(placement) -> [Entry, ...]"""
    if provider not in _PROVIDERS:
        _PROVIDERS.append(provider)


def contributed_entries(placement):
    return [entry for provider in _PROVIDERS for entry in provider(placement)]
