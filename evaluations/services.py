"""Writes that record events and keep the stored deadlines in step with them.

Every write here runs in one transaction: record the event, close the deadline it
satisfies, schedule the next one. deadlines_refresh is the single place where stored
deadlines change; everything that affects them (events, variant, team, end of placement)
calls it inside its own transaction.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.models import Placement, Variant
from zorgteam.models import Role

from . import rules
from .models import (
    CourtOrder,
    Deadline,
    GuardianContact,
    PerspectiveDecision,
    PerspectiveStudyStart,
    VisitEvaluation,
    ZorgteamMeeting,
)

HANDOVER_ROLES = (Role.PLEEGZORGBEGELEIDER, Role.VOOGD)


def periods():
    return rules.Periods(**settings.DEADLINE_PERIODS)


def _max_date(qs):
    return qs.order_by("-date").values_list("date", flat=True).first()


def placement_facts(placement, *, memberships=None):
    """Everything the pure rules need to know about one placement, read from the database."""
    if memberships is None:
        memberships = list(placement.memberships.all())
    today = timezone.localdate()
    child_is_member = any(m.role == Role.PLEEGKIND and m.is_current(today) for m in memberships)

    staff_changes = []
    for role in HANDOVER_ROLES:
        in_role = sorted((m for m in memberships if m.role == role), key=lambda m: m.start_date)
        # The first professional in a role is the start of the placement, not a change.
        for membership in in_role[1:]:
            staff_changes.append(
                rules.StaffChangeFact(key=str(membership.pk), role=role, date=membership.start_date)
            )

    meetings = list(ZorgteamMeeting.objects.filter(placement=placement).values_list("date", "kind"))
    decision = PerspectiveDecision.objects.filter(placement=placement).order_by("-date").first()
    return rules.PlacementFacts(
        start=placement.start_date,
        end=placement.end_date,
        variant=placement.variant,
        child_birth_date=placement.child.birth_date,
        child_is_member=child_is_member,
        last_visit_evaluation=_max_date(VisitEvaluation.objects.filter(placement=placement)),
        perspective_study_started=_max_date(
            PerspectiveStudyStart.objects.filter(placement=placement)
        ),
        perspective_decided=decision.date if decision else None,
        perspective_decision_date=placement.perspective_decision_date,
        last_guardian_contact=_max_date(GuardianContact.objects.filter(placement=placement)),
        court_orders=tuple(
            rules.CourtOrderFact(
                key=str(order.pk),
                kind=order.kind,
                date=order.date,
                end_date=order.end_date,
                review_done=bool(order.review),
            )
            for order in CourtOrder.objects.filter(placement=placement)
        ),
        staff_changes=tuple(staff_changes),
        meeting_dates=tuple(day for day, _kind in meetings),
        handover_meeting_dates=tuple(
            day for day, kind in meetings if kind == ZorgteamMeeting.Kind.HANDOVER
        ),
    )


def _closing_event(placement, kind, key, since):
    """The recorded event that satisfied an obligation, for the timeline's "done by" link."""
    if kind == rules.VISIT_EVALUATION:
        return (
            VisitEvaluation.objects.filter(placement=placement, date__gte=since)
            .order_by("-date")
            .first()
        )
    if kind == rules.GUARDIAN_CONTACT:
        return (
            GuardianContact.objects.filter(placement=placement, date__gte=since)
            .order_by("-date")
            .first()
        )
    if kind == rules.PERSPECTIVE_STUDY_START:
        return PerspectiveStudyStart.objects.filter(placement=placement).order_by("date").first()
    if kind == rules.PERSPECTIVE_DECISION:
        return PerspectiveDecision.objects.filter(placement=placement).order_by("date").first()
    if kind == rules.ZORGTEAM_AFTER_COURT_ORDER:
        order = CourtOrder.objects.filter(pk=key).first()
        if order:
            return (
                ZorgteamMeeting.objects.filter(placement=placement, date__gte=order.date)
                .order_by("date")
                .first()
            )
    if kind == rules.HANDOVER:
        return (
            ZorgteamMeeting.objects.filter(
                placement=placement, kind=ZorgteamMeeting.Kind.HANDOVER, date__gte=since
            )
            .order_by("date")
            .first()
        )
    if kind == rules.COURT_ORDER_REVIEW:
        return CourtOrder.objects.filter(pk=key).exclude(review="").first()
    if kind == rules.CHILD_JOINS_ZORGTEAM:
        return placement.memberships.filter(role=Role.PLEEGKIND).order_by("-start_date").first()
    return None


def _event_day(event):
    for attr in ("date", "review_date", "start_date"):
        value = getattr(event, attr, None)
        if value:
            return value
    return None


def _close(deadline, event, today):
    if event is None:
        # Nothing recorded satisfied it: the placement ended or the rule stopped applying
        # (e.g. the placement moved to the opvoedingsvariant).
        deadline.status = Deadline.Status.CANCELLED
        deadline.closed_on = today
    else:
        deadline.status = Deadline.Status.DONE
        deadline.closed_on = _event_day(event) or today
        deadline.closed_by_type = ContentType.objects.get_for_model(event)
        deadline.closed_by_id = event.pk
    deadline.save(
        update_fields=["status", "closed_on", "closed_by_type", "closed_by_id", "updated_at"]
    )


@transaction.atomic
def deadlines_refresh(*, placement, today=None):
    """Make the stored open deadlines of one placement equal to what the rules say.

    A changed *basis* (a newer event was recorded) closes the old row as done and opens a
    new one, so history shows each obligation and what satisfied it. A changed due date
    with the same basis (variant switch, a period setting, a perspective date set by the
    zorgteam) moves the open row. An obligation that disappeared is closed by its event.
    """
    today = today or timezone.localdate()
    # Serialise refreshes of one placement: two concurrent writes must not both insert.
    placement = Placement.objects.select_for_update().select_related("child").get(pk=placement.pk)
    if placement.is_ended(on=today):
        wanted = {}  # DOMAIN.md: an ended placement has no open deadlines; its history stays.
    else:
        facts = placement_facts(placement)
        wanted = {(o.kind, o.key): o for o in rules.open_obligations(facts, periods())}

    existing = {(d.kind, d.key): d for d in Deadline.objects.filter(placement=placement).open()}
    for ident, deadline in existing.items():
        obligation = wanted.get(ident)
        if obligation is None:
            _close(
                deadline,
                _closing_event(placement, deadline.kind, deadline.key, deadline.basis_date),
                today,
            )
        elif obligation.basis != deadline.basis_date:
            _close(
                deadline,
                _closing_event(placement, deadline.kind, deadline.key, obligation.basis),
                today,
            )
            existing[ident] = None  # a fresh row is created below
        elif (obligation.due, obligation.responsible) != (
            deadline.due_date,
            deadline.responsible_role,
        ):
            deadline.due_date = obligation.due
            deadline.responsible_role = obligation.responsible
            deadline.save(update_fields=["due_date", "responsible_role", "updated_at"])

    Deadline.objects.bulk_create(
        Deadline(
            placement=placement,
            kind=o.kind,
            key=o.key,
            due_date=o.due,
            basis_date=o.basis,
            responsible_role=o.responsible,
        )
        for ident, o in wanted.items()
        if existing.get(ident) is None
    )


def _check_not_future(day):
    if day > timezone.localdate():
        raise ValidationError({"date": _("The date cannot be in the future.")})


def _check_within_placement(placement, day):
    if day < placement.start_date:
        raise ValidationError({"date": _("The date cannot be before the start of the placement.")})


def _record(model, *, placement, recorded_by, **fields):
    _check_within_placement(placement, fields["date"])
    _check_not_future(fields["date"])
    event = model(placement=placement, recorded_by=recorded_by, **fields)
    event.full_clean()
    event.save()
    deadlines_refresh(placement=placement)
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
def perspective_decision_record(*, placement, date, outcome, note="", recorded_by=None):
    """Record the decision; "grows up in this foster family" moves to the opvoedingsvariant."""
    from cases.services import placement_change_variant

    decision = _record(
        PerspectiveDecision,
        placement=placement,
        recorded_by=recorded_by,
        date=date,
        outcome=outcome,
        note=note,
    )
    if (
        outcome == PerspectiveDecision.Outcome.FOSTER_FAMILY
        and placement.variant != Variant.OPVOEDING
    ):
        placement_change_variant(
            placement=placement,
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
def zorgteam_meeting_record(*, placement, date, kind, participants, notes="", recorded_by=None):
    return _record(
        ZorgteamMeeting,
        placement=placement,
        recorded_by=recorded_by,
        date=date,
        kind=kind,
        participants=participants,
        notes=notes,
    )


@transaction.atomic
def court_order_record(*, placement, date, kind, end_date=None, note="", recorded_by=None):
    if end_date is not None and end_date <= date:
        raise ValidationError({"end_date": _("The end date must be after the date of the order.")})
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
def court_order_review_record(*, court_order, review, review_date, recorded_by=None):
    """The voogd asked for an extension or decided not to extend: the review deadline closes."""
    order = CourtOrder.objects.select_for_update().get(pk=court_order.pk)
    _check_not_future(review_date)
    order.review = review
    order.review_date = review_date
    order.full_clean()
    order.save(update_fields=["review", "review_date"])
    deadlines_refresh(placement=order.placement)
    return order


def refresh_all(*, today=None):
    """Nightly: time-driven rules (a 12th birthday, an end date passing) need a recompute."""
    count = 0
    for placement_id in Placement.objects.values_list("pk", flat=True).iterator():
        deadlines_refresh(placement=Placement(pk=placement_id), today=today)
        count += 1
    return count
