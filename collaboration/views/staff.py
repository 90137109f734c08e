"""The handover checklist of a new pleegzorgbegeleider or voogd (advice 6)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cases.decorators import placement_view
from cases.permissions import oversees_placement
from core.services import audit_record

from .. import services
from ..forms import HandoverPlanForm
from ..models import StaffChange
from .common import may_record


def _change(request, placement, pk):
    change = get_object_or_404(
        StaffChange.objects.filter(placement=placement).select_related("new_membership__person"),
        pk=pk,
    )
    return change


def _is_new_professional(user, change):
    return change.new_membership.person_id == user.pk or oversees_placement(user, change.placement)


def _back(placement):
    return redirect(placement.get_absolute_url() + "#handover")


@require_POST
@placement_view
def handover_item(request, placement, pk, item):
    change = _change(request, placement, pk)
    if not _is_new_professional(request.user, change):
        raise PermissionDenied(_("Only the new professional ticks their handover checklist."))
    try:
        services.handover_item_done(staff_change=change, item=item)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        audit_record(
            user=request.user, action="change", what=f"handover {item}", placement=placement
        )
    return _back(placement)


@require_POST
@placement_view
def handover_plan(request, placement, pk):
    change = _change(request, placement, pk)
    if not (_is_new_professional(request.user, change) or may_record(request.user, placement)):
        raise PermissionDenied(_("Only the new professional or the regie plans the handover."))
    form = HandoverPlanForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return _back(placement)
    try:
        change = services.handover_meeting_plan(
            staff_change=change, planned_on=form.cleaned_data["planned_on"]
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        audit_record(
            user=request.user, action="change", what="handover meeting planned", placement=placement
        )
        messages.success(
            request,
            _("The handover meeting is planned on %(date)s; the family is told.")
            % {"date": date_format(change.handover_meeting_on, "j F Y")},
        )
    return _back(placement)
