"""The decision log on the professionals' side: the regie records a decision and answers the
family's questions about it; the other professionals read."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.forms import add_service_errors
from core.services import audit_record

from .. import services
from ..forms import DecisionForm, ExplanationAnswerForm, deciders_for
from ..models import Decision, ExplanationRequest
from .common import may_record, recording_view, whole_file_view


@recording_view
def decision_add(request, placement):
    today = timezone.localdate()
    members = list(placement.memberships.current(on=today).select_related("person"))
    data = request.POST if request.method == "POST" else None
    form = DecisionForm(
        data,
        placement=placement,
        deciders=deciders_for(request.user, members),
        initial={"date": today},
    )
    if data is not None and form.is_valid():
        try:
            decision = services.decision_record(
                placement=placement, recorded_by=request.user, **form.service_kwargs()
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            audit_record(
                user=request.user, action="create", what="record decision", placement=placement
            )
            if decision.reaches_family:
                text = _("The decision is in the log. %(audiences)s.") % {
                    "audiences": decision.audiences_display()
                }
            else:
                text = _("The decision is in the log; it is not shared with the family.")
            messages.success(request, text)
            return redirect("collaboration:decision_detail", placement.reference, decision.pk)
    return render(
        request, "collaboration/decision_form.html", {"placement": placement, "form": form}
    )


def _decision(placement, pk):
    return get_object_or_404(
        Decision.objects.filter(placement=placement).select_related("decided_by", "recorded_by"),
        pk=pk,
    )


@whole_file_view
def decision_detail(request, placement, pk):
    decision = _decision(placement, pk)
    questions = list(decision.explanation_requests.select_related("requested_by", "answered_by"))
    may_answer = may_record(request.user, placement)
    audit_record(user=request.user, action="view", what="decision", placement=placement)
    return render(
        request,
        "collaboration/decision_detail.html",
        {
            "placement": placement,
            "decision": decision,
            "questions": questions,
            "may_answer": may_answer,
            "answer_forms": {
                q.pk: ExplanationAnswerForm(prefix=f"q{q.pk}") for q in questions if not q.answer
            },
        },
    )


@require_POST
@recording_view
def explanation_answer(request, placement, pk, question_pk):
    decision = _decision(placement, pk)
    question = get_object_or_404(ExplanationRequest, decision=decision, pk=question_pk)
    form = ExplanationAnswerForm(request.POST, prefix=f"q{question.pk}")
    if form.is_valid():
        try:
            services.explanation_answer(
                request=question, answer=form.cleaned_data["answer"], answered_by=request.user
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            audit_record(
                user=request.user,
                action="change",
                what="answer explanation request",
                placement=placement,
            )
            messages.success(request, _("Your answer is sent; the family reads it in the portal."))
            return redirect("collaboration:decision_detail", placement.reference, decision.pk)
    # Shown again with what was typed and the reason it was refused.
    questions = list(decision.explanation_requests.select_related("requested_by", "answered_by"))
    forms = {q.pk: ExplanationAnswerForm(prefix=f"q{q.pk}") for q in questions if not q.answer}
    forms[question.pk] = form
    return render(
        request,
        "collaboration/decision_detail.html",
        {
            "placement": placement,
            "decision": decision,
            "questions": questions,
            "may_answer": True,
            "answer_forms": forms,
        },
        status=400,
    )
