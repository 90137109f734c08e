"""Project-wide pytest fixtures: the people every test needs, the browser, the real services.

The people follow healthchecks' alice/bob/charlie: a pleegzorgbegeleider, a voogd, a foster
parent of the placement, and *another* foster parent who must see nothing of it.
"""

import os
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils import timezone

from tests.factories import TEST_PASSWORD, OrganisationFactory, UserFactory, build_plan
from tests.services import chromium_path, require
from tests.twofactor import VerifiedClient, confirmed_totp_device, totp_code

# Playwright's sync API runs an event loop in the test thread; Django's ORM calls from the
# same thread are safe here (one thread, one connection), which this flag acknowledges.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


AMSTERDAM = ZoneInfo("Europe/Amsterdam")


# --- The clock -------------------------------------------------------------------------------
# One frozen day per folder of tests, so "overdue" and "due soon" never drift: a folder's
# conftest.py overrides `frozen_day` (and `frozen_hour`); without it the real clock runs.


@pytest.fixture
def frozen_day():
    return None


@pytest.fixture
def frozen_hour():
    """The time of day (Europe/Amsterdam) of the frozen clock and of travel()."""
    return 10


def _moment(day, hour):
    return datetime(day.year, day.month, day.day, hour, 0, tzinfo=AMSTERDAM)


@pytest.fixture(autouse=True)
def today(request, frozen_day, frozen_hour):
    """The frozen day. Autouse, so it runs before the placement fixtures and their deadlines
    are computed on this day too. Browser tests keep the real clock: a frozen server clock
    would hand Chromium cookies that expire in its past."""
    if frozen_day is None or request.node.get_closest_marker("browser"):
        yield timezone.localdate()
        return
    with time_machine.travel(_moment(frozen_day, frozen_hour), tick=False):
        yield frozen_day


@pytest.fixture
def travel(frozen_hour):
    """travel(day): move the clock to that day within a test (the nightly job, a birthday,
    the next morning's sweep), at the frozen hour; undone when the test ends."""
    travellers = []

    def _travel(day, tick=False):
        if travellers:
            travellers.pop().stop()
        traveller = time_machine.travel(_moment(day, frozen_hour), tick=tick)
        traveller.start()
        travellers.append(traveller)

    yield _travel
    for traveller in travellers:
        traveller.stop()


# --- People and placements -------------------------------------------------------------------


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # The production hasher is slow on purpose; tests hash a password for every person.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def client():
    """pytest-django's client, whose force_login also shows the second factor (see
    tests/twofactor.py). Tests of the second factor itself use a plain django.test.Client."""
    return VerifiedClient()


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """The rate-limit counters live in the cache, which outlives a test's transaction.
    Tests run on the default per-process cache; a shared one (CACHE_URL) is not flushed."""
    from django.core.cache import caches
    from django.core.cache.backends.locmem import LocMemCache

    def _clear():
        if isinstance(caches["default"], LocMemCache):
            caches["default"].clear()

    _clear()
    yield
    _clear()


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
def plan(db, placement, pleegzorgbegeleider):
    return build_plan(placement, pleegzorgbegeleider)


@pytest.fixture
def other_plan(db, other_placement, organisation):
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
    """Log a person in through the real login form, as they would: the password, then for
    a professional the code from their authenticator app (a real TOTP code)."""
    from security.twofactor import has_second_factor, second_factor_required

    def _login(page, user):
        needs_code = second_factor_required(user) or has_second_factor(user)
        device = confirmed_totp_device(user) if needs_code else None
        page.goto(f"{live_server.url}/accounts/login/")
        page.get_by_label("E-mailadres").fill(user.email)
        page.get_by_label("Wachtwoord").fill(password)
        page.get_by_role("button", name="Inloggen").click()
        page.wait_for_load_state("networkidle")
        if device is not None:
            page.get_by_label("Code uit je app of een herstelcode").fill(totp_code(device))
            page.get_by_role("button", name="Controleren").click()
            page.wait_for_load_state("networkidle")
        return page

    return _login
