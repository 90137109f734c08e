"""A read receipt ("gezien") counts for the wording the family read, across versions."""

from datetime import date

import pytest

from agreements import services
from portal import services as portal_services
from tests.factories import SHARED, VISITS

pytestmark = pytest.mark.django_db


def test_read_receipt_survives_an_unchanged_copy_but_not_a_change(
    plan, placement, pleegzorgbegeleider, foster_parent, time_machine
):
    shared = plan.agreements.get(text=SHARED)
    visits = plan.agreements.get(text=VISITS)
    time_machine.move_to("2026-11-05 09:00:00+01:00", tick=False)
    portal_services.agreement_mark_seen(agreement=shared, person=foster_parent)
    portal_services.agreement_mark_seen(agreement=visits, person=foster_parent)
    portal_services.agreement_mark_seen(agreement=visits, person=foster_parent)  # idempotent

    draft = services.plan_version_start(placement=placement, created_by=pleegzorgbegeleider)
    services.agreement_update(
        agreement=draft.agreements.get(key=visits.key),
        changed_by=pleegzorgbegeleider,
        visit_duration_minutes=120,
    )
    time_machine.move_to("2026-11-10 20:00:00+01:00", tick=False)
    v2 = services.plan_version_adopt(
        version=draft,
        adopted_on=date(2026, 11, 10),
        adopted_by=pleegzorgbegeleider,
        notify_team=False,
    )
    seen = portal_services.seen_keys(person=foster_parent, agreements=list(v2.agreements.all()))
    assert shared.key in seen  # unchanged: still seen
    assert visits.key not in seen  # changed: to be read again
