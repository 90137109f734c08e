"""Forms of the placement's life cycle. They check what was typed, with a plausible range on
every date and a bound on every text, and keep the input on errors; the services write."""

from datetime import timedelta

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation
from cases.models import EARLY_END_REASONS, EndReason, Placement, Variant, reference_validator
from evaluations import rules
from evaluations.forms import date_field
from evaluations.models import CourtOrder
from zorgteam.models import Role

from . import services
from .intake import plausible_start_range

CHILD_MAX_AGE_YEARS = 21  # foster care runs to 18, "verlengde pleegzorg" to 21
ORDER_LOOKBACK_DAYS = 3 * 366  # the order a child is placed under is at most a few years old
CHILD_MEMBER_AGE = 12


def _range(field, minimum, maximum):
    field.widget.attrs.update({"min": minimum.isoformat(), "max": maximum.isoformat()})


def _check_range(form, name, minimum, maximum):
    value = form.cleaned_data.get(name)
    if value is None:
        return
    if not minimum <= value <= maximum:
        form.add_error(
            name,
            _("Choose a date from %(start)s to %(end)s.")
            % {"start": date_format(minimum, "j F Y"), "end": date_format(maximum, "j F Y")},
        )


def _required(message):
    return {"required": message}


class IntakeForm(forms.Form):
    child_first_name = forms.CharField(
        label=_("First name of the child"),
        max_length=100,
        error_messages=_required(_("Fill in the child's first name.")),
    )
    child_last_name = forms.CharField(
        label=_("Last name of the child"),
        max_length=100,
        error_messages=_required(_("Fill in the child's last name.")),
    )
    child_birth_date = date_field(_("Birth date of the child"))
    start_date = date_field(_("Start of the placement"))
    variant = forms.ChoiceField(label=_("Variant"), choices=Variant.choices)
    care_kind = forms.ChoiceField(
        label=_("Kind of foster care"), choices=Placement.CareKind.choices
    )
    legal_frame = forms.ChoiceField(label=_("Legal frame"), choices=Placement.LegalFrame.choices)
    order_kind = forms.ChoiceField(
        label=_("Court order (beschikking)"),
        choices=[("", _("None (voluntary)")), *CourtOrder.Kind.choices],
        required=False,
    )
    order_date = date_field(_("Date of the order"), required=False)
    order_end_date = date_field(
        _("End date of the order"),
        required=False,
        help_text=_("Empty for an OTS or MUHP: taken as one year after its date, the maximum."),
    )
    provider = forms.ModelChoiceField(
        label=_("Foster-care provider"),
        queryset=Organisation.objects.filter(kind=Organisation.Kind.PROVIDER),
        error_messages=_required(_("Choose the foster-care provider.")),
    )
    placer = forms.ModelChoiceField(
        label=_("Placing organisation"),
        queryset=Organisation.objects.exclude(kind=Organisation.Kind.PROVIDER),
        required=False,
    )
    reference = forms.CharField(
        label=_("Reference"),
        max_length=40,
        required=False,
        validators=[reference_validator],
        help_text=_("Your own case number, if you use one; empty: the app chooses one."),
    )
    i_am_pleegzorgbegeleider = forms.BooleanField(
        label=_("I am the pleegzorgbegeleider of this placement"), required=False
    )

    def __init__(self, *args, user, duplicates=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.duplicates = list(duplicates)
        today = timezone.localdate()
        self.start_range = plausible_start_range(today)
        self.birth_range = (today - timedelta(days=CHILD_MAX_AGE_YEARS * 366), today)
        _range(self.fields["start_date"], *self.start_range)
        _range(self.fields["child_birth_date"], *self.birth_range)
        _range(
            self.fields["order_date"],
            self.start_range[0] - timedelta(days=ORDER_LOOKBACK_DAYS),
            today,
        )
        if user.organisation_id and user.organisation.kind == Organisation.Kind.PROVIDER:
            self.fields["provider"].initial = user.organisation_id
        self.fields["i_am_pleegzorgbegeleider"].initial = user.person_type == "pleegzorgbegeleider"
        if self.duplicates:
            choices = [
                (f"child:{d.child.pk}", _("The same child: a new placement for this child"))
                for d in self.duplicates
            ]
            choices.append(("new", _("Another child with the same name and birth date")))
            self.fields["duplicate_choice"] = forms.ChoiceField(
                label=_("Is this the same child?"),
                choices=choices,
                widget=forms.RadioSelect,
                error_messages=_required(_("Say whether this is the same child.")),
            )

    def clean(self):
        cleaned = super().clean()
        _check_range(self, "start_date", *self.start_range)
        _check_range(self, "child_birth_date", *self.birth_range)
        start, birth = cleaned.get("start_date"), cleaned.get("child_birth_date")
        if start and birth and birth > start:
            self.add_error("child_birth_date", _("The child is born after the start."))
        self._clean_order(cleaned, start)
        return cleaned

    def _clean_order(self, cleaned, start):
        kind, day, end = (
            cleaned.get("order_kind"),
            cleaned.get("order_date"),
            cleaned.get("order_end_date"),
        )
        frame = cleaned.get("legal_frame")
        if frame and frame != Placement.LegalFrame.VOLUNTARY and not kind:
            self.add_error("order_kind", _("An OTS or voogdij rests on a court order: fill it in."))
        if not kind:
            if day or end:
                self.add_error("order_kind", _("Choose the kind of court order."))
            return
        if day is None:
            if "order_date" not in self.errors:
                self.add_error("order_date", _("Fill in the date of the order."))
            return
        lowest = self.start_range[0] - timedelta(days=ORDER_LOOKBACK_DAYS)
        _check_range(self, "order_date", lowest, timezone.localdate())
        if end is not None:
            if end <= day:
                self.add_error(
                    "order_end_date", _("The end date must be after the date of the order.")
                )
            elif kind in rules.REVIEWABLE_ORDER_KINDS and end > rules.add_months(day, 12):
                self.add_error(
                    "order_end_date",
                    _("An OTS or MUHP lasts at most a year from the date of the order."),
                )
            elif start and end <= start:
                self.add_error("order_end_date", _("This order ended before the placement starts."))

    def duplicate_decision(self):
        """(the Child to link, confirmed) from the answer to "is this the same child?"."""
        choice = self.cleaned_data.get("duplicate_choice")
        if not choice:
            return None, False
        if choice == "new":
            return None, True
        pk = int(choice.split(":", 1)[1])
        return next(d.child for d in self.duplicates if d.child.pk == pk), True


INTAKE_ROLES = [
    (role.value, role.label)
    for role in (
        Role.PLEEGOUDER,
        Role.VOOGD,
        Role.OUDER,
        Role.PLEEGKIND,
        Role.PLEEGZORGBEGELEIDER,
        Role.NETWERK,
        Role.VERTROUWENSPERSOON,
        Role.BEHANDELAAR,
        Role.DOCENT,
        Role.GEDRAGSWETENSCHAPPER,
        Role.GEMEENTE,
    )
]
# The rows the intake form opens with: the first members the sources name.
INTAKE_INITIAL_ROLES = (Role.PLEEGOUDER, Role.PLEEGOUDER, Role.VOOGD, Role.OUDER, Role.OUDER)


class IntakeMemberForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=INTAKE_ROLES)
    full_name = forms.CharField(label=_("Full name"), max_length=200, required=False)
    email = forms.EmailField(
        label=_("Email address"),
        required=False,
        error_messages={"invalid": _("Fill in a valid email address, e.g. name@example.org.")},
    )

    def clean(self):
        cleaned = super().clean()
        named = (cleaned.get("full_name") or "").strip()
        if named and not cleaned.get("email") and "email" not in self.errors:
            self.add_error("email", _("Fill in the email address: the invitation goes there."))
        if cleaned.get("email") and not named and "full_name" not in self.errors:
            self.add_error("full_name", _("Fill in the name of the person."))
        return cleaned

    def invite(self):
        from .intake import MemberInvite

        data = self.cleaned_data
        if not data.get("email"):
            return None
        return MemberInvite(role=data["role"], email=data["email"], full_name=data["full_name"])


IntakeMemberFormSet = forms.formset_factory(
    IntakeMemberForm, extra=1, max_num=15, validate_max=True
)


def intake_member_initial():
    return [{"role": role} for role in INTAKE_INITIAL_ROLES]


def check_child_member(form, rows):
    """The child joins the zorgteam from 12 (DOMAIN.md): a younger child is not invited."""
    birth, start = form.cleaned_data.get("child_birth_date"), form.cleaned_data.get("start_date")
    if birth is None or start is None:
        return True
    on = min(start, timezone.localdate())
    age = on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))
    ok = True
    for row in rows:
        data = row.cleaned_data
        if data.get("role") == Role.PLEEGKIND and data.get("email") and age < CHILD_MEMBER_AGE:
            row.add_error("role", _("The child joins the zorgteam from 12."))
            ok = False
    return ok


class VariantForm(forms.Form):
    variant = forms.ChoiceField(label=_("New variant"), choices=Variant.choices)
    from_date = date_field(_("From"))
    reason = forms.CharField(
        label=_("Why the variant changes"),
        max_length=services.VARIANT_REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("e.g. the perspective decision: Noor grows up in this foster family."),
        error_messages=_required(_("Say why the variant changes.")),
    )

    def __init__(self, *args, placement, **kwargs):
        super().__init__(*args, **kwargs)
        other = (
            Variant.OPVOEDING
            if placement.variant == Variant.HULPVERLENING
            else Variant.HULPVERLENING
        )
        self.fields["variant"].initial = other
        self.fields["from_date"].initial = timezone.localdate()
        _range(
            self.fields["from_date"],
            placement.start_date,
            timezone.localdate() + timedelta(days=services.AHEAD_DAYS),
        )


def _end_reason_choices():
    planned = [(r.value, r.label) for r in EndReason if r not in EARLY_END_REASONS]
    early = [(r.value, r.label) for r in EndReason if r in EARLY_END_REASONS]
    return [("", "---------"), (_("Planned"), planned), (_("Early"), early)]


class EndForm(forms.Form):
    end_date = date_field(
        _("End date"),
        help_text=_(
            "The first day the child no longer lives with the foster family; the "
            "family's access ends on it."
        ),
    )
    reason_kind = forms.ChoiceField(
        label=_("Why the placement ends"),
        choices=_end_reason_choices,
        error_messages=_required(_("Choose why the placement ends.")),
    )
    reason = forms.CharField(
        label=_("Explanation"),
        max_length=services.REASON_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Needed for an “other early ending”."),
    )

    def __init__(self, *args, placement, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["end_date"].initial = placement.end_date or timezone.localdate()
        _range(
            self.fields["end_date"],
            placement.start_date,
            timezone.localdate() + timedelta(days=services.AHEAD_DAYS),
        )


class ExtensionForm(forms.Form):
    date = date_field(_("Date of the extension order"))
    end_date = date_field(_("New end date"))
    note = forms.CharField(
        label=_("Note"),
        max_length=services.REASON_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, order, **kwargs):
        super().__init__(*args, **kwargs)
        old_end = services.order_end(order)
        self.fields["date"].initial = timezone.localdate()
        _range(self.fields["date"], order.date, timezone.localdate())
        self.fields["end_date"].initial = rules.add_months(old_end, 12)
        _range(
            self.fields["end_date"],
            old_end + timedelta(days=1),
            rules.add_months(old_end, rules.ORDER_MAX_MONTHS),
        )
