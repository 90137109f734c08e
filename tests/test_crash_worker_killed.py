"""A crash loses nothing: a Celery worker killed with SIGKILL while it sends
the morning's digests.

Real processes, as docker-compose runs them: a prefork worker (the compose command), beat
(ticking every second instead of hourly), Redis and PostgreSQL; a real SMTP server that is
slow to answer. The worker's whole process group is SIGKILLed while one digest sits at the
server waiting for its 250 reply. A new worker starts; then:

- every digest arrives;
- none arrives twice, except the digests the server had already taken in when the worker
  died: the documented window (README, "Reminders after a crash"). Those arrive exactly
  twice, with the same Message-ID.

The guard: a digest left `sending` is claimable again after REMINDER_CLAIM_TIMEOUT_SECONDS
(reminders/sending.py, `_claim`); without that, the digests in flight at the kill never
arrive and this test fails. What keeps the rest from going twice is the outbox in
PostgreSQL (rows and digests marked sent), not the broker: the test also passes with
CELERY_TASK_ACKS_LATE off. Two senders of one digest at once are the concurrency tests'
subject (reminders/tests/test_concurrency.py).
"""

from datetime import timedelta

import pytest
from django.utils import timezone

from reminders.models import Digest
from tests.factories import DeadlineFactory, MembershipFactory, PlacementFactory, UserFactory
from tests.servers import Service, beat_argv, eventually, worker_argv

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]

PEOPLE = 8
HOLD = 1.0  # seconds the SMTP server takes to answer each message
# Far shorter than production's 30 minutes, still well above one send (HOLD + rendering).
CLAIM_TIMEOUT = 6


@pytest.fixture
def overdue_for_everyone(db):
    """PEOPLE voogden, each with an overdue deadline on a placement of their own."""
    today = timezone.localdate()
    addresses = []
    for n in range(PEOPLE):
        voogd = UserFactory(email=f"voogd{n}@example.org", person_type="voogd")
        placement = PlacementFactory(
            reference=f"PL-CRASH-{n}", start_date=today - timedelta(days=200)
        )
        MembershipFactory(placement=placement, person=voogd, role="voogd")
        DeadlineFactory(
            placement=placement,
            kind="guardian_contact",
            responsible_role="voogd",
            due_date=today - timedelta(days=3),
        )
        addresses.append(voogd.email)
    return addresses


def digests_by_address():
    return {d.recipient.email: d for d in Digest.objects.select_related("recipient")}


def test_a_worker_killed_mid_batch_loses_no_digest(
    processes, celery_env, smtp_sink, overdue_for_everyone, tmp_path
):
    smtp_sink.hold = HOLD
    env = celery_env(REMINDER_CLAIM_TIMEOUT_SECONDS=CLAIM_TIMEOUT)
    beat_env = {**env, "DJANGO_SETTINGS_MODULE": "tests.fast_beat_settings"}
    logs = processes.log_dir

    worker = processes.add(Service("worker-1", worker_argv(), env=env, log_dir=logs))
    worker.wait_for_output(" ready.")
    processes.add(Service("beat", beat_argv(tmp_path / "beat"), env=beat_env, log_dir=logs))

    # Mid-batch: some digests are through, and the server holds one it has not answered.
    mid_batch = smtp_sink.wait_for(
        lambda s: len(s.messages) - s.holding >= 2 and s.holding > 0, timeout=60
    )
    assert mid_batch, f"the batch did not start: {len(smtp_sink.messages)} messages"
    worker.kill()

    received, _holding = smtp_sink.snapshot()
    at_the_server = {a.addr_spec for m in received for a in m["To"].addresses}
    digests = digests_by_address()
    # The window: the server has the message, the database does not know it was sent.
    window = {
        address
        for address, digest in digests.items()
        if digest.status == Digest.Status.SENDING and address in at_the_server
    }
    sent = {a for a, d in digests.items() if d.status == Digest.Status.SENT}
    assert window, "the kill did not land between the server's acceptance and the record"
    assert sent, "the kill came before any digest was through"
    assert len(at_the_server) < PEOPLE, "the kill came after the batch"

    processes.add(Service("worker-2", worker_argv(), env=env, log_dir=logs))

    def everyone_served():
        digests = digests_by_address()
        return len(digests) == PEOPLE and all(
            d.status == Digest.Status.SENT for d in digests.values()
        )

    assert eventually(everyone_served, timeout=CLAIM_TIMEOUT + 30), {
        a: d.status for a, d in digests_by_address().items()
    }
    # Beat goes on sweeping: give it a few more rounds to (wrongly) send anything again.
    assert eventually(lambda: smtp_sink.holding == 0, timeout=10)
    eventually(lambda: False, timeout=3)

    inbox = smtp_sink.by_recipient()
    print(f"at the kill: {len(sent)} sent, {len(at_the_server)} at the server, window {window}")
    print({address: len(messages) for address, messages in sorted(inbox.items())})
    assert sorted(inbox) == sorted(overdue_for_everyone), "a digest never arrived"
    doubled = {address for address, messages in inbox.items() if len(messages) > 1}
    assert doubled == window, f"sent twice: {sorted(doubled)}; in the window: {sorted(window)}"
    for address in doubled:
        copies = inbox[address]
        assert len(copies) == 2
        assert copies[0]["Message-ID"] == copies[1]["Message-ID"]
