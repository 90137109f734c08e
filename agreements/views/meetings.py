"""Meeting requests on the professionals' side: any professional member may ask for one;
the pleegzorgbegeleider plans or closes it. Families ask through the portal."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cases.decorators import placement_view
from cases.models import Placement
from cases.permissions import require_open_file
from core.forms import add_service_errors
from security.ratelimits import meeting_request_limit

from .. import services
from ..forms import MeetingRequestForm, MeetingRequestHandleForm
from ..models import MeetingRequest
from ..notifications import meeting_request_recipients
from .plan import _require_editor


@meeting_request_limit
@placement_view
def meeting_request_add(request, placement):
    require_open_file(placement)
    form = MeetingRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.meeting_request_create(
                placement=placement, requested_by=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your request for a zorgteam meeting has been sent."))
            return redirect(placement.get_absolute_url())
    return render(
        request,
        "agreements/meeting_request_form.html",
        {
            "placement": placement,
            "form": form,
            "recipients": meeting_request_recipients(placement, exclude=request.user),
            "cancel_url": placement.get_absolute_url(),
        },
    )


@require_POST
@placement_view
def meeting_request_handle(request, placement, pk):
    _require_editor(request, placement)
    meeting_request = get_object_or_404(
        MeetingRequest.objects.filter(placement__in=Placement.objects.visible_to(request.user)),
        placement=placement,
        pk=pk,
    )
    form = MeetingRequestHandleForm(request.POST)
    action = request.POST.get("action")
    if form.is_valid():
        try:
            if action == "plan":
                services.meeting_request_plan(
                    meeting_request=meeting_request,
                    planned_on=form.cleaned_data["planned_on"],
                    response=form.cleaned_data["response"],
                    handled_by=request.user,
                )
                messages.success(request, _("The meeting has been planned."))
            else:
                services.meeting_request_close(
                    meeting_request=meeting_request,
                    response=form.cleaned_data["response"],
                    handled_by=request.user,
                )
                messages.success(request, _("The request has been marked as handled."))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect(f"{placement.get_absolute_url()}#plan")
