"""The zorgteam tests run on a fixed day after the placement fixture's start."""

from datetime import date

import pytest

# The conftest `placement` starts 2026-09-01 with Sanne (pleegzorgbegeleider), Marieke
# (voogd) and Familie Visser (pleegouders); the child Noor was born 2019-03-04.
TODAY = date(2026, 11, 20)


@pytest.fixture
def frozen_day():
    return TODAY
