"""Fixtures for the collaboration tests: a fixed day, a placement registered at intake (it
owes a start meeting), and a teacher in the team who reads but does not record."""

from datetime import date

import pytest

from tests.factories import MembershipFactory, UserFactory

TODAY = date(2026, 11, 20)


@pytest.fixture
def frozen_day():
    return TODAY


@pytest.fixture
def new_placement(organisation, pleegzorgbegeleider, voogd, foster_parent, today):
    """Registered at intake today: Sanne, Marieke and Familie Visser; a start meeting is due.

    Marieke and Familie Visser are invited at intake; here they have accepted (their
    memberships start on the intake's date, as an accepted invitation's would)."""
    from lifecycle.intake import placement_intake
    from zorgteam.services import membership_add

    placement = placement_intake(
        child_first_name="Daan",
        child_last_name="Kok",
        child_birth_date=date(2016, 6, 1),
        start_date=today,
        variant="hulpverlening",
        care_kind="bestand",
        legal_frame="vrijwillig",
        provider=organisation,
        members=[],
        registering_pleegzorgbegeleider=pleegzorgbegeleider,
        recorded_by=pleegzorgbegeleider,
    )
    for person, role in ((voogd, "voogd"), (foster_parent, "pleegouder")):
        membership_add(placement=placement, person=person, role=role, start_date=today)
    return placement


@pytest.fixture
def docent(placement):
    teacher = UserFactory(email="juf@example.org", person_type="professional")
    MembershipFactory(placement=placement, person=teacher, role="docent")
    return teacher


@pytest.fixture
def parent(placement):
    mother = UserFactory(email="moeder@example.org", full_name="Moeder Bakker", person_type="ouder")
    MembershipFactory(placement=placement, person=mother, role="ouder")
    return mother
