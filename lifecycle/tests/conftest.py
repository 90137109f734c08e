"""Fixtures for the life-cycle tests: a fixed day, and a placement registered at intake."""

from datetime import date

import pytest

# The conftest `placement` starts 2026-09-01 with Sanne (pleegzorgbegeleider), Marieke
# (voogd) and Familie Visser (pleegouders); it was not registered at intake.
TODAY = date(2026, 11, 20)


@pytest.fixture
def frozen_day():
    return TODAY


@pytest.fixture
def intake_kwargs(organisation, pleegzorgbegeleider, voogd, today):
    """What the intake form sends for Daan (born 2016), starting today under an OTS."""
    from lifecycle.intake import CourtOrderAtIntake, MemberInvite

    return {
        "child_first_name": "Daan",
        "child_last_name": "Kok",
        "child_birth_date": date(2016, 6, 1),
        "start_date": today,
        "variant": "hulpverlening",
        "care_kind": "bestand",
        "legal_frame": "ots",
        "provider": organisation,
        "court_order": CourtOrderAtIntake(kind="muhp", date=date(2026, 11, 13)),
        "members": [
            MemberInvite(role="pleegouder", email="jansen@example.org", full_name="Familie Jansen"),
            MemberInvite(role="voogd", email="marieke@example.org", full_name="Marieke"),
        ],
        "registering_pleegzorgbegeleider": pleegzorgbegeleider,
        "recorded_by": pleegzorgbegeleider,
    }
