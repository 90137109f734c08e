"""The one way a professionals' page of a placement starts."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect

from .selectors import placement_for_user


def placement_view(view):
    """`view(request, placement, ...)` for the URL's `reference`.

    The placement comes through visible_to: outside the person's zorgteams (another
    family's placement included) it is a 404, never a 403 that tells it exists. A family
    member goes to the portal's page of the placement, never the professionals' file.
    """

    @login_required
    @wraps(view)
    def wrapper(request, reference, *args, **kwargs):
        placement = placement_for_user(request.user, reference)
        if not request.user.is_professional:
            return redirect("portal:placement", reference=placement.reference)
        return view(request, placement, *args, **kwargs)

    return wrapper
