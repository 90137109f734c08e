"""The professionals' placement page: the essentials first, then the zorgteam, then sections."""

from datetime import date, datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from agreements.services import meeting_request_create
from collaboration.models import Decision
from collaboration.services import decision_record
from collaboration.services.decisions import explanation_request_create
from collaboration.services.meetings import meeting_record
from evaluations.services.events import court_order_record
from tests.factories import UserFactory
from zorgteam.services import membership_add, membership_replace

pytestmark = pytest.mark.django_db


@pytest.fixture
def frozen_day():
    return date(2026, 11, 22)


def _page(client, user, placement):
    client.force_login(user)
    response = client.get(reverse("cases:placement_detail", args=[placement.reference]))
    assert response.status_code == 200
    return response.content.decode().replace("\xa0", " ")


def test_essentials_come_first(client, placement, pleegzorgbegeleider):
    html = _page(client, pleegzorgbegeleider, placement)
    assert "Noor Bakker" in html
    assert "7 jaar" in html  # born 4 March 2019
    assert "Hulpverleningsvariant" in html
    assert "2 maanden, 3 weken" in html  # since 1 September
    assert "Vrijwillig" in html  # legal frame
    # The responsible people, with how to reach them, before the zorgteam.
    responsible = html.index("Verantwoordelijk")
    assert html.index("Sanne de Vries", responsible) < html.index('id="team-heading"')
    assert html.index("Marieke Jansen") < html.index('id="team-heading"')
    # The open deadlines, in words as well as colour.
    assert "Te laat" in html and "Contact van de voogd met de ouders" in html
    assert html.index('id="team-heading"') < html.index('class="placement-sections"')


def test_the_new_voogd_is_the_responsible_one_after_a_change(
    client, placement, pleegzorgbegeleider, voogd
):
    new = UserFactory(full_name="Joost Bakker", person_type="voogd")
    membership_replace(
        membership=placement.memberships.get(person=voogd),
        new_person=new,
        change_date=datetime(2026, 11, 1).date(),
    )
    html = _page(client, pleegzorgbegeleider, placement)
    essentials = html[: html.index('id="team-heading"')]
    assert "Joost Bakker" in essentials and "Marieke Jansen" not in essentials
    assert "Warme overdracht aan de nieuwe professional" in essentials
    assert "Eerdere leden" in html


def test_a_professional_outside_the_team_gets_404(client, placement):
    # A fixed name: a random one ("de Plas-Noordijk") can contain the child's name.
    stranger = UserFactory(full_name="Vera Elders", person_type="pleegzorgbegeleider")
    client.force_login(stranger)
    response = client.get(reverse("cases:placement_detail", args=[placement.reference]))
    assert response.status_code == 404
    assert "Noor" not in response.content.decode()


def test_other_family_gets_404(client, placement, other_foster_parent):
    client.force_login(other_foster_parent)
    response = client.get(reverse("cases:placement_detail", args=[placement.reference]))
    assert response.status_code == 404


def test_queries_do_not_grow_with_the_team(
    client, placement, pleegzorgbegeleider, django_assert_max_num_queries
):
    client.force_login(pleegzorgbegeleider)
    url = reverse("cases:placement_detail", args=[placement.reference])
    with CaptureQueriesContext(connection) as before:
        client.get(url)
    for _ in range(5):
        membership_add(
            placement=placement,
            person=UserFactory(person_type="netwerk"),
            role="netwerk",
            start_date=placement.start_date,
        )
    with django_assert_max_num_queries(len(before)):
        client.get(url)


def _tables_read(queries, table):
    """The queries that fetch rows of `table` (not those that only look into it in a
    subquery, as the access checks and the access log's INSERT do)."""
    return [q["sql"] for q in queries if q["sql"].startswith(f'SELECT "{table}".')]


def test_the_team_and_the_deadlines_are_read_once(
    client, placement, pleegzorgbegeleider, voogd, foster_parent, django_assert_max_num_queries
):
    """The page asks who is in the team in six places (the reader's roles, the team list,
    who is responsible, the plan's family, who holds the regie, who may record) and for the
    deadlines in two sections: one query each."""
    meetings = []
    for n in range(3):  # the collaboration's records, each with who wrote them
        meeting_request_create(placement=placement, requested_by=voogd, reason=f"Overleg {n}")
        decision = decision_record(
            placement=placement,
            date=placement.start_date,
            subject=f"Besluit {n}",
            decision="Besluit",
            decided_by=voogd,
            decided_by_role="voogd",
            consulted="De pleegouders",
            foster_parents_view="Goed",
            explanation="Waarom",
            recorded_by=voogd,
        )
        # An open question opens a deadline that links to its decision.
        explanation_request_create(decision=decision, requested_by=foster_parent)
        outcome = meeting_record(
            placement=placement,
            date=date(2026, 10, 1 + n),
            kind="evaluation",
            participants="Sanne, Marieke",
            agenda=[],
            recorded_by=voogd,
        )
        meetings.append(outcome.record.meeting)
        court_order_record(placement=placement, date=date(2026, 10, 1 + n), kind="ots")
    client.force_login(pleegzorgbegeleider)
    url = reverse("cases:placement_detail", args=[placement.reference])
    client.get(url)
    # session, user, OTP device, placement; the team; the deadlines; the plan's versions
    # (its open comments only when there is a version); six kinds of events (the court
    # orders also for the placement's life, the zorgteam meetings also for the meeting
    # records, the requests they answered and held handovers) and the variant changes; the
    # collaboration's meeting requests, decisions (and the family's questions), meeting
    # records and staff changes; the navigation's reminder count (one query while the
    # person has no reminder); the access log's INSERT
    with django_assert_max_num_queries(21) as page:
        response = client.get(url)
    assert response.status_code == 200
    queries = page.captured_queries
    once = [
        "zorgteam_membership",
        "evaluations_deadline",
        "cases_variantchange",
        # Read once for the sections that show them (evaluations.selectors.placement_events).
        "evaluations_courtorder",
        "evaluations_zorgteammeeting",
        # The collaboration sections and the timeline share one read (collaboration.reads).
        "agreements_meetingrequest",
        "collaboration_decision",
        "collaboration_explanationrequest",
        "collaboration_meetingrecord",
        "collaboration_staffchange",
    ]
    assert {table: len(_tables_read(queries, table)) for table in once} == dict.fromkeys(once, 1)
    html = response.content.decode()
    assert html.count("Besluit 2") >= 2  # in the log and the timeline
    assert "1 open vraag" in html  # each decision's question, counted from the one read
    for decision in Decision.objects.filter(placement=placement):  # the questions' deadlines
        assert (
            reverse("collaboration:decision_detail", args=[placement.reference, decision.pk])
            + "#explain"
            in html
        )
    for meeting in meetings:  # each meeting record, linked to its meeting
        assert (
            reverse("collaboration:meeting_detail", args=[placement.reference, meeting.pk]) in html
        )
