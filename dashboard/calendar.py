"""A person's deadlines and meetings as an iCalendar feed (RFC 5545), built with icalendar.

Calendar apps sync these events to phones and to third-party servers (Google, Microsoft),
so an event carries the placement's reference and the kind of deadline or meeting only: no
child's name, no notes, no reasons (AVG, data minimisation). Its link leads to the placement
page, which asks for a login.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from agreements.models import MeetingRequest
from evaluations.links import placement_url
from evaluations.models import Deadline, ZorgteamMeeting
from zorgteam.access import accesses_for
from zorgteam.audiences import Audience
from zorgteam.models import Membership, Role


@dataclass(frozen=True)
class Item:
    uid: str  # stable across fetches, or calendar apps duplicate the event
    day: date
    reference: str
    what: str
    category: str


def _domain():
    # The configured site address is stable where the request's Host header may not be.
    return urlsplit(settings.SITE_URL).hostname or "pleegzorg.local"


def calendar_deadlines(user, *, today):
    """The open deadlines that belong in this person's calendar.

    A pleegzorgbegeleider has the regie: every open deadline of the placements where she is
    the current pleegzorgbegeleider. Anyone else gets the deadlines where their current role
    in that placement's zorgteam is the responsible or an also-reminded role. A team lead's
    organisation-wide view stays on the dashboard: a calendar with the whole organisation's
    deadlines would drown their own.
    """
    if not user.is_professional:
        return []  # deadlines are the professionals' business; families get meetings only
    roles = defaultdict(set)
    for placement_id, role in (
        Membership.objects.current(on=today)
        .filter(person=user, role__in=[Role.PLEEGZORGBEGELEIDER, Role.VOOGD])
        .values_list("placement_id", "role")
    ):
        roles[placement_id].add(role)
    if not roles:
        return []
    deadlines = (
        Deadline.objects.open()
        .filter(placement_id__in=roles.keys())
        .select_related("placement")
        .order_by("due_date", "placement__reference", "kind")
    )
    result = []
    for deadline in deadlines:
        held = roles[deadline.placement_id]
        wanted = {deadline.responsible_role, *deadline.rule.also_reminded}
        if Role.PLEEGZORGBEGELEIDER in held or held & wanted:
            result.append(deadline)
    return result


def calendar_meetings(user, *, today):
    """Zorgteam meetings from today on in the person's placements: planned and recorded.

    The placements follow zorgteam.access: a family loses an ended placement's meetings.
    Recorded meetings carry `whole_file` so that only the regie's feed names their kind
    (a "meeting after a court order" tells of the court order).
    """
    accesses = accesses_for(user, on=today)
    member_of = list(accesses)
    planned = list(
        MeetingRequest.objects.upcoming(today)
        .filter(placement_id__in=member_of)
        .select_related("placement")
    )
    recorded = list(
        ZorgteamMeeting.objects.filter(placement_id__in=member_of, date__gte=today).select_related(
            "placement"
        )
    )
    for m in recorded:
        m.whole_file = Audience.REGIE in accesses[m.placement_id]
    return planned, recorded


def calendar_items(user, *, today):
    """Everything in the feed, as plain items, in the language of the site."""
    domain = _domain()
    meeting = _("Zorgteam meeting")
    items = [
        Item(
            uid=f"deadline-{d.pk}@{domain}",
            day=d.due_date,
            reference=d.placement.reference,
            what=str(Deadline.Kind(d.kind).label),
            category=_("Deadline"),
        )
        for d in calendar_deadlines(user, today=today)
    ]
    planned, recorded = calendar_meetings(user, today=today)
    items += [
        Item(
            f"meeting-request-{m.pk}@{domain}",
            m.planned_on,
            m.placement.reference,
            meeting,
            meeting,
        )
        for m in planned
    ]
    items += [
        Item(
            f"meeting-{m.pk}@{domain}",
            m.date,
            m.placement.reference,
            f"{meeting}: {ZorgteamMeeting.Kind(m.kind).label}" if m.whole_file else meeting,
            meeting,
        )
        for m in recorded
    ]
    return sorted(items, key=lambda item: (item.day, item.reference, item.uid))


def build_calendar(items, *, base_url):
    """The feed as bytes: one all-day event per item."""
    stamp = timezone.now()
    cal = Calendar()
    cal.add("prodid", "-//Pleegzorg zorgteam//Deadlines//NL")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", _("Zorgteam deadlines"))
    cal.add("x-wr-timezone", settings.TIME_ZONE)
    # Ask apps to refresh hourly; Google ignores it, Apple and Outlook honour it.
    cal.add("refresh-interval", timedelta(hours=1), parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", "PT1H")
    root = base_url.rstrip("/")
    for item in items:
        event = Event()
        event.add("uid", item.uid)
        event.add("dtstamp", stamp)
        event.add("summary", f"{item.reference} · {item.what}")
        event.add("dtstart", item.day)
        event.add("dtend", item.day + timedelta(days=1))
        event.add("transp", "TRANSPARENT")  # a deadline does not make anyone busy
        event.add("url", root + placement_url(item.reference))
        event.add("categories", [item.category])
        cal.add_component(event)
    return cal.to_ical()


def feed_for(user, *, today, base_url):
    with translation.override(settings.LANGUAGE_CODE):
        return build_calendar(calendar_items(user, today=today), base_url=base_url)
