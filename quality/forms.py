"""The period and the filters behind a figure: GET forms, so every figure is a shareable link."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from cases.models import EndReason
from evaluations.rules import add_months

from . import definitions as d
from . import endings, risk
from .figures import UNASSIGNED
from .norms import NORMS

# Five years of history: beyond that a month-by-month trend is no longer readable.
MAX_MONTHS = 60


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class PeriodForm(forms.Form):
    start = forms.DateField(
        label=_("From"), required=False, widget=DateInput(), input_formats=["%Y-%m-%d"]
    )
    end = forms.DateField(
        label=_("Until"), required=False, widget=DateInput(), input_formats=["%Y-%m-%d"]
    )

    def __init__(self, data=None, *, today, **kwargs):
        self.today = today
        self.default = d.default_period(today)
        super().__init__(data, **kwargs)

    def clean(self):
        cleaned = super().clean()
        end = min(cleaned.get("end") or self.today, self.today)
        start = cleaned.get("start") or add_months(end.replace(day=1), -11)
        if start > end:
            raise ValidationError(_("The start of the period is after its end."))
        if start < add_months(end, -MAX_MONTHS):
            raise ValidationError(
                _("Choose a period of at most %(months)s months.") % {"months": MAX_MONTHS}
            )
        cleaned["period"] = d.Period(start, end)
        return cleaned

    def period(self):
        """The chosen period; the default (the last 12 months) when none or an invalid one."""
        if self.is_bound and self.is_valid():
            return self.cleaned_data["period"]
        return self.default


def _person_or_unassigned(value):
    if value in (None, ""):
        return None
    if value == UNASSIGNED:
        return UNASSIGNED
    try:
        return int(value)
    except ValueError:
        raise ValidationError(_("Unknown person or team.")) from None


class DeadlineFilterForm(forms.Form):
    """Which deadlines make up a figure of the norms' tables."""

    norm = forms.ChoiceField(choices=[("", "")] + [(n.key, n.label) for n in NORMS], required=False)
    outcome = forms.ChoiceField(
        choices=[("", ""), (d.ON_TIME, d.ON_TIME), (d.LATE, d.LATE)], required=False
    )
    person = forms.CharField(required=False, max_length=20)
    team = forms.CharField(required=False, max_length=20)
    band = forms.ChoiceField(choices=[("", "")] + [(b, b) for b in d.AGE_BANDS], required=False)
    month = forms.DateField(required=False, input_formats=["%Y-%m-%d"])

    def clean_person(self):
        return _person_or_unassigned(self.cleaned_data["person"])

    def clean_team(self):
        return _person_or_unassigned(self.cleaned_data["team"])

    def filters(self):
        data = self.cleaned_data
        return {
            "norm": data["norm"] or None,
            "outcome": data["outcome"] or None,
            "person": data["person"],
            "team": data["team"],
            "band": data["band"] or None,
            "month": data["month"].replace(day=1) if data["month"] else None,
        }


class PlacementFilterForm(forms.Form):
    """Which placements make up a figure of the endings' tables."""

    group = forms.ChoiceField(
        choices=[("", "")] + [(g, g) for g in d.ENDING_GROUPS], required=False
    )
    reason = forms.ChoiceField(choices=[("", ""), *EndReason.choices], required=False)
    bucket = forms.ChoiceField(
        choices=[("", "")] + [(b, b) for b in d.DURATION_BUCKETS], required=False
    )
    signal = forms.ChoiceField(
        choices=[("", "")] + [(s, s) for s in endings.SIGNALS], required=False
    )

    def filters(self):
        return {key: value or None for key, value in self.cleaned_data.items()}


class RiskFilterForm(forms.Form):
    signal = forms.ChoiceField(choices=[("", "")] + [(s, s) for s in risk.SIGNALS], required=False)
