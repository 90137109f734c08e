"""Forms to record the events that satisfy deadlines, and where each deadline is acted on.

The forms only check what a person typed; the dated rules (not in the future, within the
placement) live in the services, whose ValidationErrors the view puts on these forms.
"""

from collections.abc import Callable

from django import forms
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zorgteam.audiences import AudienceField

from . import rules
from .models import (
    CourtOrder,
    GuardianContact,
    PerspectiveDecision,
    PerspectiveStudyStart,
    VisitEvaluation,
    ZorgteamMeeting,
)

# The URL slug of each event form (evaluations:record/<slug>/), named in the rules' table
# (rules.RULES: each rule's closed_by.form). "court-order-review" sends on to the extension
# decision of the order whose review is due first (evaluations:court_order_review needs the
# order).
VISIT_EVALUATION = rules.FORM_VISIT_EVALUATION
PERSPECTIVE_STUDY_START = rules.FORM_PERSPECTIVE_STUDY_START
PERSPECTIVE_DECISION = rules.FORM_PERSPECTIVE_DECISION
GUARDIAN_CONTACT = rules.FORM_GUARDIAN_CONTACT
ZORGTEAM_MEETING = rules.FORM_ZORGTEAM_MEETING
COURT_ORDER = "court-order"  # records a new beschikking; it opens deadlines, closes none
COURT_ORDER_REVIEW = rules.FORM_COURT_ORDER_REVIEW
EVENT_TYPES = (
    VISIT_EVALUATION,
    PERSPECTIVE_STUDY_START,
    PERSPECTIVE_DECISION,
    GUARDIAN_CONTACT,
    ZORGTEAM_MEETING,
    COURT_ORDER,
)

# Rule kind -> the event form whose event closes it, from the rules' table. The child
# joining the zorgteam has no event form: the zorgteam's add form (deadline_form_url).
EVENT_TYPE_FOR_KIND: dict[str, str] = {
    rule.kind: rule.closed_by.form
    for rule in rules.RULES
    if rule.closed_by.form in (*EVENT_TYPES, COURT_ORDER_REVIEW)
}
# The kind of meeting to preselect (?kind=...) for the deadlines a meeting closes.
MEETING_KIND_FOR_KIND: dict[str, str] = {
    rule.kind: rule.closed_by.preset[1]
    for rule in rules.RULES
    if rule.closed_by.form == ZORGTEAM_MEETING and rule.closed_by.preset
}


# Pages of the apps above evaluations, registered in their AppConfig.ready(): the page that
# records an event type with more than this app knows (a meeting with its agenda and the
# plan it feeds), and the page of a form the rules name that lives there (the decision's
# page, where the decider answers a question about it).
_EVENT_PAGES: dict[str, Callable[[str], str]] = {}  # event type -> path for a reference
KIND_PAGES: dict[str, Callable[[str, str], str]] = {}  # kind -> path for (reference, key)


def register_event_page(event_type, url_for):
    _EVENT_PAGES[event_type] = url_for


def register_kind_page(kind, url_for):
    KIND_PAGES[kind] = url_for


def event_url(reference, event_type):
    """Where people record an event type: the registered page, else this app's form."""
    if event_type in _EVENT_PAGES:
        return _EVENT_PAGES[event_type](reference)
    return reverse("evaluations:record", args=[reference, event_type])


def _preset_query(kind):
    preset = rules.RULES_BY_KIND[kind].closed_by.preset
    return f"?{preset[0]}={preset[1]}" if preset else ""


def deadline_action_url(*, reference, kind, key="", placement=None):
    """Where to record the event that closes a deadline; None for child_joins_zorgteam (no
    event closes it: the child becomes a member, see deadline_form_url).

    `placement`: the placement object of a page that links all its deadlines, so a
    registered page can find what it links to among what the page read already."""
    if kind in KIND_PAGES:
        return KIND_PAGES[kind](reference, key, placement=placement)
    event_type = EVENT_TYPE_FOR_KIND.get(kind)
    if event_type is None:
        return None
    if event_type == COURT_ORDER_REVIEW and key:
        return reverse("evaluations:court_order_review", args=[reference, int(key)])
    return event_url(reference, event_type) + _preset_query(kind)


def deadline_form_url(*, reference, kind, key="", placement=None):
    """The form that closes a deadline, the zorgteam's form to add the child included."""
    rule = rules.RULES_BY_KIND.get(kind)
    if rule is not None and rule.closed_by.form == rules.FORM_ZORGTEAM_MEMBER:
        return reverse("zorgteam:member_add", args=[reference]) + _preset_query(kind)
    return deadline_action_url(reference=reference, kind=kind, key=key, placement=placement)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        # The browser's date picker sends ISO dates; typed Dutch dates are accepted too.
        super().__init__(attrs=attrs, format="%Y-%m-%d")


def date_field(label, *, required=True, help_text=""):
    return forms.DateField(
        label=label,
        required=required,
        help_text=help_text,
        widget=DateInput(),
        input_formats=["%Y-%m-%d", "%d-%m-%Y"],
    )


def _model_field(model, name, **kwargs):
    return model._meta.get_field(name).formfield(**kwargs)


class EventForm(forms.Form):
    """Common to every event form: the date, not in the future (max on the picker)."""

    date = date_field(_("Date"))

    def __init__(self, *args, placement=None, **kwargs):
        super().__init__(*args, **kwargs)
        # Hints for the date picker; the service enforces the same limits.
        self.fields["date"].widget.attrs["max"] = timezone.localdate().isoformat()
        if placement is not None:
            self.fields["date"].widget.attrs["min"] = placement.start_date.isoformat()


def _textarea(rows=3):
    return forms.Textarea(attrs={"rows": rows})


class VisitEvaluationForm(EventForm):
    participants = _model_field(
        VisitEvaluation,
        "participants",
        widget=_textarea(2),
        help_text=_("Who took part, e.g. the parents, the foster parents, the voogd."),
    )
    outcome = _model_field(VisitEvaluation, "outcome", widget=_textarea())
    bezoekregeling_changed = _model_field(VisitEvaluation, "bezoekregeling_changed")


class PerspectiveStudyStartForm(EventForm):
    note = _model_field(PerspectiveStudyStart, "note", widget=_textarea(2))


class PerspectiveDecisionForm(EventForm):
    outcome = forms.ChoiceField(
        label=_("Outcome"),
        widget=forms.RadioSelect,
        # "Not recorded" exists only for imported decisions; a person records the outcome.
        choices=[
            (value, label)
            for value, label in PerspectiveDecision.Outcome.choices
            if value != PerspectiveDecision.Outcome.NOT_RECORDED
        ],
        help_text=_(
            "“Grows up in this foster family” switches the placement to the "
            "opvoedingsvariant from this date."
        ),
    )
    note = _model_field(PerspectiveDecision, "note", widget=_textarea(2))
    audiences = AudienceField(initial=[a.value for a in PerspectiveDecision.DEFAULT_AUDIENCES])


class GuardianContactForm(EventForm):
    form = _model_field(GuardianContact, "form")
    with_whom = _model_field(
        GuardianContact, "with_whom", help_text=_("e.g. mother, father, both parents.")
    )
    note = _model_field(GuardianContact, "note", widget=_textarea(2))


class ZorgteamMeetingForm(EventForm):
    kind = _model_field(ZorgteamMeeting, "kind")
    participants = _model_field(ZorgteamMeeting, "participants", widget=_textarea(2))
    notes = _model_field(ZorgteamMeeting, "notes", widget=_textarea())
    audiences = AudienceField(
        label=_("Notes shared with"),
        initial=[a.value for a in ZorgteamMeeting.DEFAULT_AUDIENCES],
    )


class SharedEventForm(forms.Form):
    """Who sees a recorded decision or meeting note (the regie changes it later)."""

    audiences = AudienceField()


class CourtOrderForm(EventForm):
    date = date_field(_("Date of the order"))
    kind = _model_field(CourtOrder, "kind")
    end_date = date_field(
        _("End date"),
        required=False,
        help_text=_("An OTS or MUHP lasts at most a year; its end date starts the review clock."),
    )
    note = _model_field(CourtOrder, "note", widget=_textarea(2))

    def clean(self):
        cleaned = super().clean()
        kind, day, end = cleaned.get("kind"), cleaned.get("date"), cleaned.get("end_date")
        if kind in rules.REVIEWABLE_ORDER_KINDS and day:
            if end is None:
                self.add_error("end_date", _("An OTS or MUHP has an end date."))
            elif end > rules.add_months(day, 12):
                self.add_error(
                    "end_date", _("An OTS or MUHP lasts at most a year from the date of the order.")
                )
        return cleaned


class CourtOrderReviewForm(forms.Form):
    review = forms.ChoiceField(
        label=_("Decision"),
        widget=forms.RadioSelect,
        choices=[
            (CourtOrder.Review.EXTENSION_REQUESTED, CourtOrder.Review.EXTENSION_REQUESTED.label),
            (CourtOrder.Review.NOT_EXTENDED, CourtOrder.Review.NOT_EXTENDED.label),
        ],
    )
    review_date = date_field(_("Date of the decision"))
    review_note = forms.CharField(
        label=_("Note"),
        required=False,
        widget=_textarea(2),
        help_text=_(
            "By law, the decision not to extend is announced at least two months before the end."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["review_date"].widget.attrs["max"] = timezone.localdate().isoformat()


FORM_FOR_EVENT_TYPE = {
    VISIT_EVALUATION: VisitEvaluationForm,
    PERSPECTIVE_STUDY_START: PerspectiveStudyStartForm,
    PERSPECTIVE_DECISION: PerspectiveDecisionForm,
    GUARDIAN_CONTACT: GuardianContactForm,
    ZORGTEAM_MEETING: ZorgteamMeetingForm,
    COURT_ORDER: CourtOrderForm,
}
