"""Bad input: every text has a bound, every date a plausible range, and an
out-of-range page number never answers 500. Refusals are Dutch and keep what was typed."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from agreements import services
from agreements.models import Agreement, Goal, MeetingRequest

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(placement, pleegzorgbegeleider):
    return services.plan_version_start(placement=placement, created_by=pleegzorgbegeleider)


@pytest.fixture
def frozen_day():
    return date(2026, 11, 20)


@pytest.fixture
def sanne(client, pleegzorgbegeleider):
    client.force_login(pleegzorgbegeleider)
    return client


def _agreement(**overrides):
    return {
        "category": "school",
        "text": "Pleegmoeder gaat naar de ouderavond.",
        "owner_role": "pleegouder",
        "audiences": ["foster_parents"],
        **overrides,
    }


def _goal(**overrides):
    return {
        "description": "Noor fietst zelf naar school.",
        "target_date": "2027-03-01",
        "status": "open",
        "audiences": ["foster_parents"],
        **overrides,
    }


def test_a_2_mb_agreement_is_refused_by_the_service(draft, pleegzorgbegeleider):
    with pytest.raises(ValidationError) as error:
        services.agreement_add(
            version=draft,
            changed_by=pleegzorgbegeleider,
            category="school",
            text="x" * 2_000_000,
            owner_role="pleegouder",
        )
    assert "text" in error.value.message_dict
    assert not Agreement.objects.filter(version=draft).exists()


def test_the_agreement_form_says_so_in_dutch_and_keeps_the_text(sanne, draft, placement):
    url = reverse("agreements:agreement_add", args=[placement.reference, draft.number])
    typed = "Afspraak " + "x" * 3992  # 4,001 characters
    response = sanne.post(url, _agreement(text=typed))
    html = response.content.decode()
    assert response.status_code == 200
    assert "niet meer dan 4000 tekens" in html and "het zijn er nu 4001" in html
    assert typed in html
    assert not Agreement.objects.filter(version=draft).exists()
    assert sanne.post(url, _agreement(text=typed[:4000])).status_code == 302
    assert Agreement.objects.get(version=draft).text == typed[:4000]


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31", "2020-01-01", "2040-01-01"])
def test_a_goal_far_from_today_is_refused(sanne, draft, placement, day):
    url = reverse("agreements:goal_add", args=[placement.reference, draft.number])
    response = sanne.post(url, _goal(target_date=day))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Kies een datum tussen 20 november 2021 en 20 november 2031." in html
    assert "Noor fietst zelf naar school." in html
    assert not Goal.objects.filter(version=draft).exists()


def test_a_long_goal_is_refused(sanne, draft, placement):
    url = reverse("agreements:goal_add", args=[placement.reference, draft.number])
    response = sanne.post(url, _goal(description="d" * 1001))
    assert "niet meer dan 1000 tekens" in response.content.decode()


@pytest.mark.parametrize("field", ["valid_from", "valid_until"])
@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31"])
def test_an_agreement_validity_far_from_today_is_refused(sanne, draft, placement, field, day):
    url = reverse("agreements:agreement_add", args=[placement.reference, draft.number])
    data = _agreement(**{field: day})
    if field == "valid_until" and day == "0001-01-01":
        data["valid_from"] = ""
    response = sanne.post(url, data)
    assert response.status_code == 200
    assert "Kies een datum tussen" in response.content.decode()
    assert not Agreement.objects.filter(version=draft).exists()


def test_a_long_visit_duration_is_refused(sanne, draft, placement):
    url = reverse("agreements:agreement_add", args=[placement.reference, draft.number])
    data = _agreement(
        category="contact_parents",
        visit_frequency="weekly",
        visit_form="supervised",
        visit_duration_minutes="30000",
    )
    response = sanne.post(url, data)
    assert response.status_code == 200
    assert not Agreement.objects.filter(version=draft).exists()


@pytest.mark.parametrize("day", ["9999-12-31", "2030-01-01"])
def test_a_meeting_far_ahead_is_refused(sanne, placement, foster_parent, day):
    from agreements.services import meeting_request_create

    request = meeting_request_create(
        placement=placement, requested_by=foster_parent, reason="Graag overleg"
    )
    url = reverse("agreements:meeting_request_handle", args=[placement.reference, request.pk])
    response = sanne.post(url, {"action": "plan", "planned_on": day}, follow=True)
    assert "Kies een datum tussen" in response.content.decode()
    request.refresh_from_db()
    assert request.status == MeetingRequest.Status.OPEN


def test_a_long_meeting_request_reason_is_refused(client, placement, foster_parent):
    client.force_login(foster_parent)
    url = reverse("portal:meeting_request", args=[placement.reference])
    response = client.post(url, {"reason": "r" * 2001})
    assert response.status_code == 200
    assert "niet meer dan 2000 tekens" in response.content.decode()
    assert not MeetingRequest.objects.exists()


@pytest.mark.parametrize(
    "page", ["99999999999999999999", "9" * 5000, "-3", "0", "abc", "1e5", "2.5", ""]
)
def test_out_of_range_page_numbers_never_answer_500(sanne, placement, page):
    response = sanne.get(f"/?page={page}")
    assert response.status_code == 200
    assert placement.reference in response.content.decode()


def test_page_numbers_are_clamped():
    from dashboard.selectors import MAX_PAGE, page_number

    assert [page_number(v) for v in (None, "", "x", "0", "-1", "7", " 7 ", "10" * 30)] == [
        1,
        1,
        1,
        1,
        1,
        7,
        7,
        MAX_PAGE,
    ]


def test_a_zorgteam_meeting_note_has_a_bound(placement, pleegzorgbegeleider):
    from evaluations.services import zorgteam_meeting_record

    with pytest.raises(ValidationError) as error:
        zorgteam_meeting_record(
            placement=placement,
            date=date(2026, 11, 1),
            kind="evaluation",
            participants="Team",
            notes="n" * 4001,
        )
    assert "notes" in error.value.message_dict
