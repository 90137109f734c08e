"""Recording the events that satisfy deadlines.

Each function is one transaction: lock the placement, check the dates, save the event,
close the deadline it satisfies and schedule the next (deadlines_refresh). A ValidationError
leaves nothing behind; its keys name the argument that was wrong, so a form can show it.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from cases.models import Variant
from cases.services import placement_change_variant
from core.plausible import check_in_window, window

from ..models import (
    CourtOrder,
    GuardianContact,
    PerspectiveDecision,
    PerspectiveStudyStart,
    VisitEvaluation,
    ZorgteamMeeting,
)
from .deadlines import deadlines_refresh, lock_placement


def _check_date(placement, day, field="date"):
    """An event happened during the placement, and not in the future."""
    if day > timezone.localdate():
        raise ValidationError({field: _("The date cannot be in the future.")})
    if day < placement.start_date:
        raise ValidationError({field: _("The date cannot be before the start of the placement.")})
    if placement.end_date is not None and day > placement.end_date:
        raise ValidationError(
            {
                field: _("The placement ended on %(date)s; the date cannot be after that.")
                % {"date": date_format(placement.end_date, "j F Y")}
            }
        )


def _record(model, *, placement, recorded_by, audiences=None, **fields):
    placement = lock_placement(placement.pk)
    _check_date(placement, fields["date"])
    event = model(placement=placement, recorded_by=recorded_by, **fields)
    if hasattr(model, "DEFAULT_AUDIENCES"):
        # A decision or meeting note: shared with whom the regie chose, else the defaults.
        event.set_audiences(model.DEFAULT_AUDIENCES if audiences is None else audiences)
    event.full_clean()
    event.save()
    deadlines_refresh(placement=placement, event=event)
    return event


@transaction.atomic
def visit_evaluation_record(
    *, placement, date, participants, outcome, bezoekregeling_changed=False, recorded_by=None
):
    return _record(
        VisitEvaluation,
        placement=placement,
        recorded_by=recorded_by,
        date=date,
        participants=participants,
        outcome=outcome,
        bezoekregeling_changed=bezoekregeling_changed,
    )


@transaction.atomic
def perspective_study_start_record(*, placement, date, note="", recorded_by=None):
    return _record(
        PerspectiveStudyStart, placement=placement, recorded_by=recorded_by, date=date, note=note
    )


@transaction.atomic
def perspective_decision_record(
    *, placement, date, outcome, note="", recorded_by=None, audiences=None
):
    """Record the decision; "grows up in this foster family" moves to the opvoedingsvariant."""
    decision = _record(
        PerspectiveDecision,
        placement=placement,
        recorded_by=recorded_by,
        date=date,
        outcome=outcome,
        note=note,
        audiences=audiences,
    )
    if (
        outcome == PerspectiveDecision.Outcome.FOSTER_FAMILY
        and decision.placement.variant != Variant.OPVOEDING
    ):
        # From the decision's date: the next visit evaluation is rescheduled with the
        # opvoeding interval, counted from the last evaluation (DOMAIN.md "Further rules").
        placement_change_variant(
            placement=decision.placement,
            variant=Variant.OPVOEDING,
            from_date=date,
            note=_("Perspective decision: grows up in this foster family"),
            recorded_by=recorded_by,
        )
    return decision


@transaction.atomic
def guardian_contact_record(*, placement, date, form, with_whom, note="", recorded_by=None):
    return _record(
        GuardianContact,
        placement=placement,
        recorded_by=recorded_by,
        date=date,
        form=form,
        with_whom=with_whom,
        note=note,
    )


@transaction.atomic
def zorgteam_meeting_record(
    *, placement, date, kind, participants, notes="", recorded_by=None, audiences=None
):
    return _record(
        ZorgteamMeeting,
        placement=placement,
        recorded_by=recorded_by,
        date=date,
        kind=kind,
        participants=participants,
        notes=notes,
        audiences=audiences,
    )


@transaction.atomic
def shared_event_set_audiences(*, event, audiences, changed_by=None):
    """Who sees a decision or meeting note. Not versioned: the change applies everywhere at
    once, a withdrawal included, and is logged."""
    from core.services import audit_record
    from zorgteam.audiences import audiences_label

    model = type(event)
    locked = model.objects.select_for_update().get(pk=event.pk)
    before = locked.audiences
    locked.set_audiences(audiences)
    if locked.audiences == before:
        return locked
    locked.save(update_fields=list(locked.AUDIENCE_FIELDS))
    withdrawn = sorted(a.value for a in before - locked.audiences)
    audit_record(
        user=changed_by,
        action="change",
        what=(
            f"{model._meta.model_name} {locked.pk} shared with: "
            f"{audiences_label(locked.audiences)}"
            + (f" (withdrawn from {', '.join(withdrawn)})" if withdrawn else "")
        ),
        placement=locked.placement,
    )
    return locked


@transaction.atomic
def court_order_record(*, placement, date, kind, end_date=None, note="", recorded_by=None):
    """A new beschikking: the zorgteam meets again, and an OTS or MUHP gets a review date."""
    if end_date is not None and end_date <= date:
        raise ValidationError({"end_date": _("The end date must be after the date of the order.")})
    check_in_window(end_date, window("valid_until", today=timezone.localdate()), "end_date")
    return _record(
        CourtOrder,
        placement=placement,
        recorded_by=recorded_by,
        date=date,
        kind=kind,
        end_date=end_date,
        note=note,
    )


@transaction.atomic
def court_order_review_record(
    *, court_order, review, review_date, review_note="", recorded_by=None
):
    """The voogd asked for an extension or decided not to extend: the review deadline closes."""
    # The placement first, as every other write does, so two writers never lock in turn.
    placement = lock_placement(court_order.placement_id)
    order = CourtOrder.objects.select_for_update().get(pk=court_order.pk)
    decided = {CourtOrder.Review.EXTENSION_REQUESTED, CourtOrder.Review.NOT_EXTENDED}
    if review not in decided:
        raise ValidationError({"review": _("Choose whether an extension was requested.")})
    _check_date(placement, review_date, field="review_date")
    if review_date < order.date:
        raise ValidationError(
            {"review_date": _("The decision cannot be before the date of the order.")}
        )
    order.review = review
    order.review_date = review_date
    order.review_note = review_note
    order.review_recorded_by = recorded_by
    order.full_clean()
    order.save(update_fields=["review", "review_date", "review_note", "review_recorded_by"])
    deadlines_refresh(placement=placement, event=order)
    return order
