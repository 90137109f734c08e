"""Two sweeps at the same moment against PostgreSQL: every reminder is written and sent once."""

import threading
from collections import Counter
from datetime import date, timedelta

import pytest
from django.db import connection

from evaluations.models import Deadline
from reminders.models import Digest, Reminder
from reminders.sending import sweep_and_send_now
from tests.factories import MembershipFactory, PlacementFactory, UserFactory

DUE = date(2026, 3, 31)


def _caseload(placements=12):
    """Four voogden and four pleegzorgbegeleiders over a dozen placements, two deadlines each."""
    voogden = [UserFactory(person_type="voogd") for _ in range(4)]
    begeleiders = [UserFactory(person_type="pleegzorgbegeleider") for _ in range(4)]
    for n in range(placements):
        placement = PlacementFactory(start_date=date(2026, 1, 1))
        MembershipFactory(placement=placement, person=voogden[n % 4], role="voogd")
        MembershipFactory(
            placement=placement, person=begeleiders[n % 4], role="pleegzorgbegeleider"
        )
        for kind, offset in (("guardian_contact", -2), ("perspective_decision", 3)):
            Deadline.objects.create(
                placement=placement,
                kind=kind,
                due_date=DUE + timedelta(days=offset),
                basis_date=date(2026, 1, 1),
                responsible_role="voogd",
            )
    return voogden + begeleiders


def _run_together(runs=2):
    barrier = threading.Barrier(runs)
    errors = []

    def run():
        try:
            barrier.wait(timeout=10)
            sweep_and_send_now(as_of=DUE)
        except Exception as exc:  # collected and re-raised in the test thread
            errors.append(exc)
        finally:
            connection.close()  # each thread has its own connection

    threads = [threading.Thread(target=run) for _ in range(runs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors, errors


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("attempt", range(3))  # a race shows itself only some of the time
def test_two_sweeps_at_once_create_and_send_each_reminder_once(mailoutbox, attempt):
    assert connection.vendor == "postgresql"
    people = _caseload()
    _run_together()

    # Each placement: guardian contact overdue (voogd + escalation to the pleegzorgbegeleider),
    # perspective decision due soon (voogd + the pleegzorgbegeleider informed): 4 rows.
    assert Reminder.objects.count() == 12 * 4
    assert set(Reminder.objects.values_list("status", flat=True)) == {"sent"}
    assert Counter(m.to[0] for m in mailoutbox) == {person.email: 1 for person in people}
    # Every reminder appears in exactly one email: 3 placements x 2 deadlines per person.
    for message in mailoutbox:
        assert message.body.count("Contact van de voogd met de ouders") == 3
        assert message.body.count("Perspectiefbesluit nemen") == 3
    assert Digest.objects.filter(status="sent").count() == len(people)
