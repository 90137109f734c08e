"""The sweep: which outbox rows an open deadline produces on each day, for whom, and how often."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from evaluations.models import Deadline
from reminders.models import Reminder
from reminders.services import reminders_sweep
from tests.factories import MembershipFactory, PlacementFactory, UserFactory

pytestmark = pytest.mark.django_db

DUE = date(2026, 3, 31)


def sweep_today():
    return reminders_sweep(as_of=timezone.localdate())


def rows():
    return sorted(
        (r.recipient.email, r.stage, r.occurrence, r.reason)
        for r in Reminder.objects.select_related("recipient")
    )


@pytest.mark.parametrize(
    ("days_from_due", "expected"),
    [
        (-15, []),
        (-14, [("marieke@example.org", "due_soon", 1, "responsible")]),
        (-1, [("marieke@example.org", "due_soon", 1, "responsible")]),
        (0, [("marieke@example.org", "due", 1, "responsible")]),
        (
            1,
            [
                ("marieke@example.org", "overdue", 1, "responsible"),
                ("sanne@example.org", "overdue", 1, "escalated"),
            ],
        ),
        (
            7,
            [
                ("marieke@example.org", "overdue", 1, "responsible"),
                ("sanne@example.org", "overdue", 1, "escalated"),
            ],
        ),
        (
            8,
            [
                ("marieke@example.org", "overdue", 2, "responsible"),
                ("sanne@example.org", "overdue", 2, "escalated"),
            ],
        ),
    ],
)
def test_each_stage_boundary_with_the_clock_frozen(travel, make_deadline, days_from_due, expected):
    make_deadline(DUE)  # guardian_contact: the voogd is responsible, nobody else is told
    travel(DUE + timedelta(days=days_from_due))
    sweep_today()
    assert rows() == expected


def test_a_deadline_walks_through_its_stages_once_each(travel, make_deadline):
    make_deadline(DUE)
    for days in range(-20, 16):
        travel(DUE + timedelta(days=days))
        sweep_today()
        sweep_today()  # every sweep may run twice (hourly at :15): it adds nothing
    voogd_rows = [(s, o) for email, s, o, _r in rows() if email == "marieke@example.org"]
    assert voogd_rows == [
        ("due", 1),
        ("due_soon", 1),
        ("overdue", 1),
        ("overdue", 2),
        ("overdue", 3),
    ]


def test_after_an_outage_only_the_latest_stage_is_written(travel, make_deadline):
    # The sweep did not run from 20 days before the due date until 16 days after it.
    make_deadline(DUE)
    travel(DUE + timedelta(days=16))
    sweep_today()
    assert rows() == [
        ("marieke@example.org", "overdue", 3, "responsible"),
        ("sanne@example.org", "overdue", 3, "escalated"),
    ]


def test_also_reminded_roles_are_told_and_the_family_never(travel, make_deadline, foster_parent):
    make_deadline(DUE, kind="perspective_decision")
    travel(DUE - timedelta(days=3))
    sweep_today()
    assert rows() == [
        ("marieke@example.org", "due_soon", 1, "responsible"),
        ("sanne@example.org", "due_soon", 1, "informed"),
    ]
    assert not Reminder.objects.filter(recipient=foster_parent).exists()


def test_a_family_member_in_a_professional_role_by_mistake_gets_nothing(
    travel, make_deadline, team, foster_parent
):
    MembershipFactory(placement=team, person=foster_parent, role="voogd")
    make_deadline(DUE)
    travel(DUE)
    sweep_today()
    assert not Reminder.objects.filter(recipient=foster_parent).exists()


def test_only_current_members_are_reminded(travel, make_deadline, team, voogd):
    team.memberships.filter(person=voogd).update(end_date=DUE - timedelta(days=10))
    new_voogd = UserFactory(email="joost@example.org", person_type="voogd")
    MembershipFactory(
        placement=team, person=new_voogd, role="voogd", start_date=DUE - timedelta(days=9)
    )
    make_deadline(DUE)
    travel(DUE)
    sweep_today()
    assert rows() == [("joost@example.org", "due", 1, "responsible")]


def test_closed_deadlines_and_ended_placements_remind_nobody(travel, make_deadline, team):
    make_deadline(DUE, status=Deadline.Status.DONE)
    ended = PlacementFactory(start_date=date(2026, 1, 1), end_date=DUE - timedelta(days=1))
    MembershipFactory(placement=ended, person=UserFactory(person_type="voogd"), role="voogd")
    make_deadline(DUE, placement=ended)
    travel(DUE)
    sweep_today()
    assert rows() == []


def test_dry_run_plans_but_writes_nothing(travel, make_deadline):
    make_deadline(DUE)
    travel(DUE)
    result = reminders_sweep(as_of=DUE, dry_run=True)
    assert [(r.stage, r.reason) for r in result.new] == [("due", "responsible")]
    assert not Reminder.objects.exists()


def _placements_with_deadlines(count, voogd, pbg):
    for _ in range(count):
        placement = PlacementFactory(start_date=date(2026, 1, 1))
        MembershipFactory(placement=placement, person=voogd, role="voogd")
        MembershipFactory(placement=placement, person=pbg, role="pleegzorgbegeleider")
        for kind, offset in (("guardian_contact", -3), ("perspective_decision", 5)):
            Deadline.objects.create(
                placement=placement,
                kind=kind,
                due_date=DUE + timedelta(days=offset),
                basis_date=date(2026, 1, 1),
                responsible_role="voogd",
            )


@pytest.mark.parametrize("placements", [1, 25])
def test_the_sweep_runs_a_fixed_number_of_queries(
    travel, voogd, pleegzorgbegeleider, placements, django_assert_max_num_queries
):
    _placements_with_deadlines(placements, voogd, pleegzorgbegeleider)
    travel(DUE)
    # deadlines, memberships, existing rows, one INSERT, and the heartbeat upsert (with its
    # savepoints): the same at 1 and at 25 placements.
    with django_assert_max_num_queries(10):
        result = sweep_today()
    assert result.deadlines == 2 * placements
    assert Reminder.objects.count() == 4 * placements
    with django_assert_max_num_queries(10):
        again = sweep_today()
    assert again.new == []
