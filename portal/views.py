"""The family's portal (foster parents, parents, the child, the network): their own
placement(s) only, phone first.

Everything on these pages comes from `shared_with(access)` (zorgteam.access): each person
sees the adopted plan's goals and agreements, the decisions and meeting notes shared with
their audience, the team and the dates of upcoming meetings — never a draft, an item not
shared with them or a proposal. Parents of a placement whose foster family is confidential
see no trace of the foster family.
"""

from datetime import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from agreements import selectors
from agreements.forms import MeetingRequestForm
from agreements.models import Agreement, MeetingRequest
from agreements.notifications import meeting_request_recipients
from agreements.services import meeting_request_create
from agreements.views.printing import render_print
from cases.models import Placement
from cases.permissions import require_open_file
from cases.selectors import placement_for_user
from collaboration.meeting_requests import PLANNED, with_meeting_states
from core.forms import add_service_errors
from core.services import audit_record
from evaluations.selectors import (
    shared_meeting_notes,
    shared_perspective_decisions,
    upcoming_visit_evaluations,
)
from security.ratelimits import meeting_request_limit
from zorgteam.access import access_for

from . import services

OWN_REQUESTS_SHOWN = 5


@login_required
def portal_home(request):
    placements = list(Placement.objects.visible_to(request.user).select_related("child"))
    if len(placements) == 1:
        return redirect("portal:placement", reference=placements[0].reference)
    return render(request, "portal/home.html", {"placements": placements})


def _since_last_visit(request, placement):
    """The moment of the previous visit, fixed for this login session.

    Fixed per session so that reloading the page, or coming back to it after marking an
    agreement "gezien", does not make the "changed" marks disappear.
    """
    session_key = f"portal_since_{placement.pk}"
    if session_key not in request.session:
        previous = services.portal_visit_record(person=request.user, placement=placement)
        request.session[session_key] = previous.isoformat() if previous else ""
    else:
        services.portal_visit_touch(person=request.user, placement=placement)
    value = request.session[session_key]
    return datetime.fromisoformat(value) if value else None


def _meetings(request, placement, today):
    """Upcoming meetings for the portal: planned dates for everyone, reasons only for one's
    own requests (another member's reason may not be meant for the family)."""
    items = []
    for due in upcoming_visit_evaluations(placement):
        items.append({"date": due, "kind": "evaluation"})
    # The requester follows their own request to its end: received, planned for a date,
    # held, or declined with the reason (advice 8). Settled ones stay visible for a while.
    requests = with_meeting_states(
        placement,
        MeetingRequest.objects.filter(placement=placement)
        .filter(
            Q(requested_by=request.user)
            | Q(status=MeetingRequest.Status.PLANNED, planned_on__gte=today)
        )
        .order_by("-created_at"),
    )
    own = [r for r in requests if r.requested_by_id == request.user.pk][:OWN_REQUESTS_SHOWN]
    for meeting_request in requests:
        if meeting_request.state == PLANNED and meeting_request.planned_on >= today:
            items.append({"date": meeting_request.planned_on, "kind": "meeting"})
    items.sort(key=lambda item: item["date"])
    return items, own


@login_required
def portal_placement(request, reference):
    placement = placement_for_user(request.user, reference, select_related=("child",))
    user = request.user
    today = timezone.localdate()
    # First the current team: access_for reads the reader's roles from it (one query less).
    all_members = selectors.current_members(placement, on=today)
    access = access_for(user, placement)
    current = selectors.adopted_version_for(access)
    agreements = selectors.agreements_for(access, current) if current else []
    since = _since_last_visit(request, placement)
    seen = services.seen_keys(person=user, agreements=agreements)
    changed = {a.key for a in agreements if since and a.published_at and a.published_at > since}
    meetings, own_requests = _meetings(request, placement, today)
    selectors.label_owners(agreements, all_members, access)
    members = access.members(all_members)
    audit_record(user=user, action="view", what="portal page", placement=placement)
    return render(
        request,
        "portal/placement.html",
        {
            "placement": placement,
            "today": today,
            "version": current,
            "goals": selectors.goals_for(access, current) if current else [],
            "groups": selectors.by_category(agreements),
            "agreement_count": len(agreements),
            "seen": seen,
            "unseen_count": sum(1 for a in agreements if a.key not in seen),
            "changed": changed,
            "since": since,
            "members": members,
            "meetings": meetings,
            "own_requests": own_requests,
            "access": access,
            "perspective_decisions": shared_perspective_decisions(access),
            "meeting_notes": shared_meeting_notes(access),
            "hides_foster_family": access.hides_foster_family,
            "can_request_meeting": not access.read_only,
        },
    )


def _portal_anchor(placement, anchor):
    return redirect(f"{reverse('portal:placement', args=[placement.reference])}#{anchor}")


@require_POST
@login_required
def agreement_seen(request, reference, pk):
    placement = placement_for_user(request.user, reference)
    agreement = get_object_or_404(
        Agreement.objects.shared_with(access_for(request.user, placement)).filter(
            version__status="adopted", published_at__isnull=False
        ),
        pk=pk,
    )
    services.agreement_mark_seen(agreement=agreement, person=request.user)
    return _portal_anchor(placement, f"agreement-{agreement.pk}")


@require_POST
@login_required
def agreements_seen_all(request, reference):
    placement = placement_for_user(request.user, reference)
    access = access_for(request.user, placement)
    current = selectors.adopted_version_for(access)
    if current is not None:
        for agreement in selectors.agreements_for(access, current):
            services.agreement_mark_seen(agreement=agreement, person=request.user)
        messages.success(request, _("All agreements are marked as seen."))
    return _portal_anchor(placement, "agreements")


@login_required
@meeting_request_limit
def meeting_request(request, reference):
    placement = placement_for_user(request.user, reference)
    require_open_file(placement)
    form = MeetingRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            meeting_request_create(
                placement=placement, requested_by=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("Your request has been sent. The pleegzorgbegeleider will get back to you."),
            )
            return _portal_anchor(placement, "meetings")
    return render(
        request,
        "agreements/meeting_request_form.html",
        {
            "placement": placement,
            "form": form,
            "recipients": meeting_request_recipients(placement, exclude=request.user),
            "cancel_url": reverse("portal:placement", args=[placement.reference]),
            "portal": True,
        },
    )


@login_required
def current_print(request, reference):
    """The adopted plan to print, as this person may see it (the family's version for them)."""
    placement = placement_for_user(request.user, reference)
    version = selectors.current_version(selectors.versions_for(access_for(request.user, placement)))
    if version is None:
        raise Http404
    return render_print(request, placement, version)
