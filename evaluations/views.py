"""Recording events from the placement page. Thin: permission, form, one service, redirect."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.decorators import placement_view
from cases.permissions import require_open_file
from core.forms import add_service_errors
from core.services import audit_record
from zorgteam.audiences import initial_audiences

from . import forms, rules, services
from .models import CourtOrder, PerspectiveDecision, ZorgteamMeeting
from .permissions import can_record_events
from .selectors import changes_message, current_members_by_role, open_deadlines

SERVICE_FOR_EVENT_TYPE = {
    forms.VISIT_EVALUATION: services.visit_evaluation_record,
    forms.PERSPECTIVE_STUDY_START: services.perspective_study_start_record,
    forms.PERSPECTIVE_DECISION: services.perspective_decision_record,
    forms.GUARDIAN_CONTACT: services.guardian_contact_record,
    forms.ZORGTEAM_MEETING: services.zorgteam_meeting_record,
    forms.COURT_ORDER: services.court_order_record,
}


def _titles():
    return {
        forms.VISIT_EVALUATION: _("Record a visit-arrangement evaluation"),
        forms.PERSPECTIVE_STUDY_START: _("Record the start of the perspective study"),
        forms.PERSPECTIVE_DECISION: _("Record the perspective decision"),
        forms.GUARDIAN_CONTACT: _("Record the voogd's contact with the parents"),
        forms.ZORGTEAM_MEETING: _("Record a zorgteam meeting"),
        forms.COURT_ORDER: _("Record a court order (beschikking)"),
    }


def _require_recorder(request, placement):
    require_open_file(placement)
    members = current_members_by_role(placement, timezone.localdate())
    if not can_record_events(request.user, placement, members):
        raise PermissionDenied(
            _("Only the pleegzorgbegeleider, the voogd or their team lead can record events.")
        )


def _meeting_kind(request, placement):
    asked = request.GET.get("kind")
    if asked in ZorgteamMeeting.Kind.values:
        return asked
    # Linked from a deadline without ?kind=: a handover needs a handover meeting to close,
    # so it goes first; then the other deadlines a meeting closes, in the rules' order.
    open_kinds = set(placement.deadlines.open().values_list("kind", flat=True))
    for kind in sorted(forms.MEETING_KIND_FOR_KIND, key=lambda k: k != rules.HANDOVER):
        if kind in open_kinds:
            return forms.MEETING_KIND_FOR_KIND[kind]
    return ZorgteamMeeting.Kind.EVALUATION


def _first_review(placement):
    """`record/court-order-review/`: on to the order whose extension decision is due first."""
    deadline = (
        placement.deadlines.open()
        .filter(kind=rules.COURT_ORDER_REVIEW)
        .order_by("due_date", "pk")
        .first()
    )
    if deadline is None:
        return redirect(placement)
    return redirect("evaluations:court_order_review", placement.reference, int(deadline.key))


def _saved(request, placement, before, event_type):
    audit_record(
        user=request.user, action="create", what=f"record {event_type}", placement=placement
    )
    saved = _("Saved.")
    messages.success(request, f"{saved} {changes_message(placement, before)}")
    return redirect(placement)


@login_required
def record(request, reference, event_type):
    # An unknown form is a 404 for everyone, before the placement is looked up.
    if event_type not in SERVICE_FOR_EVENT_TYPE and event_type != forms.COURT_ORDER_REVIEW:
        raise Http404
    return _record(request, reference, event_type)


@placement_view
def _record(request, placement, event_type):
    _require_recorder(request, placement)
    if event_type == forms.COURT_ORDER_REVIEW:
        return _first_review(placement)

    form_class = forms.FORM_FOR_EVENT_TYPE[event_type]
    initial = {"date": timezone.localdate()}
    if event_type == forms.ZORGTEAM_MEETING:
        initial["kind"] = _meeting_kind(request, placement)
    data = request.POST if request.method == "POST" else None
    form = form_class(data, placement=placement, initial=initial)
    if form.is_valid():
        before = open_deadlines(placement)
        try:
            SERVICE_FOR_EVENT_TYPE[event_type](
                placement=placement, recorded_by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return _saved(request, placement, before, event_type)

    closes = [
        d
        for d in placement.deadlines.open().order_by("due_date")
        if forms.EVENT_TYPE_FOR_KIND.get(d.kind) == event_type
    ]
    return render(
        request,
        "evaluations/record.html",
        {
            "placement": placement,
            "form": form,
            "title": _titles()[event_type],
            "closes": closes,
            "today": timezone.localdate(),
        },
    )


@placement_view
def court_order_review(request, placement, pk):
    _require_recorder(request, placement)
    order = get_object_or_404(CourtOrder, pk=pk, placement=placement)
    initial = {
        "review": order.review or None,
        "review_date": order.review_date or timezone.localdate(),
        "review_note": order.review_note,
    }
    data = request.POST if request.method == "POST" else None
    form = forms.CourtOrderReviewForm(data, initial=initial)
    if form.is_valid():
        before = open_deadlines(placement)
        try:
            services.court_order_review_record(
                court_order=order, recorded_by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return _saved(request, placement, before, forms.COURT_ORDER_REVIEW)

    closes = list(
        placement.deadlines.open().filter(kind=rules.COURT_ORDER_REVIEW, key=str(order.pk))
    )
    return render(
        request,
        "evaluations/record.html",
        {
            "placement": placement,
            "form": form,
            "title": _("Decide on extending the %(kind)s") % {"kind": order.get_kind_display()},
            "order": order,
            "closes": closes,
            "today": timezone.localdate(),
        },
    )


SHARED_EVENT_MODELS = {
    PerspectiveDecision._meta.model_name: PerspectiveDecision,
    ZorgteamMeeting._meta.model_name: ZorgteamMeeting,
}


@placement_view
def event_audiences(request, placement, model_name, pk):
    """Who sees a recorded decision or meeting note; the regie widens or withdraws it."""
    model = SHARED_EVENT_MODELS.get(model_name)
    if model is None:
        raise Http404
    _require_recorder(request, placement)
    event = get_object_or_404(model, pk=pk, placement=placement)
    form = forms.SharedEventForm(
        request.POST or None, initial={"audiences": initial_audiences(event)}
    )
    if request.method == "POST" and form.is_valid():
        services.shared_event_set_audiences(
            event=event, audiences=form.cleaned_data["audiences"], changed_by=request.user
        )
        messages.success(request, _("Saved."))
        return redirect(f"{placement.get_absolute_url()}#deadlines")
    return render(
        request,
        "evaluations/event_audiences.html",
        {"placement": placement, "event": event, "form": form},
    )
