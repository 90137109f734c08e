"""Two people adopt the same draft at the same moment, on two PostgreSQL connections: the
second waits for the first one's row lock and then fails with a Dutch message."""

import threading
import time
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections, transaction

from agreements import services
from agreements.models import PlanVersion
from tests.factories import UserFactory, build_plan

pytestmark = pytest.mark.django_db(transaction=True)


def test_second_concurrent_adoption_fails(placement, pleegzorgbegeleider, organisation):
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL")
    colleague = UserFactory(
        full_name="Teamleider Kees",
        person_type="pleegzorgbegeleider",
        organisation=organisation,
        is_team_lead=True,
    )
    draft = build_plan(placement, pleegzorgbegeleider, adopt=False)
    first_holds_lock = threading.Event()
    release_first = threading.Event()
    outcome = {}

    def first():
        try:
            with transaction.atomic():
                services.plan_version_adopt(
                    version=draft,
                    adopted_on=date(2026, 10, 1),
                    adopted_by=pleegzorgbegeleider,
                    notify_team=False,
                )
                first_holds_lock.set()
                release_first.wait(timeout=10)  # keep the transaction (and its lock) open
            outcome["first"] = "adopted"
        finally:
            connections.close_all()

    def second():
        try:
            first_holds_lock.wait(timeout=10)
            started = time.monotonic()
            try:
                services.plan_version_adopt(
                    version=draft,
                    adopted_on=date(2026, 10, 2),
                    adopted_by=colleague,
                    notify_team=False,
                )
                outcome["second"] = "adopted"
            except ValidationError as error:
                outcome["second"] = error.messages[0]
            outcome["second_waited"] = time.monotonic() - started
        finally:
            connections.close_all()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    first_holds_lock.wait(timeout=10)
    time.sleep(0.5)  # the second adoption is now blocked on the row lock
    release_first.set()
    for thread in threads:
        thread.join(timeout=20)

    assert outcome["first"] == "adopted"
    assert outcome["second"].startswith(
        "Versie 1 is al vastgesteld op 1 oktober 2026 door Sanne de Vries"
    )
    assert outcome["second_waited"] >= 0.4  # it really waited for the first one's lock
    version = PlanVersion.objects.get(pk=draft.pk)
    assert (version.status, version.adopted_on, version.adopted_by) == (
        "adopted",
        date(2026, 10, 1),
        pleegzorgbegeleider,
    )
