"""How these pages start: a professionals' page through cases.decorators.placement_view (the
visible placement or a 404, a family member to the portal); a page that records is for those
who record events on the placement (the pleegzorgbegeleider, the voogd, their team lead:
evaluations.permissions), others get a 403 and read."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.decorators import placement_view
from cases.selectors import placement_for_user
from evaluations.permissions import can_record_events
from evaluations.selectors import current_members_by_role
from zorgteam.access import access_for


def may_record(user, placement):
    members = current_members_by_role(placement, timezone.localdate())
    return can_record_events(user, placement, members)


def reads_whole_file(user, placement):
    """The decision log, the meeting records and the meeting requests (a family's reasons)
    are the regie's file (zorgteam.access): another professional in the team does not read
    them."""
    return access_for(user, placement).whole_file


def whole_file_view(view):
    @placement_view
    @wraps(view)
    def wrapper(request, placement, *args, **kwargs):
        if not reads_whole_file(request.user, placement):
            raise PermissionDenied
        return view(request, placement, *args, **kwargs)

    return wrapper


def recording_view(view):
    @placement_view
    @wraps(view)
    def wrapper(request, placement, *args, **kwargs):
        if not may_record(request.user, placement):
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
