"""Fixtures for the evaluations tests: a fixed day, and helpers to read deadlines back."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils import timezone

# The conftest `placement` starts 2026-09-01 (hulpverlening, child born 2019-03-04). On this
# day: guardian contact overdue (due 13 Oct), visit evaluation and perspective study due
# soon (1 Dec), perspective decision upcoming (1 Jun 2027), child joins on 4 Mar 2031.
TODAY = date(2026, 11, 20)
AMSTERDAM = ZoneInfo("Europe/Amsterdam")


@pytest.fixture(autouse=True)
def today(request):
    """Runs before the placement fixtures, so their deadlines are computed on this day too.

    Browser tests keep the real clock: a frozen server clock would hand Chromium cookies
    that expire in its past.
    """
    if request.node.get_closest_marker("browser"):
        yield timezone.localdate()
        return
    with time_machine.travel(datetime(2026, 11, 20, 10, 0, tzinfo=AMSTERDAM), tick=False):
        yield TODAY


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """The people fixtures set real passwords; PBKDF2's million rounds cost ~1 s per person
    and nothing here tests passwords. Autouse, so it is in place before those fixtures."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def travel():
    """Move the frozen clock to another day within a test (the nightly job, a birthday)."""
    travellers = []

    def _travel(day):
        traveller = time_machine.travel(
            datetime(day.year, day.month, day.day, 10, 0, tzinfo=AMSTERDAM), tick=False
        )
        traveller.start()
        travellers.append(traveller)

    yield _travel
    for traveller in reversed(travellers):
        traveller.stop()
