"""Project-wide pytest fixtures: the people every test needs, the browser, the real services.

The people follow healthchecks' alice/bob/charlie: a pleegzorgbegeleider, a voogd, a foster
parent of the placement, and *another* foster parent who must see nothing of it.
"""

import os
from datetime import date

import pytest

from tests.factories import TEST_PASSWORD, OrganisationFactory, UserFactory, build_plan
from tests.services import chromium_path, require

# Playwright's sync API runs an event loop in the test thread; Django's ORM calls from the
# same thread are safe here (one thread, one connection), which this flag acknowledges.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # The production hasher is slow on purpose; tests hash a password for every person.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def password():
    return TEST_PASSWORD


@pytest.fixture
def organisation(db):
    return OrganisationFactory(name="Pleegzorg Testregio")


@pytest.fixture
def pleegzorgbegeleider(db, organisation):
    return UserFactory(
        email="sanne@example.org",
        full_name="Sanne de Vries",
        person_type="pleegzorgbegeleider",
        organisation=organisation,
    )


@pytest.fixture
def voogd(db):
    return UserFactory(email="marieke@example.org", full_name="Marieke Jansen", person_type="voogd")


@pytest.fixture
def foster_parent(db):
    return UserFactory(
        email="visser@example.org", full_name="Familie Visser", person_type="pleegouder"
    )


@pytest.fixture
def other_foster_parent(db):
    return UserFactory(email="smit@example.org", full_name="Familie Smit", person_type="pleegouder")


@pytest.fixture
def placement(db, pleegzorgbegeleider, voogd, foster_parent, organisation):
    """A running placement in the hulpverleningsvariant with a full zorgteam, via the services."""
    from cases.services import placement_create
    from zorgteam.services import membership_add

    p = placement_create(
        reference="PL-TEST-1",
        child_first_name="Noor",
        child_last_name="Bakker",
        child_birth_date=date(2019, 3, 4),
        start_date=date(2026, 9, 1),
        provider=organisation,
    )
    membership_add(
        placement=p,
        person=pleegzorgbegeleider,
        role="pleegzorgbegeleider",
        start_date=p.start_date,
        responsibilities="Regie; eerste aanspreekpunt",
    )
    membership_add(
        placement=p,
        person=voogd,
        role="voogd",
        start_date=p.start_date,
        responsibilities="Besluiten; contact met de ouders",
    )
    membership_add(
        placement=p,
        person=foster_parent,
        role="pleegouder",
        start_date=p.start_date,
        responsibilities="Dagelijkse zorg",
    )
    return p


@pytest.fixture
def other_placement(db, other_foster_parent, organisation):
    """Another family's placement: the first foster parent must never see any of it."""
    from cases.services import placement_create
    from zorgteam.services import membership_add

    p = placement_create(
        reference="PL-TEST-2",
        child_first_name="Mila",
        child_birth_date=date(2017, 7, 7),
        start_date=date(2026, 6, 1),
        provider=organisation,
    )
    membership_add(
        placement=p, person=other_foster_parent, role="pleegouder", start_date=p.start_date
    )
    return p


# --- A hulpverleningsplan (agreements, portal) ------------------------------------------------


@pytest.fixture
def frozen_today(time_machine):
    """A fixed 'now' after the placement fixture's start date (1 September 2026)."""
    time_machine.move_to("2026-11-02 10:00:00+01:00", tick=False)


@pytest.fixture
def plan(db, frozen_today, placement, pleegzorgbegeleider):
    return build_plan(placement, pleegzorgbegeleider)


@pytest.fixture
def other_plan(db, frozen_today, other_placement, organisation):
    lead = UserFactory(
        email="lead@example.org",
        person_type="pleegzorgbegeleider",
        organisation=organisation,
        is_team_lead=True,
    )
    return build_plan(other_placement, lead)


# --- Browser (Playwright on the system Chromium) ---------------------------------------------


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    path = chromium_path()
    args = {**browser_type_launch_args}
    if path:
        args["executable_path"] = path
    # No sandbox as root in containers; no background networking on a closed network.
    args["args"] = [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
        "--disable-sync",
    ]
    return args


@pytest.fixture
def browser_ready():
    require(chromium_path(), "Chromium is not installed (apt-get install chromium)")


@pytest.fixture
def login(live_server, password):
    """Log a person in through the real login form, as they would."""

    def _login(page, user):
        page.goto(f"{live_server.url}/accounts/login/")
        page.get_by_label("E-mailadres").fill(user.email)
        page.get_by_label("Wachtwoord").fill(password)
        page.get_by_role("button", name="Inloggen").click()
        page.wait_for_load_state("networkidle")
        return page

    return _login
