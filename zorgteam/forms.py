"""Forms for the zorgteam. They validate and keep what was typed; the services write.

A person is chosen by email address, never from a list: a list of every account would
show each professional all the families in the system.
"""

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from .models import RESPONSIBILITIES_MAX_LENGTH, Membership, Role


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def _email_field(label):
    return forms.EmailField(
        label=label,
        help_text=_(
            "We email an invitation to this address. The person is in the zorgteam once they "
            "accept it (within 7 days)."
        ),
        error_messages={
            "required": _("Fill in the email address of the person."),
            "invalid": _("Fill in a valid email address, e.g. name@example.org."),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )


def _full_name_field():
    return forms.CharField(
        label=_("Name"),
        max_length=200,
        error_messages={"required": _("Fill in the name of the person.")},
        help_text=_("How the invitation addresses them; a new account starts with this name."),
    )


_RESPONSIBILITIES_HELP = _("In plain words: what this member does and what you can ask them.")


class MemberAddForm(forms.Form):
    email = _email_field(_("Email address"))
    full_name = _full_name_field()
    role = forms.ChoiceField(
        label=_("Role"),
        choices=[("", "---------"), *Role.choices],
        error_messages={
            "required": _("Choose a role."),
            "invalid_choice": _("Choose a role from the list."),
        },
    )
    start_date = forms.DateField(
        label=_("Member from"),
        widget=DateInput(),
        error_messages={
            "required": _("Fill in from when the person is a member."),
            "invalid": _("Fill in a valid date."),
        },
    )
    responsibilities = forms.CharField(
        label=_("Who does what"),
        required=False,
        max_length=RESPONSIBILITIES_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_RESPONSIBILITIES_HELP,
    )
    reachable = forms.CharField(
        label=_("How to reach"),
        max_length=200,
        required=False,
        help_text=_("e.g. weekdays 9-17 by phone"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["start_date"].initial = timezone.localdate()


class MemberEditForm(forms.ModelForm):
    class Meta:
        model = Membership
        fields = ["responsibilities", "reachable"]
        labels = {"responsibilities": _("Who does what"), "reachable": _("How to reach")}
        widgets = {"responsibilities": forms.Textarea(attrs={"rows": 3})}


class MemberEndForm(forms.Form):
    end_date = forms.DateField(
        label=_("Last day as a member"),
        widget=DateInput(),
        error_messages={
            "required": _("Fill in the last day of the membership."),
            "invalid": _("Fill in a valid date."),
        },
    )

    def __init__(self, *args, membership, **kwargs):
        super().__init__(*args, **kwargs)
        self.membership = membership
        self.fields["end_date"].initial = timezone.localdate()

    def clean_end_date(self):
        end_date = self.cleaned_data["end_date"]
        if end_date < self.membership.start_date:
            raise forms.ValidationError(
                _("The end date cannot be before the start date (%(date)s)."),
                params={"date": date_format(self.membership.start_date, "j F Y")},
                code="before_start",
            )
        return end_date


class MemberReplaceForm(forms.Form):
    email = _email_field(_("Email address of the new person"))
    full_name = _full_name_field()
    change_date = forms.DateField(
        label=_("Date of the change"),
        widget=DateInput(),
        help_text=_(
            "The first day of the new person; the current member's last day is the day before."
        ),
        error_messages={
            "required": _("Fill in the date of the change."),
            "invalid": _("Fill in a valid date."),
        },
    )
    responsibilities = forms.CharField(
        label=_("Who does what"),
        required=False,
        max_length=RESPONSIBILITIES_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Taken over from the current member; change it if the new person does things differently."
        ),
    )
    reachable = forms.CharField(
        label=_("How to reach"),
        max_length=200,
        required=False,
        help_text=_("e.g. weekdays 9-17 by phone"),
    )

    def __init__(self, *args, membership, **kwargs):
        super().__init__(*args, **kwargs)
        self.membership = membership
        self.fields["change_date"].initial = timezone.localdate()
        self.fields["responsibilities"].initial = membership.responsibilities

    def clean_change_date(self):
        change_date = self.cleaned_data["change_date"]
        if change_date <= self.membership.start_date:
            raise forms.ValidationError(
                _("The change must be after the current member started (%(date)s)."),
                params={"date": date_format(self.membership.start_date, "j F Y")},
                code="before_start",
            )
        return change_date
