"""Recording a zorgteam meeting with the advice's agenda (the regie), and reading it back.

Thin: permission, forms, one service call, redirect. The start meeting's answers go into
the draft plan in the same call, so the team adopts them as version 1 from the draft's page.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.forms import add_service_errors
from core.services import audit_record
from evaluations import forms as event_forms
from evaluations import rules
from evaluations.models import ZorgteamMeeting
from evaluations.selectors import changes_message, open_deadlines

from .. import services
from ..forms import AgreementRowFormSet, MeetingForm
from ..meeting_requests import open_meeting_requests
from ..models import MeetingRecord
from .common import may_record, recording_view, whole_file_view

# Without ?kind=, the open deadline a meeting would close decides the kind, in this order.
_KIND_PRIORITY = (
    rules.START_MEETING,
    rules.HANDOVER,
    rules.ZORGTEAM_AFTER_COURT_ORDER,
    rules.REQUESTED_MEETING,
)


def _meeting_kind(request, placement):
    asked = request.GET.get("kind")
    if asked in ZorgteamMeeting.Kind.values:
        return asked
    open_kinds = set(placement.deadlines.open().values_list("kind", flat=True))
    for kind in _KIND_PRIORITY:
        if kind in open_kinds:
            return event_forms.MEETING_KIND_FOR_KIND[kind]
    return ZorgteamMeeting.Kind.EVALUATION


def _members(placement, today):
    return list(
        placement.memberships.current(on=today).select_related("person").order_by("role", "pk")
    )


def _participants(members):
    return ", ".join(f"{m.person.full_name} ({m.get_role_display()})" for m in members)


def _saved_message(placement, before, outcome):
    parts = [_("Saved."), changes_message(placement, before)]
    if outcome.added:
        parts.append(
            ngettext(
                "%(n)s agreement is in draft version %(number)s of the plan, for the team to "
                "adopt.",
                "%(n)s agreements are in draft version %(number)s of the plan, for the team to "
                "adopt.",
                len(outcome.added),
            )
            % {"n": len(outcome.added), "number": outcome.draft.number}
        )
    return " ".join(parts)


@recording_view
def meeting_record(request, placement):
    today = timezone.localdate()
    if placement.is_ended(on=today):
        messages.info(request, _("The placement has ended: the zorgteam no longer meets."))
        return redirect(placement)
    members = _members(placement, today)
    kind = _meeting_kind(request, placement)
    initial = {"date": today, "kind": kind, "participants": _participants(members)}
    data = request.POST if request.method == "POST" else None
    form = MeetingForm(data, placement=placement, members=members, initial=initial)
    rows = AgreementRowFormSet(data, prefix="agreements")
    if data is not None and form.is_valid() and rows.is_valid():
        made = [a for a in (row.agreement() for row in rows) if a is not None]
        before = open_deadlines(placement)
        try:
            outcome = services.meeting_record(
                placement=placement,
                recorded_by=request.user,
                agreements=[*form.role_agreements(), *made],
                **form.service_kwargs(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            audit_record(
                user=request.user,
                action="create",
                what="record zorgteam meeting with agenda",
                placement=placement,
            )
            messages.success(request, _saved_message(placement, before, outcome))
            if outcome.draft is not None:
                return redirect(
                    "agreements:version_detail", placement.reference, outcome.draft.number
                )
            return redirect(placement)
    closes = [
        d
        for d in placement.deadlines.open().order_by("due_date")
        if event_forms.EVENT_TYPE_FOR_KIND.get(d.kind) == event_forms.ZORGTEAM_MEETING
    ]
    return render(
        request,
        "collaboration/meeting_record.html",
        {
            "placement": placement,
            "form": form,
            "rows": rows,
            "closes": closes,
            "requests": open_meeting_requests(placement),
            "is_start": form.is_start,
        },
    )


@whole_file_view
def meeting_detail(request, placement, pk):
    meeting = get_object_or_404(
        ZorgteamMeeting.objects.filter(placement=placement).select_related("recorded_by"), pk=pk
    )
    record = MeetingRecord.objects.filter(meeting=meeting).select_related("draft_version").first()
    audit_record(user=request.user, action="view", what="zorgteam meeting", placement=placement)
    return render(
        request,
        "collaboration/meeting_detail.html",
        {
            "placement": placement,
            "meeting": meeting,
            "record": record,
            "may_record": may_record(request.user, placement),
        },
    )
