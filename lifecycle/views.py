"""The pages of the placement's life: intake, variant, court-order extension, end.

Thin: permission, forms, one service call, redirect. Refusals land on the form with what was
typed kept; each write and read of the file is in the access log (core.services.audit_record).
"""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cases.decorators import placement_view
from core.forms import add_service_errors
from core.services import audit_record
from evaluations import rules
from evaluations.forms import date_field
from evaluations.models import CourtOrder
from evaluations.permissions import can_record_events
from evaluations.selectors import changes_message, current_members_by_role, open_deadlines

from . import intake, services
from .forms import (
    EndForm,
    ExtensionForm,
    IntakeForm,
    IntakeMemberFormSet,
    VariantForm,
    check_child_member,
    intake_member_initial,
)
from .permissions import can_register_placement


def _day(value):
    return date_format(value, "j F Y")


def regie_view(view):
    """A change to a placement (cases.decorators.placement_view: visible or 404, a family
    member to the portal), for those who record events on it; others read (403)."""

    @placement_view
    @wraps(view)
    def wrapper(request, placement, *args, **kwargs):
        members = current_members_by_role(placement, timezone.localdate())
        if not can_record_events(request.user, placement, members):
            raise PermissionDenied(
                _("Only the pleegzorgbegeleider, the voogd or their team lead can change this.")
            )
        return view(request, placement, *args, **kwargs)

    return wrapper


def _duplicates_for(request):
    """Duplicates of the child typed in this POST, read before the form validates, so the
    question "is this the same child?" is on the form the first time it is refused."""
    first = request.POST.get("child_first_name", "").strip()
    last = request.POST.get("child_last_name", "").strip()
    try:
        birth = date_field("").clean(request.POST.get("child_birth_date", ""))
    except ValidationError:
        return []
    if not first:
        return []
    return intake.find_duplicates(
        first_name=first, last_name=last, birth_date=birth, user=request.user
    )


@login_required
def intake_view(request):
    if not can_register_placement(request.user):
        raise PermissionDenied(
            _("Only a pleegzorgbegeleider or a team lead registers a new placement.")
        )
    posted = request.method == "POST"
    duplicates = _duplicates_for(request) if posted else []
    form = IntakeForm(request.POST if posted else None, user=request.user, duplicates=duplicates)
    rows = IntakeMemberFormSet(
        request.POST if posted else None, prefix="members", initial=intake_member_initial()
    )
    if posted and form.is_valid() and rows.is_valid() and check_child_member(form, rows):
        same_child, confirmed = form.duplicate_decision()
        data = form.cleaned_data
        order = None
        if data["order_kind"]:
            order = intake.CourtOrderAtIntake(
                kind=data["order_kind"], date=data["order_date"], end_date=data["order_end_date"]
            )
        invites = [invite for invite in (row.invite() for row in rows) if invite is not None]
        try:
            placement = intake.placement_intake(
                reference=data["reference"],
                child_first_name=data["child_first_name"],
                child_last_name=data["child_last_name"],
                child_birth_date=data["child_birth_date"],
                start_date=data["start_date"],
                variant=data["variant"],
                care_kind=data["care_kind"],
                legal_frame=data["legal_frame"],
                provider=data["provider"],
                placer=data["placer"],
                court_order=order,
                members=invites,
                registering_pleegzorgbegeleider=(
                    request.user if data["i_am_pleegzorgbegeleider"] else None
                ),
                same_child=same_child,
                duplicate_confirmed=confirmed,
                recorded_by=request.user,
            )
        except ValidationError as error:
            index = getattr(error, "member_index", None)
            if index is not None:
                row = [r for r in rows if r.invite() is not None][index]
                add_service_errors(row, error)
                form.add_error(None, _("A member could not be added; see the list of members."))
            else:
                add_service_errors(form, error)
        else:
            audit_record(
                user=request.user, action="create", what="placement intake", placement=placement
            )
            start = placement.deadlines.open().filter(kind=rules.START_MEETING).first()
            text = _("Placement %(reference)s of %(child)s is registered.") % {
                "reference": placement.reference,
                "child": placement.child.first_name,
            }
            if start is not None:
                text += " " + _("The start meeting with all parties is due by %(date)s.") % {
                    "date": _day(start.due_date)
                }
            if invites:
                text += " " + _("The new members get an email to choose a password.")
            messages.success(request, text)
            return redirect(placement)
    return render(
        request,
        "lifecycle/intake.html",
        {"form": form, "rows": rows, "duplicates": duplicates},
    )


@regie_view
def variant_change(request, placement):
    form = VariantForm(request.POST or None, placement=placement)
    if request.method == "POST" and form.is_valid():
        before = open_deadlines(placement)
        try:
            services.variant_change(
                placement=placement, recorded_by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            audit_record(user=request.user, action="change", what="variant", placement=placement)
            messages.success(request, f"{_('Saved.')} {changes_message(placement, before)}")
            return redirect(placement)
    return render(request, "lifecycle/variant_form.html", {"placement": placement, "form": form})


@regie_view
def placement_end(request, placement):
    form = EndForm(request.POST or None, placement=placement)
    if request.method == "POST" and form.is_valid():
        try:
            ended = services.placement_end_record(placement=placement, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            audit_record(
                user=request.user, action="change", what="placement ended", placement=placement
            )
            if ended.is_ended():
                text = _(
                    "The placement ended on %(date)s. Its deadlines are closed and the family "
                    "no longer reaches it; the file stays readable for professionals."
                )
            else:
                text = _(
                    "The placement ends on %(date)s. Deadlines due after it are not opened; "
                    "the family keeps access until that day."
                )
            messages.success(request, text % {"date": _day(ended.end_date)})
            return redirect(placement)
    return render(request, "lifecycle/end_form.html", {"placement": placement, "form": form})


@require_POST
@regie_view
def placement_end_undo(request, placement):
    try:
        services.placement_end_undo(placement=placement)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        audit_record(
            user=request.user, action="change", what="planned end undone", placement=placement
        )
        messages.success(request, _("The planned end is taken back; the deadlines are back."))
    return redirect(placement)


@regie_view
def court_order_extend(request, placement, pk):
    order = get_object_or_404(
        CourtOrder.objects.filter(placement=placement, kind__in=rules.REVIEWABLE_ORDER_KINDS),
        pk=pk,
    )
    form = ExtensionForm(request.POST or None, order=order)
    if request.method == "POST" and form.is_valid():
        before = open_deadlines(placement)
        try:
            services.court_order_extend(
                court_order=order, recorded_by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            audit_record(
                user=request.user,
                action="create",
                what="court order extension",
                placement=placement,
            )
            messages.success(request, f"{_('Saved.')} {changes_message(placement, before)}")
            return redirect(placement)
    return render(
        request,
        "lifecycle/extension_form.html",
        {
            "placement": placement,
            "form": form,
            "order": order,
            "old_end": services.order_end(order),
        },
    )
