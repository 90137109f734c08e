"""Reads on placements that views share. Privacy: everything starts at visible_to(user)."""

from django.core.exceptions import PermissionDenied
from django.db.models import F, Q
from django.http import Http404
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from zorgteam.access import attach_people

from .models import Placement, VariantChange


class PlacementEnded(PermissionDenied):
    """A family member of a placement that has ended: told so, in Dutch (403)."""


def placement_for_user(
    user, reference, queryset=None, *, select_related=("child", "provider", "placer")
):
    """The placement with this reference if the user may see it; 404 otherwise.

    `select_related`: the relations loaded with it (the family's portal needs the child only).

    404, not 403: to someone outside the zorgteam the placement does not exist. A family
    member who was in the team until the placement ended gets a clear page instead (403):
    they know the placement, and should know why it is gone.
    """
    qs = (queryset if queryset is not None else Placement.objects).visible_to(user)
    try:
        return qs.select_related(*select_related).get(reference=reference)
    except Placement.DoesNotExist:
        _refuse_ended(user, reference)
        raise Http404 from None


def _refuse_ended(user, reference):
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return
    from zorgteam.models import Membership

    today = timezone.localdate()
    ended = (
        Membership.objects.filter(
            person=user,
            placement__reference=reference,
            placement__end_date__lte=today,
            start_date__lte=F("placement__end_date"),
        )
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=F("placement__end_date")))
        .values_list("placement__end_date", flat=True)
        .first()
    )
    if ended is not None:
        raise PlacementEnded(
            _(
                "This placement ended on %(date)s. Since that day the zorgteam's file is no "
                "longer open to you. Questions? Ask the pleegzorgbegeleider or the voogd."
            )
            % {"date": date_format(ended, "j F Y")}
        )


def variant_changes(placement):
    """The placement's variant changes with who recorded them, oldest first. Read once per
    request: the essentials, the timeline and the intake entry all show them."""
    if "_variant_changes" not in placement.__dict__:
        placement.__dict__["_variant_changes"] = attach_people(
            placement, list(VariantChange.objects.filter(placement=placement)), "recorded_by"
        )
    return list(placement.__dict__["_variant_changes"])
