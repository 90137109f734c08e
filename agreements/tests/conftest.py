"""Fixtures for the plan: an adopted version with a shared agreement, a bezoekregeling and a
professionals-only agreement whose text must never reach a foster parent."""

from datetime import date

import pytest

from agreements import services
from agreements.models import Agreement

# Searched for in every page, print and email a foster parent gets: it must never be there.
SECRET = "Moeder krijgt geen adres van het pleeggezin (alleen professionals)"
SHARED = "Pleegouders brengen Noor op maandag naar school en halen haar op."
VISITS = "Noor ziet haar moeder op het kantoor van Pleegzorg."
GOAL = "Noor slaapt vijf nachten per week zelfstandig in haar eigen bed."


def build_plan(placement, author, *, adopt=True, adopted_on=date(2026, 10, 1)):
    """Version 1 with one goal and three agreements; adopted unless told otherwise."""
    version = services.plan_version_start(placement=placement, created_by=author)
    services.goal_add(version=version, description=GOAL, target_date=date(2027, 3, 1))
    services.agreement_add(
        version=version,
        changed_by=author,
        category=Agreement.Category.SCHOOL,
        text=SHARED,
        owner_role="pleegouder",
        concerns="Noor",
    )
    services.agreement_add(
        version=version,
        changed_by=author,
        category=Agreement.Category.CONTACT_PARENTS,
        text=VISITS,
        owner_role="pleegzorgbegeleider",
        visit_frequency=Agreement.VisitFrequency.BIWEEKLY,
        visit_form=Agreement.VisitForm.SUPERVISED,
        visit_location="Kantoor Pleegzorg Voorbeeldstad",
        visit_duration_minutes=90,
    )
    services.agreement_add(
        version=version,
        changed_by=author,
        category=Agreement.Category.CONTACT_PARENTS,
        text=SECRET,
        owner_role="voogd",
        audiences=[],  # the regie only (was "professionals only")
    )
    if adopt:
        version = services.plan_version_adopt(
            version=version, adopted_on=adopted_on, adopted_by=author, notify_team=False
        )
    return version


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """PBKDF2 takes 0.3 s per person here and every test creates four or five; what these
    tests check does not depend on the hasher."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def frozen_today(time_machine):
    """A fixed 'now' after the placement fixture's start date (1 September 2026)."""
    time_machine.move_to("2026-11-02 10:00:00+01:00", tick=False)


@pytest.fixture
def plan(db, frozen_today, placement, pleegzorgbegeleider):
    return build_plan(placement, pleegzorgbegeleider)


@pytest.fixture
def other_plan(db, frozen_today, other_placement, organisation):
    from tests.factories import UserFactory

    lead = UserFactory(
        email="lead@example.org",
        person_type="pleegzorgbegeleider",
        organisation=organisation,
        is_team_lead=True,
    )
    return build_plan(other_placement, lead)
