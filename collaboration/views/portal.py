"""The family's side of the decision log: read a decision shared with you, and ask for more
explanation with one button (advice 2: "Do you need more explanation? Ask for it.")."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.services import audit_record
from evaluations.models import Deadline
from zorgteam.access import access_for

from .. import selectors, services
from ..forms import ExplanationAskForm
from .common import family_view


def _shared_decision(access, pk):
    return get_object_or_404(selectors.decisions_for(access).select_related("decided_by"), pk=pk)


@family_view
def decision(request, placement, pk):
    access = access_for(request.user, placement)
    shared = _shared_decision(access, pk)
    own = list(shared.explanation_requests.filter(requested_by=request.user))
    audit_record(user=request.user, action="view", what="portal decision", placement=placement)
    return render(
        request,
        "collaboration/portal_decision.html",
        {
            "placement": placement,
            "decision": shared,
            # Under a confidential address, who was consulted and the foster parents' own
            # words can tell the parents where the child lives: they are left out.
            "hides_foster_family": access.hides_foster_family,
            "own_questions": own,
            "open_question": next((q for q in own if q.answered_at is None), None),
            "form": ExplanationAskForm(),
        },
    )


@require_POST
@family_view
def ask_explanation(request, placement, pk):
    shared = _shared_decision(access_for(request.user, placement), pk)
    form = ExplanationAskForm(request.POST)
    if form.is_valid():
        try:
            question, created = services.explanation_request_create(
                decision=shared, requested_by=request.user, question=form.cleaned_data["question"]
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            audit_record(
                user=request.user,
                action="create",
                what="ask explanation of a decision",
                placement=placement,
            )
            due = (
                Deadline.objects.open()
                .filter(
                    placement=placement,
                    kind=Deadline.Kind.DECISION_EXPLANATION,
                    key=str(question.pk),
                )
                .values_list("due_date", flat=True)
                .first()
            )
            if created and due:
                messages.success(
                    request,
                    _("Your question has been sent to %(name)s. You get an answer by %(date)s.")
                    % {
                        "name": shared.decided_by or shared.get_decided_by_role_display(),
                        "date": date_format(due, "j F Y"),
                    },
                )
            else:
                messages.info(request, _("You already asked; the answer is on its way."))
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect("collaboration_portal:decision", placement.reference, shared.pk)
