"""The deadlines and timeline section of the professionals' placement page (order 30), and
what needs attention beside the essentials at its top (the "attention" slot).

Reads in a fixed number of queries (one per event table, the deadlines, the variant
history and the current team), whatever the number of events: the section must not slow
down with a placement's history.
"""

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from cases.selectors import variant_changes
from zorgteam.access import access_for
from zorgteam.models import Role

from . import forms, rules
from .lights import deadline_lights
from .links import links
from .models import (
    CourtOrder,
    Deadline,
    GuardianContact,
    PerspectiveDecision,
    PerspectiveStudyStart,
    VisitEvaluation,
    ZorgteamMeeting,
)
from .permissions import can_record_events
from .selectors import current_members_by_role, placement_events, shared_decisions_and_notes
from .status import DUE_SOON, OVERDUE, STATUS_LABELS, UPCOMING, deadline_status
from .timeline import Entry, contributed_entries

EVENT_MODELS = (
    VisitEvaluation,
    PerspectiveStudyStart,
    PerspectiveDecision,
    GuardianContact,
    ZorgteamMeeting,
    CourtOrder,
)
BADGE = {OVERDUE: "text-bg-danger", DUE_SOON: "text-bg-warning", "upcoming": "text-bg-success"}


def record_buttons(reference):
    labels = {
        forms.VISIT_EVALUATION: _("Visit-arrangement evaluation"),
        forms.PERSPECTIVE_STUDY_START: _("Start of the perspective study"),
        forms.PERSPECTIVE_DECISION: _("Perspective decision"),
        forms.GUARDIAN_CONTACT: _("Voogd's contact with the parents"),
        forms.ZORGTEAM_MEETING: _("Zorgteam meeting"),
        forms.COURT_ORDER: _("Court order (beschikking)"),
    }
    link = links()
    return [{"label": labels[t], "url": link.event(t, reference)} for t in forms.EVENT_TYPES]


def _day(value):
    return date_format(value, "j F Y")


def _label(model, name):
    return capfirst(model._meta.get_field(name).verbose_name)


def _when(days_left):
    if days_left < 0:
        return ngettext("%(n)s day overdue", "%(n)s days overdue", -days_left) % {"n": -days_left}
    if days_left == 0:
        return _("due today")
    return ngettext("in %(n)s day", "in %(n)s days", days_left) % {"n": days_left}


def _with_note(lines, note):
    if note:
        lines.append(note)
    return lines


def _event_entries(event, reference):
    """Timeline entries for one recorded event (a court order's review is a second entry)."""
    title = capfirst(event._meta.verbose_name)
    lines = []
    if isinstance(event, VisitEvaluation):
        lines = [
            f"{_label(VisitEvaluation, 'participants')}: {event.participants}",
            f"{_label(VisitEvaluation, 'outcome')}: {event.outcome}",
        ]
        if event.bezoekregeling_changed:
            lines.append(_("The bezoekregeling changes."))
    elif isinstance(event, PerspectiveDecision):
        lines = _with_note(
            [f"{_label(PerspectiveDecision, 'outcome')}: {event.get_outcome_display()}"],
            event.note,
        )
    elif isinstance(event, GuardianContact):
        with_whom = _("with %(whom)s") % {"whom": event.with_whom}
        lines = _with_note([f"{event.get_form_display()} · {with_whom}"], event.note)
    elif isinstance(event, ZorgteamMeeting):
        title = f"{title}: {event.get_kind_display()}"
        lines = _with_note(
            [f"{_label(ZorgteamMeeting, 'participants')}: {event.participants}"], event.notes
        )
    elif isinstance(event, CourtOrder):
        title = f"{title}: {event.get_kind_display()}"
        if event.end_date:
            lines.append(_("Until %(date)s") % {"date": _day(event.end_date)})
        _with_note(lines, event.note)
    else:
        _with_note(lines, getattr(event, "note", ""))
    entry = Entry(event.date, title, lines, event.recorded_by)
    if isinstance(event, PerspectiveDecision | ZorgteamMeeting):
        entry.shared_with = event.audiences_display()
        entry.audiences_url = reverse(
            "evaluations:event_audiences",
            args=[reference, event._meta.model_name, event.pk],
        )
    entries = [entry]
    if isinstance(event, CourtOrder) and event.review and event.review_date:
        entries.append(
            Entry(
                event.review_date,
                _("Decision on extending the %(kind)s: %(decision)s")
                % {"kind": event.get_kind_display(), "decision": event.get_review_display()},
                _with_note([], event.review_note),
                event.review_recorded_by,
            )
        )
    return entries


def _deadline_entry(deadline, closers):
    if deadline.status == Deadline.Status.DONE:
        title = _("Deadline met: %(kind)s") % {"kind": deadline.get_kind_display()}
    else:
        title = _("Deadline no longer applies: %(kind)s") % {"kind": deadline.get_kind_display()}
    lines = [_("Was due %(date)s") % {"date": _day(deadline.due_date)}]
    if deadline.status == Deadline.Status.DONE and deadline.closed_on > deadline.due_date:
        late = (deadline.closed_on - deadline.due_date).days
        lines.append(ngettext("%(n)s day late", "%(n)s days late", late) % {"n": late})
    closer = closers.get((deadline.closed_by_type_id, deadline.closed_by_id))
    closed_by = deadline.rule.closed_by.event if deadline.kind in rules.RULES_BY_KIND else ""
    if closer is not None:
        what = closer._meta.verbose_name
        if closed_by == rules.EVENT_COURT_ORDER_REVIEW:
            what = _("the decision on extending")
        lines.append(
            _("Closed by: %(event)s of %(date)s")
            % {"event": what, "date": _day(deadline.closed_on)}
        )
    elif closed_by == rules.EVENT_TEAM_MEMBERSHIP and deadline.status == Deadline.Status.DONE:
        lines.append(_("Closed by: the child joined the zorgteam"))
    return Entry(deadline.closed_on, title, lines, kind="deadline", order=0)


def _timeline(placement, deadlines):
    events = [event for model in EVENT_MODELS for event in placement_events(placement, model)]
    closers = {(ContentType.objects.get_for_model(event).pk, event.pk): event for event in events}
    entries = [entry for event in events for entry in _event_entries(event, placement.reference)]
    entries += [
        _deadline_entry(d, closers)
        for d in deadlines
        if d.status != Deadline.Status.OPEN and d.closed_on
    ]
    for change in variant_changes(placement):
        entries.append(
            Entry(
                change.from_date,
                _("Variant: %(variant)s") % {"variant": change.get_variant_display()},
                _with_note([], change.note),
                change.recorded_by,
                kind="variant",
                order=2,
            )
        )
    entries += contributed_entries(placement)
    # Newest first; on one day the deadline a recording closed sits above the event.
    entries.sort(key=lambda e: (e.day, -e.order), reverse=True)
    return entries


def _responsible(deadline, members):
    role = deadline.responsible_role
    label = Role(role).label if role in Role.values else role
    names = ", ".join(person.full_name or person.email for person in members.get(role, []))
    return f"{label} ({names})" if names else str(label)


def _open_rows(placement, deadlines, members, today, user):
    rows = []
    for deadline in sorted(deadlines, key=lambda d: (d.due_date, d.kind, d.key)):
        if deadline.status != Deadline.Status.OPEN:
            continue
        status = deadline_status(deadline.due_date, today)
        url = forms.deadline_form_url(
            reference=placement.reference, kind=deadline.kind, key=deadline.key, placement=placement
        )
        note = ""
        rows.append(
            {
                "deadline": deadline,
                "status": status,
                "status_label": STATUS_LABELS[status],
                "badge": BADGE[status],
                "when": _when((deadline.due_date - today).days),
                "responsible": _responsible(deadline, members),
                "url": url,
                "note": note,
            }
        )
    return rows


def _deadlines(placement):
    """Every deadline of the placement, once per request for the page's two sections."""
    if "_deadlines_cache" not in placement.__dict__:
        placement.__dict__["_deadlines_cache"] = list(placement.deadlines.all())
    return placement.__dict__["_deadlines_cache"]


def section_context(request, placement):
    access = access_for(request.user, placement)
    if not access.whole_file:
        # Other professionals: no deadlines, events or court orders — only the decisions
        # and meeting notes the regie shared with them.
        return {"whole_file": False, "shared_events": shared_decisions_and_notes(access)}
    today = timezone.localdate()
    deadlines = _deadlines(placement)
    members = current_members_by_role(placement, today)
    may_record = can_record_events(request.user, placement, members)
    rows = _open_rows(placement, deadlines, members, today, request.user)
    if not may_record:
        for row in rows:
            row["url"] = None
    return {
        "whole_file": True,
        "deadline_rows": rows,
        "timeline": _timeline(placement, deadlines),
        "record_buttons": record_buttons(placement.reference) if may_record else [],
        "may_record": may_record,
        "placement_ended": placement.is_ended(on=today),
    }


def attention_context(request, placement):
    """Overdue and due-soon deadlines as traffic lights; the full list is in the section.

    Deadlines tell of court orders and the voogd's contacts: only for the whole file."""
    today = timezone.localdate()
    if not access_for(request.user, placement).whole_file:
        return {"whole_file": False, "ended": placement.is_ended(on=today)}
    deadlines = sorted(
        (d for d in _deadlines(placement) if d.status == Deadline.Status.OPEN),
        key=lambda d: (d.due_date, d.kind),
    )
    lights = deadline_lights(
        deadlines, reference=placement.reference, today=today, placement=placement
    )
    return {
        "whole_file": True,
        "urgent": [lt for lt in lights if lt.status != UPCOMING],
        "may_record": can_record_events(
            request.user, placement, current_members_by_role(placement, today)
        ),
        "ended": placement.is_ended(on=today),
    }
