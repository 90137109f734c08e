"""Each risk signal on hand-made placements, the ranking and the counts; and the signals in
SQL against their pure definitions at the edges. Today: 22 November 2026.

R1 since 1 Jan 2025: pleegzorgbegeleider changed 1 Mar 2026, voogd 1 Aug 2026    -> 2 changes
R2 since 1 Mar 2025: last meeting 1 Apr 2026 (before 22 May), visit evaluation open since
   1 Nov, a request of 1 Nov still open (21 days), no adopted plan        -> four signals
R3 since 15 Nov 2026: nothing yet, and nothing is due yet                 -> no signal
R4 since 1 Jun 2025: plan version 2 adopted 1 Oct 2026, the foster family last looked
   15 Sep; a request of 10 Nov (12 days: not yet)                         -> the family
R5 ended 1 Oct 2026 with everything overdue: not running                  -> not listed
"""

from datetime import date, timedelta

import pytest

from accounts.models import User
from agreements.models import MeetingRequest, PlanVersion, PortalVisit
from evaluations import rules
from evaluations.models import ZorgteamMeeting
from quality import definitions as d
from quality import risk
from quality.definitions import default_period
from quality.scope import Scope
from tests.factories import UserFactory

from .conftest import TODAY, deadline, member, moment, placement, professional
from .test_definitions import MEETINGS, PLANS, REQUESTS
from .test_endings import request

pytestmark = pytest.mark.django_db

D = date


def meeting(p, day):
    return ZorgteamMeeting.objects.create(
        placement=p, date=day, kind=ZorgteamMeeting.Kind.EVALUATION, participants="Zorgteam"
    )


def plan(p, number, adopted_on):
    return PlanVersion.objects.create(
        placement=p,
        number=number,
        status=PlanVersion.Status.ADOPTED,
        adopted_on=adopted_on,
        adopted_at=moment(adopted_on),
    )


def family(p, email, last_visit=None):
    parent = UserFactory(email=email, person_type="pleegouder")
    member(p, parent, "pleegouder")
    if last_visit:
        PortalVisit.objects.create(person=parent, placement=p, last_visit_at=moment(last_visit))
    return parent


@pytest.fixture
def world(org, gi, lead):
    a = professional("anna@example.org", "Anna", "pleegzorgbegeleider", org)
    b = professional("bram@example.org", "Bram", "pleegzorgbegeleider", org)
    v = professional("vera@example.org", "Vera", "voogd", gi)
    w = professional("wim@example.org", "Wim", "voogd")

    r1 = placement("R1", D(2025, 1, 1), provider=org)
    member(r1, a, "pleegzorgbegeleider", end=D(2026, 2, 28))
    member(r1, b, "pleegzorgbegeleider", start=D(2026, 3, 1))
    member(r1, v, "voogd", end=D(2026, 7, 31))
    member(r1, w, "voogd", start=D(2026, 8, 1))
    meeting(r1, D(2026, 10, 1))
    plan(r1, 1, D(2025, 1, 20))
    family(r1, "r1@example.org", last_visit=D(2026, 11, 1))

    r2 = placement("R2", D(2025, 3, 1), provider=org)
    member(r2, a, "pleegzorgbegeleider")
    meeting(r2, D(2026, 4, 1))
    deadline(r2, rules.VISIT_EVALUATION, D(2026, 11, 1))
    request(r2, D(2026, 11, 1))
    family(r2, "r2@example.org")

    placement("R3", D(2026, 11, 15), provider=org)

    r4 = placement("R4", D(2025, 6, 1), provider=org)
    meeting(r4, D(2026, 10, 1))
    plan(r4, 1, D(2025, 6, 20))
    plan(r4, 2, D(2026, 10, 1))
    family(r4, "r4@example.org", last_visit=D(2026, 9, 15))
    request(r4, D(2026, 11, 10))

    r5 = placement("R5", D(2024, 1, 1), provider=org, end=D(2026, 10, 1), reason="parents")
    deadline(r5, rules.VISIT_EVALUATION, D(2026, 1, 1))

    other = placement("X1", D(2024, 1, 1), provider=gi)
    deadline(other, rules.VISIT_EVALUATION, D(2026, 1, 1))
    return lead


def scope(user):
    return Scope(user, TODAY, default_period(TODAY))


def flags(row):
    return {s for s in risk.SIGNALS if row[f"flag_{s}"]}


def test_each_signal_and_the_ranking(world):
    rows, _counts = risk.ranked(scope(world))
    assert [(r.reference, flags(r)) for r in rows] == [
        ("R2", {risk.NO_MEETING, risk.OVERDUE_EVALUATION, risk.WAITING_REQUEST, risk.NO_PLAN}),
        ("R1", {risk.STAFF_CHANGES}),
        ("R4", {risk.FAMILY_NOT_LOOKED}),
    ]
    r2 = rows[0]
    assert (r2.overdue_since, r2.request_on, r2.last_meeting) == (
        D(2026, 11, 1),
        D(2026, 11, 1),
        D(2026, 4, 1),
    )
    assert rows[1].staff_changes == 2


def test_counts(world):
    _rows, counts = risk.ranked(scope(world))
    assert (counts.running, counts.at_risk) == (4, 3)
    assert counts.per_signal == dict.fromkeys(risk.SIGNALS, 1)


def test_one_signal_and_pages(world):
    rows, counts = risk.ranked(scope(world), signal=risk.FAMILY_NOT_LOOKED)
    assert [r.reference for r in rows] == ["R4"] and counts.matching == 1
    rows, counts = risk.ranked(scope(world), limit=1, offset=1)
    assert [r.reference for r in rows] == ["R1"] and counts.matching == 3
    rows, _counts = risk.ranked(scope(world), everything=True)
    assert [r.reference for r in rows] == ["R2", "R1", "R4"]


def test_a_professional_sees_the_signals_of_their_own_caseload(world):
    bram = risk.ranked(scope(User.objects.get(email="bram@example.org")))
    assert [r.reference for r in bram[0]] == ["R1"]


# --- The SQL of the signals against the pure definitions, at their edges ------------------


@pytest.mark.parametrize(("start", "last", "signal"), MEETINGS)
def test_no_meeting_signal_matches_the_definition(lead, org, start, last, signal):
    p = placement("M", start, provider=org)
    plan(p, 1, start)
    if last:
        meeting(p, last)
    rows, _ = risk.ranked(scope(lead))
    assert (risk.NO_MEETING in flags(rows[0]) if rows else False) is signal
    assert d.no_recent_meeting(start=start, last_meeting=last, as_of=TODAY) is signal


@pytest.mark.parametrize(("start", "has_plan", "signal"), PLANS)
def test_no_plan_signal_matches_the_definition(lead, org, start, has_plan, signal):
    p = placement("N", start, provider=org)
    meeting(p, TODAY)
    if has_plan:
        plan(p, 1, start)
    rows, _ = risk.ranked(scope(lead))
    assert (risk.NO_PLAN in flags(rows[0]) if rows else False) is signal


@pytest.mark.parametrize(("created", "handled", "waited"), [r for r in REQUESTS if r[1] is None])
def test_waiting_request_signal_matches_the_definition(lead, org, created, handled, waited):
    p = placement("Q", D(2026, 10, 1), provider=org)
    plan(p, 1, D(2026, 10, 1))
    request(p, created)
    rows, _ = risk.ranked(scope(lead))
    assert (risk.WAITING_REQUEST in flags(rows[0]) if rows else False) is waited


@pytest.mark.parametrize(("changes", "signal"), [(1, False), (2, True), (3, True)])
def test_staff_change_signal_needs_two(lead, org, changes, signal):
    p = placement("S", D(2024, 1, 1), provider=org)
    plan(p, 1, D(2024, 1, 10))
    meeting(p, TODAY)
    for i in range(changes + 1):
        person = professional(f"p{i}@example.org", f"P{i}", "pleegzorgbegeleider", org)
        member(p, person, "pleegzorgbegeleider", start=D(2024, 1, 1) if i == 0 else D(2026, i, 1))
    rows, _ = risk.ranked(scope(lead))
    assert (risk.STAFF_CHANGES in flags(rows[0]) if rows else False) is signal


@pytest.mark.parametrize(
    ("adopted_on", "visit_delta", "signal"),
    [
        (D(2026, 10, 1), None, True),
        (D(2026, 10, 1), timedelta(days=-1), True),
        (D(2026, 10, 1), timedelta(0), False),
        (D(2026, 11, 8), None, True),  # 14 days ago
        (D(2026, 11, 9), None, False),  # 13 days ago: still time
    ],
)
def test_family_signal_matches_the_definition(lead, org, adopted_on, visit_delta, signal):
    p = placement("F", D(2025, 1, 1), provider=org)
    meeting(p, TODAY)
    version = plan(p, 1, adopted_on)
    parent = family(p, "f@example.org")
    visit = None
    if visit_delta is not None:
        visit = version.adopted_at + visit_delta
        PortalVisit.objects.create(person=parent, placement=p, last_visit_at=visit)
    rows, _ = risk.ranked(scope(lead))
    assert (risk.FAMILY_NOT_LOOKED in flags(rows[0]) if rows else False) is signal
    assert (
        d.family_has_not_looked(
            adopted_on=adopted_on,
            adopted_at=version.adopted_at,
            family_last_visit=visit,
            has_family=True,
            as_of=TODAY,
        )
        is signal
    )


def test_a_former_foster_parent_looking_does_not_count(lead, org):
    p = placement("G", D(2025, 1, 1), provider=org)
    meeting(p, TODAY)
    plan(p, 1, D(2026, 10, 1))
    family(p, "now@example.org")
    former = UserFactory(email="former@example.org", person_type="pleegouder")
    member(p, former, "pleegouder", end=D(2026, 6, 30))
    PortalVisit.objects.create(person=former, placement=p, last_visit_at=moment(D(2026, 11, 1)))
    rows, _ = risk.ranked(scope(lead))
    assert flags(rows[0]) == {risk.FAMILY_NOT_LOOKED}


def test_an_answered_request_is_not_waiting(lead, org):
    p = placement("H", D(2026, 10, 1), provider=org)
    plan(p, 1, D(2026, 10, 1))
    row = request(p, D(2026, 10, 1))
    MeetingRequest.objects.filter(pk=row.pk).update(
        status=MeetingRequest.Status.PLANNED, planned_on=TODAY, handled_at=moment(D(2026, 10, 5))
    )
    rows, _ = risk.ranked(scope(lead))
    assert rows == []
