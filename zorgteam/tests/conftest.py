"""Fixtures for the zorgteam tests: a fixed day after the placement fixture's start."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils import timezone

# The conftest `placement` starts 2026-09-01 with Sanne (pleegzorgbegeleider), Marieke
# (voogd) and Familie Visser (pleegouders); the child Noor was born 2019-03-04.
TODAY = date(2026, 11, 20)


@pytest.fixture(autouse=True)
def today(request):
    """Runs before the placement fixtures. Browser tests keep the real clock: a frozen server
    clock would hand Chromium cookies that expire in its past."""
    if request.node.get_closest_marker("browser"):
        yield timezone.localdate()
        return
    with time_machine.travel(
        datetime(2026, 11, 20, 10, 0, tzinfo=ZoneInfo("Europe/Amsterdam")), tick=False
    ):
        yield TODAY
