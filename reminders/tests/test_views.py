"""The professional's open reminders at /reminders/ and the count in the navigation."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from evaluations.models import Deadline
from reminders.context_processors import reminders as reminders_context
from reminders.sending import sweep_and_send_now
from tests.factories import MembershipFactory, PlacementFactory

pytestmark = pytest.mark.django_db

DUE = date(2026, 3, 31)


@pytest.fixture
def reminded(travel, make_deadline):
    """The voogd has had a digest with two items on DUE."""
    overdue = make_deadline(DUE - timedelta(days=3))
    soon = make_deadline(DUE + timedelta(days=5), kind="perspective_decision")
    travel(DUE)
    sweep_and_send_now(as_of=DUE)
    return overdue, soon


def test_the_voogd_sees_her_open_reminders_and_the_count(client, voogd, reminded):
    client.force_login(voogd)
    response = client.get(reverse("reminders:open"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Mijn herinneringen" in page
    assert "PL-REM-1" in page and "Noor" in page
    assert "Contact van de voogd met de ouders" in page
    assert "3 dagen te laat" in page
    assert "Perspectiefbesluit nemen" in page
    assert "over 5 dagen" in page
    assert "jij bent verantwoordelijk" in page
    assert "gemaild op 31 maart" in page
    assert reverse("cases:placement_detail", args=["PL-REM-1"]) in page
    assert reverse("evaluations:record", args=["PL-REM-1", "guardian-contact"]) in page
    # The navigation: "Herinneringen" with a badge of 2.
    assert 'Herinneringen <span class="badge rounded-pill text-bg-warning">2' in page


def test_a_done_deadline_leaves_the_list_and_the_count(client, voogd, reminded):
    overdue, _soon = reminded
    Deadline.objects.filter(pk=overdue.pk).update(status=Deadline.Status.DONE)
    client.force_login(voogd)
    page = client.get(reverse("reminders:open")).content.decode()
    assert "Contact van de voogd met de ouders" not in page
    assert 'text-bg-warning">1' in page


def test_the_pleegzorgbegeleider_sees_the_escalation(client, pleegzorgbegeleider, reminded):
    client.force_login(pleegzorgbegeleider)
    page = client.get(reverse("reminders:open")).content.decode()
    assert "te laat: jij hebt de regie" in page
    assert "ter informatie" in page  # the perspective decision: also reminded


def test_foster_parents_get_404(client, foster_parent, other_foster_parent, reminded):
    for person in (foster_parent, other_foster_parent):
        client.force_login(person)
        assert client.get(reverse("reminders:open")).status_code == 404


def test_another_professional_sees_nothing_of_this_placement(client, professional, reminded):
    other = PlacementFactory(reference="PL-ELDERS")
    MembershipFactory(placement=other, person=professional, role="pleegzorgbegeleider")
    client.force_login(professional)
    page = client.get(reverse("reminders:open")).content.decode()
    assert "PL-REM-1" not in page
    assert "Geen openstaande herinneringen" in page
    assert "text-bg-warning" not in page


def test_a_voogd_who_left_the_team_no_longer_sees_its_reminders(client, team, voogd, reminded):
    team.memberships.filter(person=voogd).update(end_date=DUE - timedelta(days=1))
    client.force_login(voogd)
    page = client.get(reverse("reminders:open"), follow=True).content.decode()
    assert "PL-REM-1" not in page


def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.get(reverse("reminders:open"))
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


def test_the_page_runs_a_fixed_number_of_queries(
    client, voogd, travel, make_deadline, django_assert_max_num_queries
):
    for n in range(6):
        placement = PlacementFactory(start_date=date(2026, 1, 1))
        MembershipFactory(placement=placement, person=voogd, role="voogd")
        make_deadline(DUE + timedelta(days=n), placement=placement)
    travel(DUE)
    sweep_and_send_now(as_of=DUE)
    client.force_login(voogd)
    # session, user, the verified second factor (django-otp's device); their reminders,
    # visible placements, the list; and the access log's one INSERT (a read of the
    # reminders page). The navigation's count is the list's length: no queries of its own.
    with django_assert_max_num_queries(7):
        response = client.get(reverse("reminders:open"))
    assert response.content.decode().count("/record/guardian-contact/") == 6


def test_the_nav_count_is_lazy_and_only_for_professionals(
    rf, voogd, foster_parent, reminded, django_assert_num_queries
):
    request = rf.get("/")
    request.user = foster_parent
    assert reminders_context(request) == {}
    request.user = voogd
    with django_assert_num_queries(0):
        context = reminders_context(request)  # nothing counted until a template asks
    with django_assert_num_queries(2):  # their open reminders, then which placements they see
        assert context["open_reminder_count"]() == 2
        assert context["open_reminder_count"]() == 2  # counted once per request
