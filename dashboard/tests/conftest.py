"""The dashboard tests run on a fixed day (the root conftest's clock)."""

from datetime import date

import pytest

# The conftest `placement` starts 2026-09-01: on this day its guardian contact is overdue
# (due 13 Oct), the visit evaluation and perspective study are due soon (1 Dec) and the
# perspective decision is upcoming (1 Jun 2027).
TODAY = date(2026, 11, 22)


@pytest.fixture
def frozen_day():
    return TODAY
