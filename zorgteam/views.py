"""The zorgteam pages: who is in the team, and the pleegzorgbegeleider's changes to it.

Thin views: every page starts from cases.decorators.placement_view (another family's
placement is a 404, families go to their portal), and every write is one service call.
"""

from functools import wraps

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cases.decorators import placement_view
from cases.models import Placement
from cases.permissions import require_open_file
from core.forms import add_service_errors
from core.services import audit_record

from . import services
from .access import access_for
from .forms import MemberAddForm, MemberEditForm, MemberEndForm, MemberReplaceForm
from .models import Role
from .permissions import holds_regie


def manager_view(view):
    """A page that changes the team: only for those who may manage it (403 for the others)."""

    @placement_view
    @wraps(view)
    def wrapper(request, placement, *args, **kwargs):
        require_open_file(placement)
        if not holds_regie(request.user, placement):
            raise PermissionDenied(
                _("Only the pleegzorgbegeleider or the team lead can change the zorgteam.")
            )
        return view(request, placement, *args, **kwargs)

    return wrapper


def _membership(placement, pk):
    return get_object_or_404(placement.memberships.select_related("person"), pk=pk)


def _back_to_team(request, placement):
    # After a staff change the manager may have handed over her own place: she cannot see
    # the placement any more, so she goes to her caseload instead of a 404.
    if Placement.objects.visible_to(request.user).filter(pk=placement.pk).exists():
        return redirect("zorgteam:manage", reference=placement.reference)
    return redirect("home")


def _day(value):
    return date_format(value, "j F Y")


@placement_view
def manage(request, placement):
    today = timezone.localdate()
    memberships = access_for(request.user, placement).members(
        placement.memberships.select_related("person").order_by("role", "-start_date", "pk")
    )
    audit_record(user=request.user, action="view", what="zorgteam", placement=placement)
    can_manage = holds_regie(request.user, placement)
    return render(
        request,
        "zorgteam/manage.html",
        {
            "placement": placement,
            "today": today,
            "current": [m for m in memberships if m.is_current(today)],
            "upcoming": [m for m in memberships if m.start_date > today],
            "former": [m for m in memberships if m.end_date is not None and m.end_date < today],
            "can_manage": can_manage,
            "invitations": list(placement.invitations.pending().select_related("invited_by"))
            if can_manage
            else [],
        },
    )


@manager_view
def member_add(request, placement):
    # A deadline links here with ?role=pleegkind ("invite the child into the zorgteam").
    asked_role = request.GET.get("role")
    initial = {"role": asked_role} if asked_role in Role.values else {}
    form = MemberAddForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            invitation = services.member_invite(
                placement=placement, invited_by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            # The same answer whether or not the address has an account.
            messages.success(request, _invited_message(invitation))
            return _back_to_team(request, placement)
    return render(request, "zorgteam/member_add.html", {"placement": placement, "form": form})


def _invited_message(invitation):
    return _(
        "An invitation was sent to %(email)s. Once accepted, the person is in the zorgteam as "
        "%(role)s."
    ) % {"email": invitation.email, "role": invitation.get_role_display()}


@require_POST
@manager_view
def invitation_revoke(request, placement, pk):
    invitation = get_object_or_404(placement.invitations.pending(), pk=pk)
    services.invitation_revoke(invitation=invitation, revoked_by=request.user)
    messages.success(
        request, _("The invitation to %(email)s is withdrawn.") % {"email": invitation.email}
    )
    return redirect("zorgteam:manage", reference=placement.reference)


def _member_form(request, placement, membership, *, form, save, audit, success, template):
    """Change one membership: the service saves in one transaction; its refusal lands on the
    form with what was typed kept; a success is audited and told in Dutch."""
    if request.method == "POST" and form.is_valid():
        try:
            result = save(form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            audit_record(user=request.user, action="change", what=audit, placement=placement)
            messages.success(request, success(result, form.cleaned_data))
            return _back_to_team(request, placement)
    return render(
        request, template, {"placement": placement, "membership": membership, "form": form}
    )


@manager_view
def member_edit(request, placement, pk):
    membership = _membership(placement, pk)
    return _member_form(
        request,
        placement,
        membership,
        form=MemberEditForm(request.POST or None, instance=membership),
        save=lambda data: services.membership_update(membership=membership, **data),
        audit="zorgteam member",
        success=lambda result, data: _("Saved."),
        template="zorgteam/member_edit.html",
    )


@manager_view
def member_end(request, placement, pk):
    membership = _membership(placement, pk)
    return _member_form(
        request,
        placement,
        membership,
        form=MemberEndForm(request.POST or None, membership=membership),
        save=lambda data: services.membership_end(membership=membership, **data),
        audit="zorgteam member ended",
        success=lambda result, data: (
            _("%(name)s is a member until %(date)s.")
            % {"name": membership.person.full_name, "date": _day(data["end_date"])}
        ),
        template="zorgteam/member_end.html",
    )


@manager_view
def member_replace(request, placement, pk):
    membership = _membership(placement, pk)
    return _member_form(
        request,
        placement,
        membership,
        form=MemberReplaceForm(request.POST or None, membership=membership),
        save=lambda data: services.member_invite(
            placement=placement,
            email=data["email"],
            full_name=data["full_name"],
            role=membership.role,
            start_date=data["change_date"],
            responsibilities=data["responsibilities"],
            reachable=data["reachable"],
            invited_by=request.user,
            replaces=membership,
        ),
        audit="zorgteam staff change invited",
        success=lambda invitation, data: (
            _(
                "An invitation was sent to %(email)s. Once accepted, they take over from "
                "%(old)s as %(role)s on %(date)s, and a warm handover is scheduled."
            )
            % {
                "email": invitation.email,
                "old": membership.person.full_name,
                "role": membership.get_role_display(),
                "date": _day(invitation.start_date),
            }
        ),
        template="zorgteam/member_replace.html",
    )
