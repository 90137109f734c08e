"""Writes of the collaboration app; each public function is one transaction."""

from .decisions import decision_record, explanation_answer, explanation_request_create
from .meetings import MeetingOutcome, NewAgreement, meeting_record
from .staff import handover_item_done, handover_meeting_held_on, handover_meeting_plan

__all__ = [
    "MeetingOutcome",
    "NewAgreement",
    "decision_record",
    "explanation_answer",
    "explanation_request_create",
    "handover_item_done",
    "handover_meeting_held_on",
    "handover_meeting_plan",
    "meeting_record",
]
