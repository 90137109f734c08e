from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils import timezone

TODAY = date(2026, 11, 22)


@pytest.fixture(autouse=True)
def today(request):
    """Dashboard tests run on a fixed day, so "overdue" and "due soon" never drift.

    The conftest `placement` starts 2026-09-01: on this day its guardian contact is overdue
    (due 13 Oct), the visit evaluation and perspective study are due soon (1 Dec) and the
    perspective decision is upcoming (1 Jun 2027). Browser tests keep the real clock: a
    frozen server clock would hand Chromium cookies that expire in its past.
    """
    if request.node.get_closest_marker("browser"):
        yield timezone.localdate()
        return
    moment = datetime(2026, 11, 22, 10, 0, tzinfo=ZoneInfo("Europe/Amsterdam"))
    with time_machine.travel(moment, tick=False):
        yield TODAY
