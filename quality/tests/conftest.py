"""Hand-made cases for the quality figures: placements, memberships and stored deadlines
written directly, so every expected figure can be computed by hand from the test itself.

The day is fixed (Sunday 22 November 2026); the default period is then 1 December 2025 to
22 November 2026.
"""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from accounts.models import Organisation
from cases.models import Child, Placement
from evaluations import rules
from evaluations.models import Deadline
from tests.factories import UserFactory
from zorgteam.models import Membership, Role

TODAY = date(2026, 11, 22)
AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def moment(day, hour=10):
    return datetime(day.year, day.month, day.day, hour, tzinfo=AMSTERDAM)


@pytest.fixture(autouse=True)
def today(request):
    if request.node.get_closest_marker("browser"):
        yield None  # browser tests run on the real clock (see dashboard/tests/conftest.py)
        return
    with time_machine.travel(moment(TODAY), tick=False):
        yield TODAY


@pytest.fixture
def org(db):
    return Organisation.objects.create(name="Pleegzorg Noord")


@pytest.fixture
def gi(db):
    return Organisation.objects.create(
        name="Jeugdbescherming Noord", kind=Organisation.Kind.CERTIFIED_INSTITUTION
    )


@pytest.fixture
def lead(org):
    return UserFactory(
        email="lead@example.org",
        full_name="Lotte Leider",
        person_type="pleegzorgbegeleider",
        organisation=org,
        is_team_lead=True,
    )


def professional(email, name, person_type, organisation=None):
    return UserFactory(
        email=email, full_name=name, person_type=person_type, organisation=organisation
    )


def placement(reference, start, *, provider, birth=None, end=None, reason=""):
    child = Child.objects.create(first_name=f"Kind {reference}", birth_date=birth)
    return Placement.objects.create(
        reference=reference,
        child=child,
        start_date=start,
        end_date=end,
        end_reason_kind=reason,
        provider=provider,
    )


def member(p, person, role, start=None, end=None):
    return Membership.objects.create(
        placement=p, person=person, role=role, start_date=start or p.start_date, end_date=end
    )


def deadline(p, kind, due, closed=None, *, status=None, key="", role=None):
    """A stored deadline. Closed on a day: done; without: open; or give the status."""
    if status is None:
        status = Deadline.Status.DONE if closed else Deadline.Status.OPEN
    if role is None:
        rule = rules.RULES_BY_KIND.get(kind)
        role = (
            rule.responsible
            if rule and rule.responsible != rules.NEW_PROFESSIONAL
            else Role.PLEEGZORGBEGELEIDER
        )
    return Deadline.objects.create(
        placement=p,
        kind=kind,
        key=key,
        due_date=due,
        basis_date=due,
        responsible_role=role,
        status=status,
        closed_on=closed,
    )
