"""Meetings any member asks for (advice 8): the request opens the requested_meeting deadline
for the regie, and the requester follows it in the portal: received, planned for a date,
held, or declined with a reason."""

from datetime import date

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.urls import reverse

from agreements.models import MeetingRequest
from agreements.services import (
    meeting_request_create,
    meeting_request_decline,
    meeting_request_plan,
)
from evaluations import rules
from evaluations.models import Deadline, ZorgteamMeeting
from evaluations.services import zorgteam_meeting_record
from zorgteam.services import membership_end

pytestmark = pytest.mark.django_db

D = date


def portal(client, user, placement):
    client.force_login(user)
    return client.get(reverse("portal:placement", args=[placement.reference])).content.decode()


def requested(placement):
    return Deadline.objects.filter(placement=placement, kind=rules.REQUESTED_MEETING)


def test_received_planned_held(client, placement, foster_parent, pleegzorgbegeleider, today):
    client.force_login(foster_parent)
    client.post(
        reverse("portal:meeting_request", args=[placement.reference]),
        {"reason": "Noor is onrustig na de bezoeken."},
    )
    request = MeetingRequest.objects.get()
    deadline = requested(placement).get()
    assert (deadline.status, deadline.due_date, deadline.responsible_role, deadline.key) == (
        "open",
        D(2026, 12, 4),
        "pleegzorgbegeleider",
        str(request.pk),
    )
    assert "Ontvangen" in portal(client, foster_parent, placement)

    meeting_request_plan(
        meeting_request=request, planned_on=D(2026, 11, 27), handled_by=pleegzorgbegeleider
    )
    html = portal(client, foster_parent, placement)
    assert "Gepland op 27 november 2026." in html
    assert requested(placement).get().status == "open"  # planning is not holding

    meeting = zorgteam_meeting_record(
        placement=placement, date=today, kind="on_request", participants="Team"
    )
    deadline = requested(placement).get()
    assert (deadline.status, deadline.closed_on) == ("done", today)
    assert deadline.closed_by == meeting
    html = portal(client, foster_parent, placement)
    assert "Gehouden" in html and "Het zorgteam kwam bij elkaar op 20 november 2026." in html
    # Held: it leaves the pleegzorgbegeleider's list of requests to act on.
    client.force_login(pleegzorgbegeleider)
    page = client.get(placement.get_absolute_url()).content.decode()
    assert "Noor is onrustig na de bezoeken." in page  # in the timeline
    assert "vraagt een zorgteamoverleg aan" not in page


def test_declined_with_a_reason_the_requester_reads(
    client, placement, foster_parent, pleegzorgbegeleider, today
):
    request = meeting_request_create(
        placement=placement, requested_by=foster_parent, reason="Graag overleg"
    )
    client.force_login(pleegzorgbegeleider)
    handle = reverse("agreements:meeting_request_handle", args=[placement.reference, request.pk])
    response = client.post(handle, {"action": "decline", "response": ""}, follow=True)
    assert "Schrijf op waarom er geen overleg komt" in response.content.decode()
    request.refresh_from_db()
    assert request.status == "open"

    client.post(
        handle,
        {"action": "decline", "response": "We zagen elkaar gisteren; volgende maand weer."},
    )
    deadline = requested(placement).get()
    assert (deadline.status, deadline.closed_by_type) == (
        "done",
        ContentType.objects.get_for_model(MeetingRequest),
    )
    html = portal(client, foster_parent, placement)
    assert "Afgewezen" in html and "We zagen elkaar gisteren; volgende maand weer." in html


def test_a_short_reason_is_not_a_reason(placement, foster_parent, pleegzorgbegeleider):
    request = meeting_request_create(placement=placement, requested_by=foster_parent, reason="x")
    with pytest.raises(Exception, match="minstens 10 tekens"):
        meeting_request_decline(
            meeting_request=request, handled_by=pleegzorgbegeleider, reason="Nee"
        )


def test_the_voogd_answers_while_there_is_no_pleegzorgbegeleider(
    placement, pleegzorgbegeleider, foster_parent
):
    membership_end(
        membership=placement.memberships.get(person=pleegzorgbegeleider), end_date=D(2026, 11, 1)
    )
    meeting_request_create(placement=placement, requested_by=foster_parent, reason="Graag")
    assert requested(placement).get().responsible_role == "voogd"


def test_a_meeting_before_the_request_does_not_answer_it(placement, foster_parent, today):
    zorgteam_meeting_record(
        placement=placement, date=D(2026, 11, 19), kind="evaluation", participants="Team"
    )
    meeting_request_create(placement=placement, requested_by=foster_parent, reason="Graag")
    assert requested(placement).get().status == "open"


def test_bounds_on_a_request_and_its_plan(client, placement, foster_parent, pleegzorgbegeleider):
    client.force_login(foster_parent)
    url = reverse("portal:meeting_request", args=[placement.reference])
    html = client.post(url, {"reason": "x" * 2001}).content.decode()
    assert "niet meer dan 2000 tekens" in html
    assert not MeetingRequest.objects.exists()
    request = meeting_request_create(placement=placement, requested_by=foster_parent, reason="Ja")
    with pytest.raises(ValidationError, match="Kies een datum tussen"):
        meeting_request_plan(
            meeting_request=request, planned_on=D(2029, 1, 1), handled_by=pleegzorgbegeleider
        )


def test_the_record_button_of_a_planned_request_opens_the_agenda_page(
    client, placement, foster_parent, pleegzorgbegeleider
):
    request = meeting_request_create(placement=placement, requested_by=foster_parent, reason="Ja")
    meeting_request_plan(
        meeting_request=request, planned_on=D(2026, 11, 27), handled_by=pleegzorgbegeleider
    )
    client.force_login(pleegzorgbegeleider)
    html = client.get(placement.get_absolute_url()).content.decode()
    url = reverse("collaboration:meeting_record", args=[placement.reference])
    assert f'href="{url}?kind=on_request"' in html
    assert ZorgteamMeeting.objects.count() == 0


def test_the_morning_meeting_does_not_answer_the_afternoon_request(placement, foster_parent):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    import time_machine

    amsterdam = ZoneInfo("Europe/Amsterdam")
    with time_machine.travel(datetime(2026, 11, 20, 9, 0, tzinfo=amsterdam), tick=False):
        zorgteam_meeting_record(
            placement=placement, date=D(2026, 11, 20), kind="evaluation", participants="Team"
        )
    with time_machine.travel(datetime(2026, 11, 20, 15, 0, tzinfo=amsterdam), tick=False):
        request = meeting_request_create(
            placement=placement, requested_by=foster_parent, reason="Nog een vraag"
        )
        assert requested(placement).get().status == "open"
    with time_machine.travel(datetime(2026, 11, 20, 17, 0, tzinfo=amsterdam), tick=False):
        evening = zorgteam_meeting_record(
            placement=placement, date=D(2026, 11, 20), kind="on_request", participants="Team"
        )
    deadline = requested(placement).get()
    assert (deadline.status, deadline.closed_by) == ("done", evening)
    assert request.pk == int(deadline.key)


def test_the_meeting_page_marks_the_requests_it_answers_held(
    client, placement, foster_parent, pleegzorgbegeleider
):
    request = meeting_request_create(placement=placement, requested_by=foster_parent, reason="Ja")
    client.force_login(pleegzorgbegeleider)
    url = reverse("collaboration:meeting_record", args=[placement.reference])
    html = client.get(url + "?kind=on_request").content.decode()
    assert "Dit overleg beantwoordt de aanvragen voor een overleg" in html
    client.post(
        url,
        {
            "date": "2026-11-20",
            "kind": "on_request",
            "participants": "Team",
            "agreements-TOTAL_FORMS": "0",
            "agreements-INITIAL_FORMS": "0",
            "agreements-MIN_NUM_FORMS": "0",
            "agreements-MAX_NUM_FORMS": "30",
        },
    )
    request.refresh_from_db()
    # Stored, so every reader of the status (the quality page's waiting requests) agrees.
    assert (request.status, request.handled_by) == ("held", pleegzorgbegeleider)
    assert not MeetingRequest.objects.pending().exists()
    assert requested(placement).get().status == "done"
    with pytest.raises(Exception, match="al afgehandeld"):
        meeting_request_decline(
            meeting_request=request, handled_by=pleegzorgbegeleider, reason="Toch maar niet."
        )
