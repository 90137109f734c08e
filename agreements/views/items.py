"""The professionals' pages for the content of a draft: goals, agreements and proposals.

Same rules as views.py: looked up through visible_to inside the placement of the URL;
writes through the services, which refuse to touch an adopted version.
"""

import json

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cases.decorators import placement_view
from core.forms import add_service_errors
from core.services import audit_record
from zorgteam.access import access_for
from zorgteam.audiences import AudienceField, initial_audiences
from zorgteam.permissions import holds_regie

from .. import selectors, services
from ..audience_services import shared_item_withdraw
from ..forms import AgreementForm, GoalForm, PlanCommentForm
from ..models import Agreement, AgreementChange, Goal, PlanComment, PlanVersion
from ..permissions import can_comment_on_plan
from .plan import (
    _render_version,
    _require_editor,
    _version,
    _version_url,
)

# --- Goals ----------------------------------------------------------------------------------


def _refuse_adopted(request, version):
    messages.error(request, services.adopted_version_message(version))
    return _version_url(version)


def _draft_item_form(
    request, *, placement, version, form, save, success, template, adding, extra=None
):
    """Add or change one item of a draft: the service saves (and refuses an adopted version,
    also when it was adopted after this form was opened); its refusal lands on the form,
    with what was typed kept."""
    if request.method == "POST" and form.is_valid():
        try:
            save(form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, success)
            return _version_url(version)
    return render(
        request,
        template,
        {
            "placement": placement,
            "version": version,
            "form": form,
            "adding": adding,
            **(extra or {}),
        },
    )


@placement_view
def goal_add(request, placement, number):
    _require_editor(request, placement)
    version = _version(request, placement, number)
    if not version.is_draft and request.method != "POST":
        return _refuse_adopted(request, version)
    return _draft_item_form(
        request,
        placement=placement,
        version=version,
        form=GoalForm(request.POST or None, version=version),
        save=lambda data: services.goal_add(version=version, **data),
        success=_("Goal added."),
        template="agreements/goal_form.html",
        adding=True,
    )


@placement_view
def goal_edit(request, placement, pk):
    _require_editor(request, placement)
    goal = get_object_or_404(
        Goal.objects.shared_with(access_for(request.user, placement)).select_related(
            "version__placement"
        ),
        pk=pk,
    )
    version = goal.version
    if not version.is_draft and request.method != "POST":
        return _refuse_adopted(request, version)
    return _draft_item_form(
        request,
        placement=placement,
        version=version,
        form=GoalForm(request.POST or None, instance=goal, version=version),
        save=lambda data: services.goal_update(goal=goal, changed_by=request.user, **data),
        success=_("Goal saved."),
        template="agreements/goal_form.html",
        adding=False,
    )


@require_POST
@placement_view
def goal_remove(request, placement, pk):
    _require_editor(request, placement)
    goal = get_object_or_404(
        Goal.objects.shared_with(access_for(request.user, placement)).select_related(
            "version__placement"
        ),
        pk=pk,
    )
    try:
        services.goal_remove(goal=goal)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Goal removed from this draft."))
    return _version_url(goal.version)


# --- Agreements -----------------------------------------------------------------------------


def _agreement(request, placement, pk):
    return get_object_or_404(
        Agreement.objects.shared_with(access_for(request.user, placement)).select_related(
            "version__placement", "owner_person"
        ),
        pk=pk,
    )


@placement_view
def agreement_add(request, placement, number):
    _require_editor(request, placement)
    version = _version(request, placement, number)
    if not version.is_draft and request.method != "POST":
        return _refuse_adopted(request, version)
    initial = {}
    if request.GET.get("category") in Agreement.Category.values:
        initial["category"] = request.GET["category"]
    form = AgreementForm(
        request.POST or None,
        initial=initial,
        version=version,
        members=selectors.current_members(placement),
    )
    return _draft_item_form(
        request,
        placement=placement,
        version=version,
        form=form,
        save=lambda data: services.agreement_add(version=version, changed_by=request.user, **data),
        success=_("Agreement added."),
        template="agreements/agreement_form.html",
        adding=True,
        extra={"audience_defaults": json.dumps(AgreementForm.audience_defaults())},
    )


@placement_view
def agreement_edit(request, placement, pk):
    _require_editor(request, placement)
    agreement = _agreement(request, placement, pk)
    version = agreement.version
    if not version.is_draft and request.method != "POST":
        return _refuse_adopted(request, version)
    form = AgreementForm(
        request.POST or None,
        instance=agreement,
        version=version,
        members=selectors.current_members(placement),
    )
    return _draft_item_form(
        request,
        placement=placement,
        version=version,
        form=form,
        save=lambda data: services.agreement_update(
            agreement=agreement, changed_by=request.user, **data
        ),
        success=_("Agreement saved; the change is in its history."),
        template="agreements/agreement_form.html",
        adding=False,
    )


@require_POST
@placement_view
def agreement_remove(request, placement, pk):
    _require_editor(request, placement)
    agreement = _agreement(request, placement, pk)
    try:
        services.agreement_remove(agreement=agreement, changed_by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Agreement removed from this draft."))
    return _version_url(agreement.version)


@placement_view
def agreement_detail(request, placement, pk):
    agreement = _agreement(request, placement, pk)
    history = (
        AgreementChange.objects.filter(placement=placement, key=agreement.key)
        .select_related("changed_by", "version")
        .order_by("-changed_at", "-id")
    )
    access = access_for(request.user, placement)
    if not access.whole_file:
        # The history holds earlier wordings and audiences: the regie's working record.
        history = history.none()
    # The same agreement in every version the person may see, newest first.
    appearances = (
        Agreement.objects.shared_with(access)
        .filter(key=agreement.key)
        .select_related("version")
        .order_by("-version__number")
    )
    selectors.label_owners([agreement], selectors.current_members(placement), access)
    audit_record(user=request.user, action="view", what="agreement history", placement=placement)
    return render(
        request,
        "agreements/agreement_detail.html",
        {
            "placement": placement,
            "agreement": agreement,
            "version": agreement.version,
            "history": history,
            "appearances": appearances,
            "access": access,
            "can_withdraw": holds_regie(request.user, placement),
        },
    )


# --- Proposals (comments) -------------------------------------------------------------------


@require_POST
@placement_view
def comment_add(request, placement, number):
    access = access_for(request.user, placement)
    if not can_comment_on_plan(request.user, placement, access):
        raise PermissionDenied
    version = _version(request, placement, number)
    agreements = selectors.agreements_for(access, version)
    goals = selectors.goals_for(access, version)
    form = PlanCommentForm(request.POST, version=version, agreements=agreements, goals=goals)
    if form.is_valid():
        try:
            services.plan_comment_add(version=version, author=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your proposal has been added to the plan."))
            url = reverse("agreements:version_detail", args=[placement.reference, number])
            return redirect(f"{url}#proposals")
    versions = selectors.versions_for(access)
    return _render_version(request, placement, version, versions, comment_form=form)


@require_POST
@placement_view
def comment_resolve(request, placement, pk):
    _require_editor(request, placement)
    comment = get_object_or_404(
        PlanComment.objects.filter(
            version__in=PlanVersion.objects.shared_with(access_for(request.user, placement))
        ).select_related("version__placement"),
        pk=pk,
    )
    services.plan_comment_resolve(comment=comment, resolved_by=request.user)
    messages.success(request, _("Proposal marked as handled."))
    return _version_url(comment.version)


# --- Withdrawing from an audience -------------------------------------------------------------


class WithdrawForm(forms.Form):
    audiences = AudienceField(
        label=_("Shared with"),
        help_text=_(
            "Untick who may no longer see this. The withdrawal applies at once to every "
            "version of the plan and every print, and is logged."
        ),
    )


def _withdraw(request, placement, item, *, title):
    """Narrow who sees a goal or agreement, in every version (agreements.audience_services)."""
    _require_editor(request, placement)
    form = WithdrawForm(request.POST or None, initial={"audiences": initial_audiences(item)})
    if request.method == "POST" and form.is_valid():
        try:
            shared_item_withdraw(
                item=item, audiences=form.cleaned_data["audiences"], by=request.user
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("Saved: it is withdrawn from every version of the plan and from the prints."),
            )
            return _version_url(item.version)
    return render(
        request,
        "agreements/withdraw.html",
        {
            "placement": placement,
            "version": item.version,
            "item": item,
            "title": title,
            "form": form,
        },
    )


@placement_view
def agreement_withdraw(request, placement, pk):
    agreement = _agreement(request, placement, pk)
    return _withdraw(request, placement, agreement, title=_("Who sees this agreement"))


@placement_view
def goal_withdraw(request, placement, pk):
    goal = get_object_or_404(
        Goal.objects.shared_with(access_for(request.user, placement)).select_related("version"),
        pk=pk,
    )
    return _withdraw(request, placement, goal, title=_("Who sees this goal"))
