"""The one way these pages load a placement: visible to the user or 404 (another family's
placement does not exist for them), a family member goes to their portal, and a page that
writes is for the regie (403 for other professionals, who read)."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.selectors import placement_for_user
from evaluations.permissions import can_record_events
from evaluations.selectors import current_members_by_role


def holds_regie(user, placement):
    members = current_members_by_role(placement, timezone.localdate())
    return can_record_events(user, placement, members)


def professional_view(view):
    @login_required
    @wraps(view)
    def wrapper(request, reference, *args, **kwargs):
        placement = placement_for_user(request.user, reference)
        if not request.user.is_professional:
            return redirect("portal:placement", reference=placement.reference)
        return view(request, placement, *args, **kwargs)

    return wrapper


def regie_view(view):
    @professional_view
    @wraps(view)
    def wrapper(request, placement, *args, **kwargs):
        if not holds_regie(request.user, placement):
            raise PermissionDenied(
                _("Only the pleegzorgbegeleider, the voogd or their team lead can record this.")
            )
        return view(request, placement, *args, **kwargs)

    return wrapper


def family_view(view):
    """A portal page: the placement must be visible (a family member's access ends with the
    placement); professionals are sent to the professionals' page."""

    @login_required
    @wraps(view)
    def wrapper(request, reference, *args, **kwargs):
        placement = placement_for_user(request.user, reference)
        if request.user.is_professional:
            return redirect(placement)
        return view(request, placement, *args, **kwargs)

    return wrapper
