"""The plan's tests run on a fixed day after the placement's start (1 September 2026) and the
adoption of the conftest `plan` (1 October 2026)."""

from datetime import date

import pytest


@pytest.fixture
def frozen_day():
    return date(2026, 11, 2)
