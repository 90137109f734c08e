"""`manage.py deadlines`: the open deadlines as of a day, as JSON or a table."""

import json
from datetime import date
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from cases.services import placement_create, placement_end
from tests.factories import UserFactory
from zorgteam.services import membership_add, membership_replace

pytestmark = pytest.mark.django_db

D = date
KEYS = {"placement", "kind", "due", "status", "responsible", "responsible_email"}


def run(*args):
    out = StringIO()
    call_command("deadlines", *args, stdout=out)
    return out.getvalue()


def listing(*args):
    return json.loads(run("--format", "json", *args))


def test_json_lists_every_open_deadline_with_exactly_the_promised_keys(placement):
    rows = listing("--as-of", "2026-11-20")
    assert all(set(row) == KEYS for row in rows)
    assert [(r["kind"], r["due"], r["status"]) for r in rows] == [
        ("guardian_contact", "2026-10-13", "overdue"),
        ("perspective_study_start", "2026-12-01", "due_soon"),
        ("visit_evaluation", "2026-12-01", "due_soon"),
        ("perspective_decision", "2027-06-01", "upcoming"),
        ("child_joins_zorgteam", "2031-03-04", "upcoming"),
    ]
    by_kind = {r["kind"]: r for r in rows}
    assert by_kind["guardian_contact"]["responsible"] == "voogd"
    assert by_kind["guardian_contact"]["responsible_email"] == "marieke@example.org"
    assert by_kind["visit_evaluation"]["responsible"] == "pleegzorgbegeleider"
    assert by_kind["visit_evaluation"]["responsible_email"] == "sanne@example.org"
    assert {r["placement"] for r in rows} == {"PL-TEST-1"}


@pytest.mark.parametrize(
    ("as_of", "status"),
    [
        ("2026-12-02", "overdue"),  # due the day before
        ("2026-12-01", "due_soon"),  # due on the day
        ("2026-11-17", "due_soon"),  # 14 days ahead
        ("2026-11-16", "upcoming"),  # 15 days ahead
    ],
)
def test_status_boundaries(placement, as_of, status):
    rows = listing("--as-of", as_of, "--placement", "PL-TEST-1")
    visit = next(r for r in rows if r["kind"] == "visit_evaluation")
    assert (visit["due"], visit["status"]) == ("2026-12-01", status)


def test_sorted_by_due_date_then_placement_then_kind(placement, other_placement):
    rows = listing("--as-of", "2026-11-20")
    keys = [(r["due"], r["placement"], r["kind"]) for r in rows]
    assert keys == sorted(keys)
    # Same due date in two placements: placement order decides.
    assert {r["placement"] for r in rows} == {"PL-TEST-1", "PL-TEST-2"}


def test_the_default_as_of_is_today(placement):
    assert listing() == listing("--as-of", "2026-11-20")


def test_placement_filter_and_unknown_reference(placement, other_placement):
    rows = listing("--placement", "PL-TEST-2")
    assert rows and {r["placement"] for r in rows} == {"PL-TEST-2"}
    with pytest.raises(CommandError, match="NOPE"):
        run("--placement", "NOPE")


def test_ended_placement_lists_nothing_from_its_end_date(placement):
    placement_end(placement=placement, end_date=D(2026, 12, 15), reason="Terug naar huis")
    # Still running on the day before the end: what falls due before it is listed.
    assert [r["kind"] for r in listing("--as-of", "2026-12-14")] == [
        "guardian_contact",
        "perspective_study_start",
        "visit_evaluation",
    ]
    assert listing("--as-of", "2026-12-15") == []
    assert listing("--as-of", "2027-01-01") == []


def test_ended_placement_today_lists_nothing(placement):
    placement_end(placement=placement, end_date=D(2026, 11, 20), reason="Terug naar huis")
    assert listing("--placement", "PL-TEST-1") == []


def test_handover_is_for_the_new_professional(placement, voogd):
    new_voogd = UserFactory(email="joost@example.org", person_type="voogd")
    membership_replace(
        membership=placement.memberships.get(person=voogd),
        new_person=new_voogd,
        change_date=D(2026, 11, 16),
    )
    rows = listing("--as-of", "2026-11-20")
    handover = next(r for r in rows if r["kind"] == "handover")
    assert handover == {
        "placement": "PL-TEST-1",
        "kind": "handover",
        "due": "2026-11-30",
        "status": "due_soon",
        "responsible": "voogd",
        "responsible_email": "joost@example.org",
    }
    contact = next(r for r in rows if r["kind"] == "guardian_contact")
    assert contact["responsible_email"] == "joost@example.org"


def test_nobody_in_the_role_gives_no_email(db):
    placement_create(reference="PL-EMPTY", child_first_name="Sem", start_date=D(2026, 11, 1))
    rows = listing("--placement", "PL-EMPTY")
    assert rows and all(r["responsible_email"] is None for r in rows)


def test_table_format(placement):
    table = run("--as-of", "2026-11-20", "--placement", "PL-TEST-1").splitlines()
    assert table[0].split() == [
        "plaatsing",
        "termijn",
        "uiterlijk",
        "status",
        "verantwoordelijke",
        "e-mail",
    ]
    assert table[1].split() == [
        "PL-TEST-1",
        "guardian_contact",
        "2026-10-13",
        "te",
        "laat",
        "voogd",
        "marieke@example.org",
    ]
    assert len(table) == 6


def test_two_queries_whatever_the_number_of_placements(
    placement, other_placement, django_assert_num_queries
):
    for n in range(5):
        p = placement_create(
            reference=f"PL-MANY-{n}", child_first_name="Kind", start_date=D(2026, 10, 1)
        )
        membership_add(
            placement=p,
            person=UserFactory(person_type="voogd"),
            role="voogd",
            start_date=p.start_date,
        )
    with django_assert_num_queries(2):
        rows = listing("--as-of", "2026-11-20")
    assert len({r["placement"] for r in rows}) == 7


def test_bad_as_of_is_an_error(placement):
    with pytest.raises(CommandError, match="31-31-2026"):
        run("--as-of", "31-31-2026")
