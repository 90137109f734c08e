"""Recording a zorgteam meeting with its agenda, in one transaction: the meeting (which
closes the deadlines it satisfies) with the notes its audiences read, its agenda answers and
the regie's own notes, and the agreements it produced in the draft plan, for the team to adopt.
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from agreements import services as plan_services
from agreements.models import Agreement, PlanVersion
from evaluations.models import ZorgteamMeeting
from evaluations.services import zorgteam_meeting_record

from ..meeting_requests import answered_by
from ..models import MeetingRecord

# Bounds on what a person types (a meeting is long, a single answer is not a report).
PARTICIPANTS_MAX = 1000
NOTES_MAX = 4000
ANSWER_MAX = 2000
AGREEMENT_MAX = 1000
AGREEMENTS_MAX = 30


@dataclass(frozen=True)
class NewAgreement:
    """An agreement a meeting made, for the draft plan."""

    text: str
    category: str = Agreement.Category.OTHER
    owner_role: str = ""
    owner_person: object = None
    concerns: str = ""


@dataclass
class MeetingOutcome:
    record: MeetingRecord
    draft: PlanVersion | None = None
    added: list = field(default_factory=list)


def _check_lengths(*, participants, notes, regie_notes, agenda, agreements):
    errors = {}
    if len(participants) > PARTICIPANTS_MAX:
        errors["participants"] = _("At most %(n)s characters.") % {"n": PARTICIPANTS_MAX}
    for name, value in (("notes", notes), ("regie_notes", regie_notes)):
        if len(value) > NOTES_MAX:
            errors[name] = _("At most %(n)s characters.") % {"n": NOTES_MAX}
    if any(len(item["answer"]) > ANSWER_MAX for item in agenda):
        errors["__all__"] = _("An answer is at most %(n)s characters.") % {"n": ANSWER_MAX}
    if len(agreements) > AGREEMENTS_MAX:
        errors["__all__"] = _("At most %(n)s agreements at once.") % {"n": AGREEMENTS_MAX}
    if any(len(a.text) > AGREEMENT_MAX for a in agreements):
        errors["__all__"] = _("An agreement is at most %(n)s characters.") % {"n": AGREEMENT_MAX}
    if errors:
        raise ValidationError(errors)


def _draft_for(placement, created_by, summary):
    """The draft to add to: the open one, or a new version (a copy of the plan in force)."""
    draft = PlanVersion.objects.filter(placement=placement).drafts().first()
    if draft is not None:
        return draft
    return plan_services.plan_version_start(
        placement=placement, created_by=created_by, summary=summary
    )


@transaction.atomic
def meeting_record(
    *,
    placement,
    date,
    kind,
    participants,
    notes="",
    audiences=ZorgteamMeeting.DEFAULT_AUDIENCES,
    agenda=(),
    regie_notes="",
    next_evaluation=None,
    agreements=(),
    recorded_by,
):
    """Record a meeting with its agenda; the agreements it made go into the draft plan.

    `agenda` is a list of {q, label, who, answer} (collaboration.agenda.answered);
    `agreements` a list of NewAgreement. A refusal of any part leaves nothing behind.
    """
    participants, notes, regie_notes = participants.strip(), notes.strip(), regie_notes.strip()
    agenda, agreements = list(agenda), list(agreements)
    _check_lengths(
        participants=participants,
        notes=notes,
        regie_notes=regie_notes,
        agenda=agenda,
        agreements=agreements,
    )
    if next_evaluation is not None and next_evaluation < date:
        raise ValidationError(
            {"next_evaluation": _("The next evaluation cannot be before this meeting.")}
        )
    meeting = zorgteam_meeting_record(
        placement=placement,
        date=date,
        kind=kind,
        participants=participants,
        notes=notes,
        recorded_by=recorded_by,
        audiences=audiences,
    )
    # The requests it answered read "held", for their requesters and the waiting lists.
    plan_services.meeting_requests_held(requests=answered_by(meeting), handled_by=recorded_by)
    record = MeetingRecord(
        meeting=meeting,
        agenda=agenda,
        regie_notes=regie_notes,
        next_evaluation=next_evaluation,
    )
    outcome = MeetingOutcome(record=record)
    if agreements:
        summary = _("Agreements of the %(kind)s of %(date)s") % {
            "kind": meeting.get_kind_display().lower(),
            "date": date_format(date, "j F Y"),
        }
        outcome.draft = _draft_for(meeting.placement, recorded_by, summary[:300])
        for item in agreements:
            outcome.added.append(
                plan_services.agreement_add(
                    version=outcome.draft,
                    changed_by=recorded_by,
                    category=item.category,
                    text=item.text,
                    owner_role=item.owner_role,
                    owner_person=item.owner_person,
                    concerns=item.concerns,
                )
            )
        record.draft_version = outcome.draft
        record.agreements_added = len(outcome.added)
    record.full_clean()
    record.save()
    return outcome
