"""Forms for the plan. They validate and keep what was typed; the services do the writing.

Model forms run the model's clean() (end date before start date, empty text, incomplete
bezoekregeling), so the rules live once, on the model, and the services run them again.
"""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from zorgteam.audiences import AudienceField, initial_audiences

from .models import (
    GOAL_DEFAULT_AUDIENCES,
    Agreement,
    Goal,
    MeetingRequest,
    PlanComment,
    default_audiences,
)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class ReadOnlyVersionMixin:
    """Refuses to validate against an adopted version, so a stale form saves nothing."""

    def __init__(self, *args, version=None, **kwargs):
        self.version = version
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned = super().clean()
        if self.version is not None and not self.version.is_draft:
            from .services import adopted_version_message

            raise forms.ValidationError(adopted_version_message(self.version), code="adopted")
        return cleaned


class PlanVersionStartForm(forms.Form):
    summary = forms.CharField(
        label=_("What changes in this version?"),
        max_length=300,
        required=False,
        help_text=_("e.g. after the evaluation of the bezoekregeling, or a new court order"),
    )


class PlanVersionAdoptForm(forms.Form):
    adopted_on = forms.DateField(
        label=_("Adopted on"),
        widget=DateInput(),
        help_text=_("Usually the date of the zorgteam meeting."),
        error_messages={"required": _("Fill in the date on which the zorgteam adopted the plan.")},
    )
    notify_team = forms.BooleanField(
        label=_("Email the zorgteam that this version has been adopted"),
        required=False,
        initial=True,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["adopted_on"].initial = timezone.localdate()


EDIT_AUDIENCES_HELP = _(
    "Unticking someone withdraws this at once, also from earlier versions of the plan and "
    "their prints. Ticking someone more takes effect when this version is adopted."
)


def _explain_audiences_on_edit(form):
    if form.instance.pk:
        form.fields["audiences"].help_text = EDIT_AUDIENCES_HELP


class GoalForm(ReadOnlyVersionMixin, forms.ModelForm):
    audiences = AudienceField()

    class Meta:
        model = Goal
        fields = ["description", "target_date", "status", "progress_note"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "target_date": DateInput(),
        }
        error_messages = {
            "description": {"required": _("Describe the goal: it cannot be empty.")},
            "target_date": {"required": _("Fill in by when the goal must be reached.")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault(
            "audiences", initial_audiences(self.instance, GOAL_DEFAULT_AUDIENCES)
        )
        _explain_audiences_on_edit(self)


class AgreementForm(ReadOnlyVersionMixin, forms.ModelForm):
    audiences = AudienceField()

    class Meta:
        model = Agreement
        fields = [
            "category",
            "text",
            "owner_role",
            "owner_person",
            "concerns",
            "valid_from",
            "valid_until",
            "visit_frequency",
            "visit_form",
            "visit_location",
            "visit_duration_minutes",
        ]
        widgets = {
            "text": forms.Textarea(attrs={"rows": 3}),
            "valid_from": DateInput(),
            "valid_until": DateInput(),
        }
        help_texts = {
            "concerns": _("e.g. Noor and her mother"),
        }
        error_messages = {
            "text": {"required": _("Write down the agreement: the text cannot be empty.")},
            "category": {"required": _("Choose a category.")},
        }

    def __init__(self, *args, members=(), **kwargs):
        super().__init__(*args, **kwargs)
        people = {m.person_id for m in members}
        if self.instance.owner_person_id:
            people.add(self.instance.owner_person_id)  # a former member stays selectable
        self.fields["owner_person"].queryset = User.objects.filter(pk__in=people)
        self.fields["owner_role"].help_text = _("Fill in a role, a member, or both.")
        category = self.initial.get("category") or self.instance.category or "other"
        self.initial.setdefault(
            "audiences", initial_audiences(self.instance, default_audiences(category))
        )
        _explain_audiences_on_edit(self)

    @staticmethod
    def audience_defaults():
        """{category: [audience, …]} for the page's script that follows the category."""
        return {
            value: sorted(a.value for a in default_audiences(value))
            for value in Agreement.Category.values
        }


class PlanCommentForm(forms.ModelForm):
    class Meta:
        model = PlanComment
        fields = ["text", "agreement", "goal"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}
        labels = {"text": _("Your proposal")}
        error_messages = {"text": {"required": _("Write down your proposal: it cannot be empty.")}}

    def __init__(self, *args, version, agreements=(), goals=None, **kwargs):
        super().__init__(*args, **kwargs)
        # Only what the author may see: a proposal cannot point at an item not shared with them.
        self.fields["agreement"].queryset = Agreement.objects.filter(
            pk__in=[a.pk for a in agreements]
        )
        self.fields["goal"].queryset = (
            Goal.objects.filter(pk__in=[g.pk for g in goals])
            if goals is not None
            else version.goals.all()
        )
        self.fields["agreement"].required = False
        self.fields["goal"].required = False


class MeetingRequestForm(forms.ModelForm):
    class Meta:
        model = MeetingRequest
        fields = ["reason"]
        widgets = {"reason": forms.Textarea(attrs={"rows": 4})}
        labels = {"reason": _("Why would you like a zorgteam meeting?")}
        help_texts = {
            "reason": _(
                "Any member of the zorgteam may ask for a meeting. "
                "Say briefly what you would like to discuss."
            )
        }
        error_messages = {
            "reason": {
                "required": _(
                    "Tell the team why you would like a meeting: the reason cannot be empty."
                )
            }
        }


class MeetingRequestHandleForm(forms.Form):
    planned_on = forms.DateField(label=_("Meeting date"), widget=DateInput(), required=False)
    response = forms.CharField(label=_("Answer to the team"), max_length=300, required=False)

    def clean(self):
        cleaned = super().clean()
        if self.data.get("action") == "plan" and not cleaned.get("planned_on"):
            self.add_error("planned_on", _("Fill in the date of the meeting."))
        return cleaned
