"""The import tests run on a fixed day after the placement fixture's start (1 September 2026)."""

from datetime import date

import pytest


@pytest.fixture
def frozen_day():
    return date(2026, 11, 20)
