"""The decision log (advice 2): decisions with who was consulted and the foster parents'
view in their words, the family's requests for more explanation, and the decider's answers.

A request for explanation opens the decision_explanation deadline for the decider's role;
the answer closes it. Each write is one transaction under the placement's lock.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from evaluations import rules
from evaluations.closing import Source
from evaluations.requests import RequestSource
from evaluations.services import deadlines_refresh
from evaluations.services.deadlines import lock_placement
from zorgteam.audiences import Audience
from zorgteam.models import Role

from ..models import Decision, ExplanationRequest

# Whose explanation is asked for: the roles that record decisions (the regie). A team lead
# records in the role of the pleegzorgbegeleider, whose place they take.
DECIDER_ROLES = (Role.PLEEGZORGBEGELEIDER, Role.VOOGD)
SUBJECT_MAX = 200
TEXT_MAX = 4000
VIEW_MAX = 2000
QUESTION_MAX = 1000
ANSWER_MIN = 10


def _check_length(errors, name, value, maximum, *, required=True):
    if required and not value:
        errors[name] = _("This field is required.")
    elif len(value) > maximum:
        errors[name] = _("At most %(n)s characters.") % {"n": maximum}


def _check_day(placement, day):
    if day > timezone.localdate():
        return _("The date cannot be in the future.")
    if day < placement.start_date:
        return _("The date cannot be before the start of the placement.")
    if placement.end_date is not None and day > placement.end_date:
        return _("The placement ended on %(date)s; the date cannot be after that.") % {
            "date": date_format(placement.end_date, "j F Y")
        }
    return None


@transaction.atomic
def decision_record(
    *,
    placement,
    date,
    subject,
    decision,
    decided_by,
    decided_by_role,
    consulted,
    foster_parents_view,
    explanation,
    audiences=Decision.DEFAULT_AUDIENCES,
    recorded_by,
):
    placement = lock_placement(placement.pk)
    values = {
        "subject": subject.strip(),
        "decision": decision.strip(),
        "consulted": consulted.strip(),
        "foster_parents_view": foster_parents_view.strip(),
        "explanation": explanation.strip(),
    }
    errors = {}
    _check_length(errors, "subject", values["subject"], SUBJECT_MAX)
    _check_length(errors, "decision", values["decision"], TEXT_MAX)
    _check_length(errors, "consulted", values["consulted"], VIEW_MAX)
    _check_length(errors, "foster_parents_view", values["foster_parents_view"], VIEW_MAX)
    _check_length(errors, "explanation", values["explanation"], TEXT_MAX)
    if (problem := _check_day(placement, date)) is not None:
        errors["date"] = problem
    if decided_by_role not in DECIDER_ROLES:
        errors["decided_by_role"] = _("Choose the pleegzorgbegeleider or the voogd.")
    if not frozenset(audiences) <= {Audience.REGIE, *Decision.SHARE_WITH}:
        errors["audiences"] = _("A decision is shared with the family only.")
    if errors:
        raise ValidationError(errors)
    record = Decision(
        placement=placement,
        date=date,
        decided_by=decided_by,
        decided_by_role=decided_by_role,
        recorded_by=recorded_by,
        **values,
    )
    record.set_audiences(audiences)
    record.full_clean()
    record.save()
    return record


@transaction.atomic
def explanation_request_create(*, decision, requested_by, question=""):
    """Ask the decider for more explanation: one button. Returns (request, created); asking
    again while the first question is open returns that one."""
    placement = lock_placement(decision.placement_id)
    if placement.is_ended():
        raise ValidationError(_("This placement has ended."))
    question = (question or "").strip()
    if len(question) > QUESTION_MAX:
        raise ValidationError({"question": _("At most %(n)s characters.") % {"n": QUESTION_MAX}})
    existing = ExplanationRequest.objects.filter(
        decision=decision, requested_by=requested_by, answered_at__isnull=True
    ).first()
    if existing is not None:
        return existing, False
    request = ExplanationRequest.objects.create(
        decision=decision, placement=placement, requested_by=requested_by, question=question
    )
    deadlines_refresh(placement=placement)
    from ..notifications import explanation_requested_notify

    request_id = request.pk
    transaction.on_commit(lambda: explanation_requested_notify(request_id=request_id))
    return request, True


@transaction.atomic
def explanation_answer(*, request, answer, answered_by):
    """The decider's answer: the family reads it under the decision; the deadline closes."""
    placement = lock_placement(request.placement_id)
    request = ExplanationRequest.objects.select_for_update().get(pk=request.pk)
    if request.answered_at is not None:
        raise ValidationError(_("This question has already been answered."))
    answer = (answer or "").strip()
    if len(answer) < ANSWER_MIN:
        raise ValidationError(
            {"answer": _("Write an answer of at least %(n)s characters.") % {"n": ANSWER_MIN}}
        )
    if len(answer) > TEXT_MAX:
        raise ValidationError({"answer": _("At most %(n)s characters.") % {"n": TEXT_MAX}})
    request.answer = answer
    request.answered_by = answered_by
    request.answered_at = timezone.now()
    request.save(update_fields=["answer", "answered_by", "answered_at"])
    deadlines_refresh(placement=placement)
    from ..notifications import explanation_answered_notify

    request_id = request.pk
    transaction.on_commit(lambda: explanation_answered_notify(request_id=request_id))
    return request


# --- The requests as the deadline engine reads them -----------------------------------------


def _read(placement_ids):
    rows = ExplanationRequest.objects.filter(placement_id__in=placement_ids).values_list(
        "pk", "placement_id", "requested_at", "answered_at", "decision__decided_by_role"
    )
    for pk, placement_id, requested_at, answered_at, role in rows:
        yield (
            placement_id,
            rules.RequestFact(
                kind=rules.DECISION_EXPLANATION,
                key=str(pk),
                date=timezone.localdate(requested_at),
                settled=answered_at is not None,
                role=role,
            ),
        )


def request_source():
    return RequestSource(kind=rules.DECISION_EXPLANATION, read=_read)


def settled_source():
    """An answered question closes its decision_explanation deadline."""
    return Source(
        ExplanationRequest,
        lambda r: {
            "date": timezone.localdate(r.answered_at) if r.answered_at else None,
            "key": str(r.pk),
            "done": r.answered_at is not None,
        },
    )
