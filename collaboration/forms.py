"""Forms of the collaboration app. They check what a person typed and keep it on errors;
the services check the dated rules and write. Every text has a bound, every date a range."""

from datetime import timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from agreements.models import Agreement
from evaluations.forms import date_field
from evaluations.models import ZorgteamMeeting
from zorgteam.audiences import AudienceField
from zorgteam.models import Role

from . import agenda
from .models import Decision
from .services import meetings
from .services.decisions import (
    DECIDER_ROLES,
    QUESTION_MAX,
    SUBJECT_MAX,
    TEXT_MAX,
    VIEW_MAX,
)
from .services.meetings import NewAgreement

# "When do we evaluate next?" lies within a year of the meeting: further is a typing error.
NEXT_EVALUATION_MAX_DAYS = 366


def _text(label, maximum, *, required=True, rows=3, help_text="", initial=None):
    return forms.CharField(
        label=label,
        max_length=maximum,
        required=required,
        help_text=help_text,
        initial=initial,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages={
            "required": _("Fill in this field."),
            "max_length": _("At most %(limit_value)d characters (now %(show_value)d)."),
        },
    )


def _bound_date(form, name, *, minimum=None, maximum=None):
    attrs = form.fields[name].widget.attrs
    if minimum is not None:
        attrs["min"] = minimum.isoformat()
    if maximum is not None:
        attrs["max"] = maximum.isoformat()


class MeetingForm(forms.Form):
    """A zorgteam meeting with the advice's agenda: the start questions for a start meeting
    (asked of each member, and of the team), the standard agenda for every other meeting."""

    date = date_field(_("Date of the meeting"))
    kind = forms.ChoiceField(label=_("Kind of meeting"), choices=ZorgteamMeeting.Kind.choices)
    participants = _text(
        _("Participants"),
        meetings.PARTICIPANTS_MAX,
        rows=2,
        help_text=_("Who took part, e.g. the foster parents, the voogd, the mother."),
    )

    def __init__(self, *args, placement, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.placement = placement
        self.members = list(members)
        today = timezone.localdate()
        _bound_date(self, "date", minimum=placement.start_date, maximum=today)
        for question in agenda.STANDARD_QUESTIONS:
            self.fields[f"std_{question.id}"] = _text(
                question.label, meetings.ANSWER_MAX, required=False, rows=2
            )
        self.fields["next_evaluation"] = date_field(_("When do we evaluate next?"), required=False)
        _bound_date(
            self,
            "next_evaluation",
            minimum=placement.start_date,
            maximum=today + timedelta(days=NEXT_EVALUATION_MAX_DAYS),
        )
        for membership in self.members:
            for question in agenda.START_MEMBER_QUESTIONS:
                self.fields[self.member_field(membership, question)] = _text(
                    question.label,
                    meetings.ANSWER_MAX,
                    required=False,
                    rows=2,
                    help_text=question.help,
                    initial=membership.responsibilities if question.id == "tasks" else None,
                )
        for question in agenda.START_TEAM_QUESTIONS:
            self.fields[f"start_{question.id}"] = _text(
                question.label, meetings.ANSWER_MAX, required=False, rows=2
            )
        self.fields["notes"] = _text(
            _("Notes for the team"),
            meetings.NOTES_MAX,
            required=False,
            help_text=_("In plain words; read by the people ticked below."),
        )
        self.fields["audiences"] = AudienceField(
            label=_("The notes for the team are read by"),
            initial=[a.value for a in ZorgteamMeeting.DEFAULT_AUDIENCES],
        )
        self.fields["regie_notes"] = _text(
            _("Notes for the regie"),
            meetings.NOTES_MAX,
            required=False,
            help_text=_("Read by the regie only."),
        )

    @staticmethod
    def member_field(membership, question):
        return f"m{membership.pk}_{question.id}"

    @property
    def is_start(self):
        kind = self.data.get("kind") if self.is_bound else self.initial.get("kind")
        return kind == ZorgteamMeeting.Kind.START

    def standard_fields(self):
        return [self[f"std_{q.id}"] for q in agenda.STANDARD_QUESTIONS] + [self["next_evaluation"]]

    def start_member_groups(self):
        return [
            (m, [self[self.member_field(m, q)] for q in agenda.START_MEMBER_QUESTIONS])
            for m in self.members
        ]

    def start_team_fields(self):
        return [self[f"start_{q.id}"] for q in agenda.START_TEAM_QUESTIONS]

    def clean(self):
        cleaned = super().clean()
        day, following = cleaned.get("date"), cleaned.get("next_evaluation")
        if day and following:
            if following < day:
                self.add_error(
                    "next_evaluation", _("The next evaluation cannot be before this meeting.")
                )
            elif following > day + timedelta(days=NEXT_EVALUATION_MAX_DAYS):
                self.add_error("next_evaluation", _("Choose a date within a year of this meeting."))
        return cleaned

    def agenda_answers(self):
        """The answered questions of the agenda that belongs to the kind of meeting."""
        data = self.cleaned_data
        if data["kind"] != ZorgteamMeeting.Kind.START:
            answers = {q.id: data[f"std_{q.id}"] for q in agenda.STANDARD_QUESTIONS}
            return agenda.answered(agenda.STANDARD_QUESTIONS, answers)
        result = []
        for membership in self.members:
            answers = {
                q.id: data[self.member_field(membership, q)] for q in agenda.START_MEMBER_QUESTIONS
            }
            who = f"{membership.person.full_name} ({membership.get_role_display()})"
            result += agenda.answered(agenda.START_MEMBER_QUESTIONS, answers, who)
        answers = {q.id: data[f"start_{q.id}"] for q in agenda.START_TEAM_QUESTIONS}
        return result + agenda.answered(agenda.START_TEAM_QUESTIONS, answers)

    def role_agreements(self):
        """Advice 1 into the plan: each member's "who does what", who has the regie and who
        decides, as agreements in the category "who does what"."""
        data = self.cleaned_data
        if data["kind"] != ZorgteamMeeting.Kind.START:
            return []
        result = []
        roles = Agreement.Category.ROLES
        for membership in self.members:
            text = data[f"m{membership.pk}_tasks"].strip()
            if text:
                result.append(
                    NewAgreement(
                        text=text,
                        category=roles,
                        owner_role=membership.role,
                        owner_person=membership.person,
                    )
                )
        for question, owner in (("regie", Role.PLEEGZORGBEGELEIDER), ("decisions", Role.VOOGD)):
            text = data[f"start_{question}"].strip()
            if text:
                result.append(NewAgreement(text=text, category=roles, owner_role=owner))
        return result

    def service_kwargs(self):
        data = self.cleaned_data
        return {
            "date": data["date"],
            "kind": data["kind"],
            "participants": data["participants"],
            "notes": data["notes"],
            "audiences": data["audiences"],
            "agenda": self.agenda_answers(),
            "regie_notes": data["regie_notes"],
            "next_evaluation": data["next_evaluation"],
        }


class AgreementRowForm(forms.Form):
    """One agreement the meeting made; an untouched row is skipped."""

    category = forms.ChoiceField(
        label=_("Category"),
        choices=Agreement.Category.choices,
        initial=Agreement.Category.OTHER,
    )
    text = forms.CharField(
        label=_("Agreement"),
        max_length=meetings.AGREEMENT_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    owner_role = forms.ChoiceField(
        label=_("Carried out by (role)"),
        choices=[("", "---------"), *Role.choices],
        required=False,
    )

    def clean(self):
        cleaned = super().clean()
        text = (cleaned.get("text") or "").strip()
        if text and not cleaned.get("owner_role"):
            self.add_error("owner_role", _("Say who carries out this agreement."))
        if cleaned.get("owner_role") and not text:
            self.add_error("text", _("Write down the agreement: the text cannot be empty."))
        return cleaned

    def agreement(self):
        data = self.cleaned_data
        text = (data.get("text") or "").strip()
        if not text:
            return None
        return NewAgreement(text=text, category=data["category"], owner_role=data["owner_role"])


AgreementRowFormSet = forms.formset_factory(
    AgreementRowForm, extra=3, max_num=meetings.AGREEMENTS_MAX, validate_max=True
)


class DecisionForm(forms.Form):
    date = date_field(_("Decided on"))
    subject = forms.CharField(
        label=_("What was decided"),
        max_length=SUBJECT_MAX,
        help_text=_("In one line, e.g. “Weekend visits to the mother stop for now”."),
    )
    decision = _text(_("The decision"), TEXT_MAX, rows=3)
    decided_by = forms.ChoiceField(label=_("Decided by"))
    consulted = _text(
        _("Who was consulted beforehand?"),
        VIEW_MAX,
        rows=2,
        help_text=_("e.g. the foster parents on 3 March by phone, the mother in person."),
    )
    foster_parents_view = _text(
        _("The foster parents' view, in their words"),
        VIEW_MAX,
        rows=3,
        help_text=_("What they said matters for them and their family. Not asked? Write why."),
    )
    explanation = _text(
        _("Why this decision"),
        TEXT_MAX,
        rows=3,
        help_text=_("The explanation the family reads; where it departs from their view, why."),
    )
    audiences = AudienceField(
        audiences=Decision.SHARE_WITH,
        label=_("Shared in the portal with"),
        help_text=_("The regie always reads the decision log; other professionals do not."),
        initial=[a.value for a in Decision.DEFAULT_AUDIENCES],
    )

    def __init__(self, *args, placement, deciders, **kwargs):
        super().__init__(*args, **kwargs)
        self.deciders = {f"{person.pk}:{role}": (person, role) for person, role in deciders}
        self.fields["decided_by"].choices = [
            (key, f"{person.full_name} ({Role(role).label})")
            for key, (person, role) in self.deciders.items()
        ]
        _bound_date(self, "date", minimum=placement.start_date, maximum=timezone.localdate())

    def service_kwargs(self):
        data = dict(self.cleaned_data)
        person, role = self.deciders[data.pop("decided_by")]
        return {**data, "decided_by": person, "decided_by_role": role}


def deciders_for(user, current_members):
    """Who can be named as the decider: the regie in the team; the user first."""
    found = [(m.person, m.role) for m in current_members if m.role in DECIDER_ROLES]
    found.sort(key=lambda pr: (pr[0].pk != user.pk, DECIDER_ROLES.index(pr[1])))
    if not any(person.pk == user.pk for person, _role in found):
        # A team lead standing in records in the place of the pleegzorgbegeleider.
        found.insert(0, (user, Role.PLEEGZORGBEGELEIDER))
    return found


class ExplanationAskForm(forms.Form):
    question = forms.CharField(
        label=_("What would you like to know? (optional)"),
        max_length=QUESTION_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ExplanationAnswerForm(forms.Form):
    answer = _text(_("Your answer"), TEXT_MAX, rows=4)


class HandoverPlanForm(forms.Form):
    planned_on = date_field(_("Date of the handover meeting"))
