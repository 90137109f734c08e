"""The professionals' plan pages. Thin: look up through visible_to, validate, call a service.

Every page starts from cases.decorators.placement_view (another family's placement is a 404;
foster parents are sent to the portal, which shows them what they may see) and looks its
version, goal or agreement up inside that placement through the visible_to querysets.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cases.decorators import placement_view
from cases.permissions import require_open_file
from core.forms import add_service_errors
from core.services import audit_record
from zorgteam.access import access_for
from zorgteam.permissions import holds_regie

from .. import selectors, services
from ..forms import (
    PlanCommentForm,
    PlanVersionAdoptForm,
    PlanVersionStartForm,
)
from ..models import PlanVersion
from ..permissions import can_comment_on_plan


def _require_editor(request, placement):
    require_open_file(placement)
    if not holds_regie(request.user, placement):
        raise PermissionDenied(_("Only the pleegzorgbegeleider can change the plan."))


def _version(request, placement, number):
    access = access_for(request.user, placement)
    return get_object_or_404(PlanVersion.objects.shared_with(access), number=number)


def _version_url(version):
    return redirect("agreements:version_detail", version.placement.reference, version.number)


# --- Plan and versions ----------------------------------------------------------------------


@placement_view
def plan(request, placement):
    versions = selectors.versions_for(access_for(request.user, placement))
    version = selectors.current_version(versions) or selectors.draft_version(versions)
    if version is None:
        audit_record(user=request.user, action="view", what="plan", placement=placement)
        return render(
            request,
            "agreements/plan_empty.html",
            {
                "placement": placement,
                "can_edit": holds_regie(request.user, placement),
                "start_form": PlanVersionStartForm(),
            },
        )
    return _render_version(request, placement, version, versions)


@placement_view
def version_detail(request, placement, number):
    version = _version(request, placement, number)
    return _render_version(
        request, placement, version, selectors.versions_for(access_for(request.user, placement))
    )


def _render_version(request, placement, version, versions, comment_form=None):
    user = request.user
    access = access_for(user, placement)
    agreements = selectors.agreements_for(access, version)
    goals = selectors.goals_for(access, version)
    members = selectors.current_members(placement)
    # Who read what is the regie's business: it names the family members.
    family = selectors.family_members(members) if access.whole_file else []
    current = selectors.current_version(versions)
    selectors.label_owners(agreements, members, access)
    readers = selectors.readers_by_agreement(agreements, family)
    for agreement in agreements:
        agreement.readers = readers.get(agreement.pk, [])
    comments = version.comments.select_related("author", "agreement", "goal", "resolved_by")
    if not access.whole_file:
        comments = comments.filter(author=user)
    audit_record(
        user=user, action="view", what=f"plan version {version.number}", placement=placement
    )
    return render(
        request,
        "agreements/version_detail.html",
        {
            "placement": placement,
            "version": version,
            "versions": versions,
            "current": current,
            "draft": selectors.draft_version(versions),
            "access": access,
            "goals": goals,
            "groups": selectors.by_category(agreements),
            "agreement_count": len(agreements),
            "read_overview": selectors.read_overview(agreements, family)
            if version.is_adopted
            else [],
            "comments": list(comments),
            "comment_form": comment_form
            or PlanCommentForm(version=version, agreements=agreements, goals=goals),
            "can_edit": holds_regie(user, placement),
            "can_comment": can_comment_on_plan(user, placement, access),
            "start_form": PlanVersionStartForm(),
        },
    )


@require_POST
@placement_view
def version_start(request, placement):
    _require_editor(request, placement)
    form = PlanVersionStartForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The summary is too long (at most 300 characters)."))
        return redirect("agreements:plan", placement.reference)
    try:
        version = services.plan_version_start(
            placement=placement, created_by=request.user, summary=form.cleaned_data["summary"]
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("agreements:plan", placement.reference)
    if version.based_on_id:
        messages.success(
            request,
            _("Draft version %(number)s started as a copy of version %(previous)s.")
            % {"number": version.number, "previous": version.number - 1},
        )
    else:
        messages.success(
            request, _("Draft version %(number)s started.") % {"number": version.number}
        )
    return _version_url(version)


@placement_view
def version_adopt(request, placement, number):
    _require_editor(request, placement)
    version = _version(request, placement, number)
    if not version.is_draft and request.method != "POST":
        messages.info(request, services.adopted_version_message(version))
        return _version_url(version)
    form = PlanVersionAdoptForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.plan_version_adopt(
                version=version,
                adopted_on=form.cleaned_data["adopted_on"],
                adopted_by=request.user,
                notify_team=form.cleaned_data["notify_team"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            audit_record(
                user=request.user,
                action="change",
                what=f"adopted plan version {version.number}",
                placement=placement,
            )
            messages.success(
                request, _("Version %(number)s has been adopted.") % {"number": number}
            )
            return _version_url(version)
    return render(
        request,
        "agreements/version_adopt.html",
        {
            "placement": placement,
            "version": version,
            "form": form,
            "goal_count": version.goals.count(),
            "agreement_count": version.agreements.count(),
            "shared_count": version.agreements.reaching_family().count(),
        },
    )


@require_POST
@placement_view
def version_discard(request, placement, number):
    _require_editor(request, placement)
    version = _version(request, placement, number)
    try:
        services.plan_version_discard(version=version)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return _version_url(version)
    messages.success(request, _("Draft version %(number)s discarded.") % {"number": number})
    return redirect("agreements:plan", placement.reference)
