"""Where to act on a deadline: the evaluations app's form for the event that satisfies it.

evaluations.forms.deadline_action_url is the one place that knows which form closes which
deadline. The caseload links a few hundred deadlines per page, and a reverse() for each was
a measurable share of its render time; the URLs differ only in the reference, so each
kind's URL is built once (per URLconf and script prefix) and the reference filled in.
"""

from urllib.parse import quote

from django.urls import get_script_prefix, get_urlconf, reverse

from . import rules
from .forms import (
    COURT_ORDER_REVIEW,
    EVENT_TYPE_FOR_KIND,
    EVENT_TYPES,
    KIND_PAGES,
    deadline_action_url,
    event_url,
)

_PLACEHOLDER = "__reference__"
_cache = {}


class Links:
    def __init__(self):
        self.placement_pattern = reverse("cases:placement_detail", args=[_PLACEHOLDER])
        self.record_patterns = {
            kind: deadline_action_url(reference=_PLACEHOLDER, kind=kind) for kind in rules.KINDS
        }
        self.event_patterns = {
            event_type: event_url(_PLACEHOLDER, event_type) for event_type in EVENT_TYPES
        }

    def event(self, event_type, reference):
        """forms.event_url: where people record an event type (the placement page's buttons)."""
        return self.event_patterns[event_type].replace(_PLACEHOLDER, quote(reference, safe=""))

    def placement(self, reference):
        return self.placement_pattern.replace(_PLACEHOLDER, quote(reference, safe=""))

    def record(self, kind, reference, key="", placement=None):
        """The form that records the event closing this deadline, or None.

        None for the child joining the zorgteam: no event closes it, the child becomes a
        member; the caller links to the placement page instead.
        """
        if key and (EVENT_TYPE_FOR_KIND.get(kind) == COURT_ORDER_REVIEW or kind in KIND_PAGES):
            # Rare, and the URL names the court order or the decision: not worth a pattern.
            return deadline_action_url(reference=reference, kind=kind, key=key, placement=placement)
        pattern = self.record_patterns.get(kind)
        return pattern.replace(_PLACEHOLDER, quote(reference, safe="")) if pattern else None


def links():
    key = (get_script_prefix(), get_urlconf())
    found = _cache.get(key)
    if found is None:
        found = _cache[key] = Links()
    return found


def placement_url(reference):
    return links().placement(reference)


def record_url(kind, reference, key=""):
    return links().record(kind, reference, key)
