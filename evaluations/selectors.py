"""Reads of deadlines and events that views and commands share.

Each function reads in a fixed number of queries, whatever the number of rows.
"""

from collections import defaultdict

from django.conf import settings
from django.db.models import Q
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from zorgteam.access import attach_people, current_memberships
from zorgteam.models import Membership

from .models import Deadline
from .status import deadline_status


def _active_on(as_of, prefix=""):
    """Placements not ended on `as_of` (an end date on or before it means ended)."""
    return Q(**{f"{prefix}end_date__isnull": True}) | Q(**{f"{prefix}end_date__gt": as_of})


def deadlines_listing(*, as_of, reference=None):
    """The open deadlines as of a day, for `manage.py deadlines`: two queries in all.

    Sorted by due date, placement, kind. A placement whose end date is on or before
    `as_of` lists nothing. `responsible_email` is the current member in the responsible
    role (for a handover the role of the new professional is stored on the row); with two
    current members in a role (the overlap of a staff change) the one who started last.
    """
    deadlines = Deadline.objects.open().filter(_active_on(as_of, "placement__"))
    members = Membership.objects.current(on=as_of).filter(_active_on(as_of, "placement__"))
    if reference is not None:
        deadlines = deadlines.filter(placement__reference=reference)
        members = members.filter(placement__reference=reference)
    rows = list(
        deadlines.order_by("due_date", "placement__reference", "kind", "key", "pk").values_list(
            "placement_id", "placement__reference", "kind", "due_date", "responsible_role"
        )
    )
    roles = {row[4] for row in rows}
    email = {}
    if rows:
        for placement_id, role, address in (
            members.filter(role__in=roles)
            .order_by("start_date", "pk")
            .values_list("placement_id", "role", "person__email")
        ):
            email[(placement_id, role)] = address  # the latest start wins
    due_soon_days = settings.DUE_SOON_DAYS  # read once, not per row
    return [
        {
            "placement": reference_,
            "kind": kind,
            "due": due.isoformat(),
            "status": deadline_status(due, as_of, due_soon_days),
            "responsible": role,
            "responsible_email": email.get((placement_id, role)),
        }
        for placement_id, reference_, kind, due, role in rows
    ]


def open_deadlines(placement):
    """{pk: Deadline} of a placement's open deadlines: the "before" of a recording."""
    return {d.pk: d for d in placement.deadlines.open()}


def _day(value):
    return date_format(value, "j F Y")


def changes_message(placement, before):
    """What recording an event did to the deadlines, in one sentence per change (Dutch UI).

    `before` is open_deadlines() read just before the event was recorded.
    """
    after = open_deadlines(placement)
    closed = Deadline.objects.filter(pk__in=before.keys() - after.keys()).order_by("due_date")
    parts = []
    done = [d for d in closed if d.status == Deadline.Status.DONE]
    for deadline in done:
        parts.append(
            _("Closed: %(kind)s (due %(due)s).")
            % {"kind": deadline.get_kind_display(), "due": _day(deadline.due_date)}
        )
    for deadline in closed:
        if deadline.status == Deadline.Status.CANCELLED:
            parts.append(_("No longer applies: %(kind)s.") % {"kind": deadline.get_kind_display()})
    for deadline in sorted(after.values(), key=lambda d: d.due_date):
        if deadline.pk not in before:
            parts.append(
                _("Next: %(kind)s, due %(due)s.")
                % {"kind": deadline.get_kind_display(), "due": _day(deadline.due_date)}
            )
        elif before[deadline.pk].due_date != deadline.due_date:
            parts.append(
                _("Moved: %(kind)s, now due %(due)s.")
                % {"kind": deadline.get_kind_display(), "due": _day(deadline.due_date)}
            )
    if not done:
        parts.insert(0, _("No open deadline was closed by this."))
    return " ".join(parts)


def current_members_by_role(placement, on):
    """{role: [person, ...]} of the current members, for "responsible: name"."""
    result = defaultdict(list)
    for membership in current_memberships(placement, on):
        result[membership.role].append(membership.person)
    return result


def placement_events(placement, model):
    """A placement's recorded events of one kind (a model of section.EVENT_MODELS), each with
    who recorded it; one query, kept on the placement object for the rest of the request (as
    zorgteam.access.current_memberships is). The placement page shows them in several places:
    the timeline, the court orders of the placement's life, the held handover meetings and
    the meeting records (collaboration). Only for those who read the whole file, or who use
    no more of a row than it tells them already (the dates of held handover meetings)."""
    from .models import CourtOrder

    cache = placement.__dict__.setdefault("_events_cache", {})
    if model not in cache:
        people = ["recorded_by"] + (["review_recorded_by"] if model is CourtOrder else [])
        cache[model] = attach_people(
            placement, list(model.objects.filter(placement=placement)), *people
        )
    return cache[model]


def upcoming_visit_evaluations(placement):
    """Open visit-evaluation deadlines: the due date only, nothing else of the deadline."""
    return list(
        Deadline.objects.open()
        .filter(placement=placement, kind=Deadline.Kind.VISIT_EVALUATION)
        .order_by("due_date")
        .values_list("due_date", flat=True)
    )


def shared_perspective_decisions(access):
    """The perspective decisions shared with this person, newest first, as plain dicts (one
    query). An imported decision without its outcome says nothing to a reader."""
    from .models import PerspectiveDecision

    if not access.sees_anything:
        return []
    return [
        {
            "date": decision.date,
            "title": _("Perspective decision: %(outcome)s")
            % {"outcome": decision.get_outcome_display()},
            "text": decision.note,
            "participants": "",
        }
        for decision in PerspectiveDecision.objects.filter(
            access.q(), placement_id=access.placement_id
        )
        .exclude(outcome=PerspectiveDecision.Outcome.NOT_RECORDED)
        .order_by("-date", "-pk")
    ]


def shared_meeting_notes(access):
    """The notes of zorgteam meetings shared with this person, newest first (one query).

    Participants are left out when the foster family is hidden from the reader (they often
    name the foster parents); the regie reads everything in the timeline.
    """
    from .models import ZorgteamMeeting

    if not access.sees_anything:
        return []
    return [
        {
            "date": meeting.date,
            "title": meeting.get_kind_display(),
            "text": meeting.notes,
            "participants": "" if access.hides_foster_family else meeting.participants,
        }
        for meeting in ZorgteamMeeting.objects.filter(access.q(), placement_id=access.placement_id)
        .exclude(notes="")
        .order_by("-date", "-pk")
    ]


def shared_decisions_and_notes(access):
    """Both of the above in one list, newest first, for the other professionals' page."""
    items = shared_perspective_decisions(access) + shared_meeting_notes(access)
    items.sort(key=lambda item: item["date"], reverse=True)
    return items
