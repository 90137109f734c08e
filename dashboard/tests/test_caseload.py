"""The caseload at `/`: what needs the pleegzorgbegeleider now, most urgent first."""

from datetime import date

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cases.services import placement_create, placement_end
from tests.factories import UserFactory, bulk_caseload
from zorgteam.services import membership_add

pytestmark = pytest.mark.django_db


def _rows(response):
    return [p.reference for p in response.context["placements"]]


@pytest.fixture
def second_placement(pleegzorgbegeleider, organisation):
    """Sanne's second placement, opvoedingsvariant, nothing due for months; another voogd."""
    joost = UserFactory(full_name="Joost Bakker", person_type="voogd")
    p = placement_create(
        reference="PL-CALM",
        child_first_name="Daan",
        child_last_name="Visser",
        child_birth_date=date(2016, 1, 10),
        start_date=date(2026, 11, 1),
        variant="opvoeding",
        provider=organisation,
    )
    membership_add(
        placement=p, person=pleegzorgbegeleider, role="pleegzorgbegeleider", start_date=p.start_date
    )
    membership_add(placement=p, person=joost, role="voogd", start_date=p.start_date)
    return p


def test_caseload_row_shows_child_variant_time_voogd_and_lights_in_words(
    client, placement, pleegzorgbegeleider
):
    client.force_login(pleegzorgbegeleider)
    html = client.get("/").content.decode().replace("\xa0", " ")
    assert "Noor Bakker" in html
    assert ">Hulpverlening</td>" in html
    assert "2 maanden, 3 weken" in html  # 1 Sep -> 22 Nov
    assert "Marieke Jansen" in html  # the current voogd
    # The lights carry words, not colour alone.
    assert 'class="light light-overdue"' in html and "Te laat" in html
    assert "Contact van de voogd met de ouders" in html and "40 dagen te laat" in html
    assert 'class="light light-due_soon"' in html and "Binnenkort" in html
    assert "Bezoekregeling evalueren" in html
    assert 'class="light light-upcoming"' in html and "Gepland" in html


def test_most_urgent_first_and_ended_placements_hidden_unless_asked(
    client, placement, second_placement, pleegzorgbegeleider, organisation
):
    ended = placement_create(
        reference="PL-ENDED",
        child_first_name="Sophie",
        start_date=date(2025, 1, 6),
        provider=organisation,
    )
    membership_add(
        placement=ended,
        person=pleegzorgbegeleider,
        role="pleegzorgbegeleider",
        start_date=ended.start_date,
    )
    placement_end(placement=ended, end_date=date(2026, 10, 1), reason="Terug naar huis")
    client.force_login(pleegzorgbegeleider)

    # PL-TEST-1 has an overdue deadline; PL-CALM's first is months away.
    assert _rows(client.get("/")) == ["PL-TEST-1", "PL-CALM"]
    response = client.get("/", {"show_ended": "on"})
    assert _rows(response) == ["PL-TEST-1", "PL-CALM", "PL-ENDED"]
    assert "Beëindigd" in response.content.decode()


def test_filters_overdue_week_variant_voogd_and_search(
    client, placement, second_placement, pleegzorgbegeleider, voogd
):
    client.force_login(pleegzorgbegeleider)
    assert _rows(client.get("/", {"urgency": "overdue"})) == ["PL-TEST-1"]
    assert _rows(client.get("/", {"urgency": "week"})) == []  # 1 Dec is 9 days away
    assert _rows(client.get("/", {"variant": "opvoeding"})) == ["PL-CALM"]
    assert _rows(client.get("/", {"voogd": voogd.pk})) == ["PL-TEST-1"]
    assert _rows(client.get("/", {"q": "daan vis"})) == ["PL-CALM"]
    assert _rows(client.get("/", {"q": "test-1"})) == ["PL-TEST-1"]
    response = client.get("/", {"q": "nobody"})
    assert _rows(response) == []
    assert "Geen plaatsingen gevonden voor deze filters" in response.content.decode()


def test_due_this_week_filter_finds_a_deadline_within_seven_days(
    client, placement, pleegzorgbegeleider, today
):
    # Move the day on: the visit evaluation of 1 Dec is now 6 days away.
    with time_machine.travel(date(2026, 11, 25), tick=False):
        client.force_login(pleegzorgbegeleider)
        assert _rows(client.get("/", {"urgency": "week"})) == ["PL-TEST-1"]


def test_a_voogd_outside_the_caseload_is_refused_with_a_message(
    client, placement, pleegzorgbegeleider
):
    stranger = UserFactory(person_type="voogd")
    client.force_login(pleegzorgbegeleider)
    response = client.get("/", {"voogd": stranger.pk})
    assert _rows(response) == ["PL-TEST-1"]  # unfiltered, not an error page
    assert "kunnen niet worden gebruikt" in response.content.decode()


def test_this_week_lists_overdue_and_next_seven_days_with_a_link_to_act(
    client, placement, pleegzorgbegeleider, today
):
    client.force_login(pleegzorgbegeleider)
    response = client.get("/")
    kinds = [item.kind for item in response.context["this_week"]]
    assert kinds == ["guardian_contact"]  # 1 Dec (visit evaluation) is 9 days away
    item = response.context["this_week"][0]
    assert item.status == "overdue"
    assert f'href="{item.url}"' in response.content.decode()
    assert response.context["counts"] == {"overdue": 1, "week": 0}


def test_this_week_links_to_the_form_that_records_the_event(client, placement, pleegzorgbegeleider):
    event_types = pytest.importorskip("evaluations.forms").EVENT_TYPE_FOR_KIND
    with time_machine.travel(date(2026, 11, 28), tick=False):
        client.force_login(pleegzorgbegeleider)
        items = {i.kind: i for i in client.get("/").context["this_week"]}
    visit = items["visit_evaluation"]
    assert visit.records
    assert visit.url == reverse(
        "evaluations:record", args=[placement.reference, event_types["visit_evaluation"]]
    )


def test_other_professionals_placements_stay_out_of_the_caseload(
    client, placement, other_placement
):
    # A fixed name: a random one ("Noortje") can contain the child's name asserted absent below.
    colleague = UserFactory(person_type="pleegzorgbegeleider", full_name="Kees de Collega")
    client.force_login(colleague)
    response = client.get("/")
    assert _rows(response) == []
    assert response.context["this_week"] == []
    assert placement.child.first_name not in response.content.decode()


def test_team_lead_sees_the_organisations_placements_and_their_week(
    client, placement, other_placement, organisation
):
    lead = UserFactory(
        person_type="pleegzorgbegeleider", organisation=organisation, is_team_lead=True
    )
    client.force_login(lead)
    response = client.get("/")
    assert set(_rows(response)) == {"PL-TEST-1", "PL-TEST-2"}
    assert {i.reference for i in response.context["this_week"]} == {
        "PL-TEST-1",
        "PL-TEST-2",
    }


def test_foster_parent_gets_the_portal_not_the_caseload(client, placement, foster_parent):
    client.force_login(foster_parent)
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == reverse("portal:home")


def test_pages_of_fifty(client, pleegzorgbegeleider, voogd, organisation, today):
    bulk_caseload(
        120,
        pleegzorgbegeleider=pleegzorgbegeleider,
        voogden=[voogd],
        today=today,
        provider=organisation,
    )
    client.force_login(pleegzorgbegeleider)
    first = client.get("/")
    assert len(_rows(first)) == 50
    assert first.context["page"].paginator.num_pages == 3
    last = client.get("/", {"page": 3, "variant": ""})
    assert len(_rows(last)) == 20
    html = last.content.decode()
    assert 'aria-current="page"' in html and "Vorige" in html
    # Past the end shows the last page; nonsense shows the first, as Django's get_page does.
    assert _rows(client.get("/", {"page": 99})) == _rows(last)
    assert _rows(client.get("/", {"page": "abc"})) == _rows(first)
    # The pages together are the whole caseload, each placement once, urgent ones first.
    pages = [_rows(client.get("/", {"page": n})) for n in (1, 2, 3)]
    assert len({ref for page in pages for ref in page}) == 120
    dues = [
        p.next_due for n in (1, 2, 3) for p in client.get("/", {"page": n}).context["placements"]
    ]
    assert dues == sorted(dues)


def test_queries_do_not_grow_with_the_caseload(
    client,
    pleegzorgbegeleider,
    voogd,
    organisation,
    today,
    django_assert_num_queries,
    django_assert_max_num_queries,
):
    other_voogd = UserFactory(person_type="voogd")
    client.force_login(pleegzorgbegeleider)
    bulk_caseload(
        10,
        pleegzorgbegeleider=pleegzorgbegeleider,
        voogden=[voogd, other_voogd],
        today=today,
        prefix="SMALL",
    )
    with CaptureQueriesContext(connection) as at_10:
        response = client.get("/")
    assert response.context["page"].paginator.count == 10
    # Session, user, second factor; the voogd filter (2); the page, its voogden and deadlines
    # (3); this week's counts and list (2); the navigation's reminders (1, none open); the
    # access-log row.
    assert len(at_10) == 12

    bulk_caseload(
        190,
        pleegzorgbegeleider=pleegzorgbegeleider,
        voogden=[voogd, other_voogd],
        today=today,
        prefix="LARGE",
    )
    with django_assert_num_queries(len(at_10)):
        response = client.get("/")
    assert response.context["page"].paginator.count == 200
    assert len(response.context["this_week"]) > 10  # the week list is filled, same queries

    # And the same holds with every filter on.
    params = {"q": "kind", "urgency": "overdue", "variant": "hulpverlening", "voogd": voogd.pk}
    with django_assert_max_num_queries(len(at_10) + 1):  # +1: the chosen voogd is looked up
        assert client.get("/", params).status_code == 200

    # A caseload of 1,000 placements: still the same queries.
    bulk_caseload(
        800,
        pleegzorgbegeleider=pleegzorgbegeleider,
        voogden=[voogd, other_voogd],
        today=today,
        prefix="HUGE",
    )
    with django_assert_num_queries(len(at_10)):
        response = client.get("/")
    assert response.context["page"].paginator.count == 1000
    assert len(response.context["placements"]) == 50
