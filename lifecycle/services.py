"""Changes to a running placement, each one transaction: the variant with a reason, the
extension of an OTS or MUHP, and the end with a date and a structured reason.

The dated rules live here (within the placement, not before what is recorded, plausible);
the cases and evaluations services write and keep the deadlines in step.
"""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from cases.models import EndReason
from cases.services import placement_change_variant, placement_end
from evaluations import rules
from evaluations.models import (
    CourtOrder,
    GuardianContact,
    PerspectiveDecision,
    PerspectiveStudyStart,
    VisitEvaluation,
    ZorgteamMeeting,
)
from evaluations.services import court_order_record, court_order_review_record
from evaluations.services.deadlines import lock_placement

REASON_MAX = 2000
VARIANT_REASON_MAX = 300  # VariantChange.note
# A planned end or a variant change is recorded at most this far ahead.
AHEAD_DAYS = 366


def _day(value):
    return date_format(value, "j F Y")


def _last_event_day(placement):
    days = [
        model.objects.filter(placement=placement).aggregate(last=Max("date"))["last"]
        for model in (
            VisitEvaluation,
            PerspectiveStudyStart,
            PerspectiveDecision,
            GuardianContact,
            ZorgteamMeeting,
            CourtOrder,
        )
    ]
    days = [d for d in days if d is not None]
    return max(days) if days else None


@transaction.atomic
def variant_change(*, placement, variant, from_date, reason, recorded_by):
    placement = lock_placement(placement.pk)
    reason = (reason or "").strip()
    errors = {}
    if variant == placement.variant:
        errors["variant"] = _("The placement is already in the %(variant)s.") % {
            "variant": placement.get_variant_display()
        }
    if not reason:
        errors["reason"] = _("Say why the variant changes.")
    elif len(reason) > VARIANT_REASON_MAX:
        errors["reason"] = _("At most %(n)s characters.") % {"n": VARIANT_REASON_MAX}
    last = placement.variant_changes.aggregate(last=Max("from_date"))["last"]
    floor = max(placement.start_date, last or placement.start_date)
    if from_date < floor:
        errors["from_date"] = _("The change cannot be before %(date)s.") % {"date": _day(floor)}
    elif from_date > timezone.localdate() + timedelta(days=AHEAD_DAYS):
        errors["from_date"] = _("Choose a date within a year from today.")
    if placement.end_date is not None and from_date >= placement.end_date:
        errors["from_date"] = _("The placement ends on %(date)s.") % {
            "date": _day(placement.end_date)
        }
    if errors:
        raise ValidationError(errors)
    return placement_change_variant(
        placement=placement,
        variant=variant,
        from_date=from_date,
        note=reason,
        recorded_by=recorded_by,
    )


@transaction.atomic
def placement_end_record(*, placement, end_date, reason_kind, reason=""):
    """End the placement (or plan its end). From the end date the family no longer reaches
    it and its deadlines close; what would fall due after it is not opened."""
    placement = lock_placement(placement.pk)
    reason = (reason or "").strip()
    errors = {}
    if reason_kind not in EndReason.values:
        errors["reason_kind"] = _("Choose why the placement ends.")
    elif reason_kind == EndReason.OTHER_EARLY and not reason:
        errors["reason"] = _("Describe the reason for an other early ending.")
    if len(reason) > REASON_MAX:
        errors["reason"] = _("At most %(n)s characters.") % {"n": REASON_MAX}
    if end_date < placement.start_date:
        errors["end_date"] = _("The end cannot be before the start (%(date)s).") % {
            "date": _day(placement.start_date)
        }
    elif end_date > timezone.localdate() + timedelta(days=AHEAD_DAYS):
        errors["end_date"] = _("Choose a date within a year from today.")
    else:
        last = _last_event_day(placement)
        if last is not None and end_date < last:
            errors["end_date"] = _(
                "Something is recorded on %(date)s; the end cannot be before it."
            ) % {"date": _day(last)}
    if errors:
        raise ValidationError(errors)
    return placement_end(
        placement=placement, end_date=end_date, reason=reason, reason_kind=reason_kind
    )


@transaction.atomic
def placement_end_undo(*, placement):
    """Take back a planned end that has not come: the obligations come back."""
    placement = lock_placement(placement.pk)
    if placement.end_date is None:
        return placement
    if placement.is_ended():
        raise ValidationError(
            _("The placement ended on %(date)s; an ended placement is not reopened here.")
            % {"date": _day(placement.end_date)}
        )
    return placement_end(placement=placement, end_date=None, reason="")


def order_end(order):
    """The order's end; an OTS or MUHP without one ends a year after its date (DOMAIN.md)."""
    return order.end_date or rules.add_months(order.date, rules.ORDER_MAX_MONTHS)


@transaction.atomic
def court_order_extend(*, court_order, date, end_date, note="", recorded_by):
    """The kinderrechter extended an OTS or MUHP: the new beschikking is recorded with its
    new end date, and the old order's extension decision (requested) is closed if open."""
    placement = lock_placement(court_order.placement_id)
    order = CourtOrder.objects.select_for_update().get(pk=court_order.pk)
    note = (note or "").strip()
    errors = {}
    if order.kind not in rules.REVIEWABLE_ORDER_KINDS:
        raise ValidationError(_("Only an OTS or MUHP is extended."))
    old_end = order_end(order)
    if date < order.date:
        errors["date"] = _("The extension cannot be before the order (%(date)s).") % {
            "date": _day(order.date)
        }
    if end_date <= old_end:
        errors["end_date"] = _("The new end date must be after %(date)s.") % {"date": _day(old_end)}
    elif end_date > rules.add_months(old_end, rules.ORDER_MAX_MONTHS):
        errors["end_date"] = _("An extension is at most a year (until %(date)s).") % {
            "date": _day(rules.add_months(old_end, rules.ORDER_MAX_MONTHS))
        }
    if len(note) > REASON_MAX:
        errors["note"] = _("At most %(n)s characters.") % {"n": REASON_MAX}
    if errors:
        raise ValidationError(errors)
    if not order.review:
        court_order_review_record(
            court_order=order,
            review=CourtOrder.Review.EXTENSION_REQUESTED,
            review_date=date,
            review_note=_("Extended until %(date)s.") % {"date": _day(end_date)},
            recorded_by=recorded_by,
        )
    text = _("Extension of the %(kind)s of %(date)s.") % {
        "kind": order.get_kind_display(),
        "date": _day(order.date),
    }
    return court_order_record(
        placement=placement,
        date=date,
        kind=order.kind,
        end_date=end_date,
        note=f"{text} {note}".strip(),
        recorded_by=recorded_by,
    )
