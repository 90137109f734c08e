"""The personal ICS feed: the right deadlines, nothing sensitive, a secret that can be revoked."""

from datetime import date

import pytest
from django.urls import reverse
from icalendar import Calendar

from cases.services import placement_create
from evaluations.models import Deadline
from tests.factories import UserFactory
from zorgteam.services import membership_add

pytestmark = pytest.mark.django_db


def _feed(client, user):
    response = client.get(reverse("dashboard:calendar_feed", args=[user.calendar_token]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return response, Calendar.from_ical(response.content)


def _events(cal):
    return {str(e["UID"]): e for e in cal.walk("VEVENT")}


def test_pleegzorgbegeleider_gets_every_open_deadline_of_her_placements(
    client, placement, other_placement, pleegzorgbegeleider
):
    _, cal = _feed(client, pleegzorgbegeleider)
    events = _events(cal)
    open_rows = Deadline.objects.open().filter(placement=placement)
    assert len(open_rows) >= 4
    assert set(events) == {f"deadline-{d.pk}@localhost" for d in open_rows}
    visit = open_rows.get(kind="visit_evaluation")
    event = events[f"deadline-{visit.pk}@localhost"]
    # The title says which placement and what, and nothing else.
    assert str(event["SUMMARY"]) == "PL-TEST-1 · Bezoekregeling evalueren"
    assert event.decoded("DTSTART") == date(2026, 12, 1)
    assert event.decoded("DTEND") == date(2026, 12, 2)
    assert str(event["URL"]).endswith(reverse("cases:placement_detail", args=["PL-TEST-1"]))


def test_nothing_sensitive_in_the_feed(client, placement, pleegzorgbegeleider):
    response, _ = _feed(client, pleegzorgbegeleider)
    body = response.content.decode()
    for sensitive in ("Noor", "Bakker", "2019", "Regie", "Marieke", "Visser"):
        assert sensitive not in body


def test_voogd_gets_what_she_is_responsible_for_or_reminded_of(client, placement, voogd):
    _, cal = _feed(client, voogd)
    kinds = {
        Deadline.objects.get(pk=uid.split("@")[0].removeprefix("deadline-")).kind
        for uid in _events(cal)
    }
    # Responsible: guardian contact, the perspective; also reminded: the visit evaluation.
    assert kinds == {
        "guardian_contact",
        "perspective_study_start",
        "perspective_decision",
        "visit_evaluation",
    }
    # Inviting the child is the pleegzorgbegeleider's alone.
    assert "child_joins_zorgteam" not in kinds


def test_uids_are_stable_between_fetches(client, placement, pleegzorgbegeleider):
    _, first = _feed(client, pleegzorgbegeleider)
    _, second = _feed(client, pleegzorgbegeleider)
    assert set(_events(first)) == set(_events(second))


def test_a_foster_parent_gets_no_deadlines(client, placement, foster_parent):
    _, cal = _feed(client, foster_parent)
    assert list(cal.walk("VEVENT")) == []


def test_recorded_meetings_from_today_are_in_the_feed(client, placement, voogd):
    from evaluations.models import ZorgteamMeeting

    meeting = ZorgteamMeeting.objects.create(
        placement=placement, date=date(2026, 11, 22), kind="evaluation", participants="Zorgteam"
    )
    ZorgteamMeeting.objects.create(
        placement=placement, date=date(2026, 10, 1), kind="start", participants="Zorgteam"
    )
    _, cal = _feed(client, voogd)
    meetings = [e for uid, e in _events(cal).items() if uid.startswith("meeting-")]
    assert [str(e["UID"]) for e in meetings] == [f"meeting-{meeting.pk}@localhost"]
    assert str(meetings[0]["SUMMARY"]).startswith("PL-TEST-1 · Zorgteamoverleg")


def test_planned_meetings_are_in_the_feed_without_their_reason(client, placement, foster_parent):
    from agreements.models import MeetingRequest

    planned = MeetingRequest.objects.create(
        placement=placement,
        reason="Zorgen over het contact met vader",
        status="planned",
        planned_on=date(2026, 12, 3),
    )
    MeetingRequest.objects.create(placement=placement, reason="Nog niet gepland")
    response, cal = _feed(client, foster_parent)
    events = _events(cal)
    assert set(events) == {f"meeting-request-{planned.pk}@localhost"}  # no deadlines either
    event = events[f"meeting-request-{planned.pk}@localhost"]
    assert str(event["SUMMARY"]) == "PL-TEST-1 · Zorgteamoverleg"
    assert event.decoded("DTSTART") == date(2026, 12, 3)
    assert "vader" not in response.content.decode()


def test_unknown_token_is_404(client, placement):
    assert client.get(reverse("dashboard:calendar_feed", args=["not-a-token"])).status_code == 404


def test_inactive_person_feed_is_404(client, pleegzorgbegeleider):
    pleegzorgbegeleider.is_active = False
    pleegzorgbegeleider.save()
    url = reverse("dashboard:calendar_feed", args=[pleegzorgbegeleider.calendar_token])
    assert client.get(url).status_code == 404


def test_the_page_shows_the_address_and_revoking_replaces_it(client, pleegzorgbegeleider):
    client.force_login(pleegzorgbegeleider)
    old_token = pleegzorgbegeleider.calendar_token
    html = client.get(reverse("dashboard:calendar")).content.decode()
    assert f"/dashboard/calendar/{old_token}.ics" in html
    assert "Je geheime agenda-adres" in html

    # Revoking is a POST: a link that a crawler or prefetch follows must not revoke.
    assert client.get(reverse("dashboard:calendar_rotate")).status_code == 405
    response = client.post(reverse("dashboard:calendar_rotate"), follow=True)
    assert "Het oude agenda-adres werkt niet meer" in response.content.decode()
    pleegzorgbegeleider.refresh_from_db()
    assert pleegzorgbegeleider.calendar_token != old_token
    assert client.get(f"/dashboard/calendar/{old_token}.ics").status_code == 404
    assert (
        client.get(f"/dashboard/calendar/{pleegzorgbegeleider.calendar_token}.ics").status_code
        == 200
    )
    assert pleegzorgbegeleider.calendar_token in response.content.decode()


def test_the_calendar_page_needs_a_login(client):
    response = client.get(reverse("dashboard:calendar"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_a_team_leads_feed_holds_their_own_placements_not_the_whole_organisation(
    client, placement, organisation
):
    lead = UserFactory(
        person_type="pleegzorgbegeleider", organisation=organisation, is_team_lead=True
    )
    own = placement_create(
        reference="PL-LEAD",
        child_first_name="Fenna",
        start_date=date(2026, 10, 1),
        provider=organisation,
    )
    membership_add(
        placement=own, person=lead, role="pleegzorgbegeleider", start_date=own.start_date
    )
    _, cal = _feed(client, lead)
    summaries = {str(e["SUMMARY"]) for e in cal.walk("VEVENT")}
    assert summaries and all(s.startswith("PL-LEAD · ") for s in summaries)
