"""Reads on placements that views share. Privacy: everything starts at visible_to(user)."""

from django.http import Http404

from .models import Placement


def placement_for_user(user, reference, queryset=None):
    """The placement with this reference if the user may see it; 404 otherwise.

    404, not 403: to someone outside the zorgteam the placement does not exist.
    """
    qs = (queryset if queryset is not None else Placement.objects).visible_to(user)
    try:
        return qs.select_related("child", "provider", "placer").get(reference=reference)
    except Placement.DoesNotExist:
        raise Http404 from None
