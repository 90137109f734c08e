"""Writes of the evaluations app: recorded events and stored deadlines.

Split by subject; the public names are re-exported here, so callers import them from
`evaluations.services`.
"""

from ..facts import HANDOVER_ROLES
from .deadlines import (
    DeadlineChanges,
    deadlines_refresh,
    deadlines_refresh_many,
    periods,
    placement_facts,
    placements_facts,
    refresh_all,
)
from .events import (
    court_order_record,
    court_order_review_record,
    guardian_contact_record,
    perspective_decision_record,
    perspective_study_start_record,
    shared_event_set_audiences,
    visit_evaluation_record,
    zorgteam_meeting_record,
)

__all__ = [
    "HANDOVER_ROLES",
    "DeadlineChanges",
    "court_order_record",
    "court_order_review_record",
    "deadlines_refresh",
    "deadlines_refresh_many",
    "guardian_contact_record",
    "periods",
    "perspective_decision_record",
    "perspective_study_start_record",
    "placement_facts",
    "placements_facts",
    "refresh_all",
    "shared_event_set_audiences",
    "visit_evaluation_record",
    "zorgteam_meeting_record",
]
