"""The evaluations tests run on a fixed day (the root conftest's clock)."""

from datetime import date

import pytest

# The conftest `placement` starts 2026-09-01 (hulpverlening, child born 2019-03-04). On this
# day: guardian contact overdue (due 13 Oct), visit evaluation and perspective study due
# soon (1 Dec), perspective decision upcoming (1 Jun 2027), child joins on 4 Mar 2031.
TODAY = date(2026, 11, 20)


@pytest.fixture
def frozen_day():
    return TODAY
