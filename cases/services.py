"""Writes on placements. Each function is one transaction; what follows from a change (the
deadlines) runs in it through cases.hooks."""

from django.db import transaction

from .hooks import placement_changed
from .models import Child, Placement, Variant, VariantChange


@transaction.atomic
def placement_create(
    *,
    reference,
    child_first_name,
    child_last_name="",
    child_birth_date=None,
    start_date,
    variant=Variant.HULPVERLENING,
    care_kind=Placement.CareKind.BESTAND,
    legal_frame=Placement.LegalFrame.VOLUNTARY,
    provider=None,
    placer=None,
    recorded_by=None,
):
    child = Child.objects.create(
        first_name=child_first_name, last_name=child_last_name, birth_date=child_birth_date
    )
    placement = Placement(
        reference=reference,
        child=child,
        variant=variant,
        start_date=start_date,
        care_kind=care_kind,
        legal_frame=legal_frame,
        provider=provider,
        placer=placer,
    )
    placement.full_clean()
    placement.save()
    VariantChange.objects.create(
        placement=placement, variant=variant, from_date=start_date, recorded_by=recorded_by
    )
    placement_changed(placement)
    return placement


@transaction.atomic
def placement_change_variant(*, placement, variant, from_date, note="", recorded_by=None):
    """Switch hulpverlening <-> opvoeding; the next visit evaluation is rescheduled."""
    placement = Placement.objects.select_for_update().get(pk=placement.pk)
    if placement.variant == variant:
        return placement
    placement.variant = variant
    placement.save(update_fields=["variant", "updated_at"])
    VariantChange.objects.create(
        placement=placement,
        variant=variant,
        from_date=from_date,
        note=note,
        recorded_by=recorded_by,
    )
    placement_changed(placement)
    return placement


@transaction.atomic
def placement_end(*, placement, end_date, reason):
    """End a placement. Its history stays; its open deadlines close."""
    placement = Placement.objects.select_for_update().get(pk=placement.pk)
    placement.end_date = end_date
    placement.end_reason = reason
    placement.full_clean()
    placement.save(update_fields=["end_date", "end_reason", "updated_at"])
    placement_changed(placement)
    return placement


@transaction.atomic
def placement_set_confidential(*, placement, confidential, changed_by=None):
    """Hide (or show) the foster family's identity from the parents. Logged."""
    from core.services import audit_record

    placement = Placement.objects.select_for_update().get(pk=placement.pk)
    if placement.foster_family_confidential == confidential:
        return placement
    placement.foster_family_confidential = confidential
    placement.save(update_fields=["foster_family_confidential", "updated_at"])
    audit_record(
        user=changed_by,
        action="change",
        what=(
            "foster family hidden from the parents"
            if confidential
            else "foster family no longer hidden from the parents"
        ),
        placement=placement,
    )
    return placement
