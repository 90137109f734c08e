"""End to end: beat's task on a real Celery worker, the real Redis broker, a real SMTP server.

The voogd's digest arrives exactly once; a second sweep sends nothing; an SMTP outage while
sending is retried (Celery retry with the recorded backoff) and the email then arrives once.
"""

import time
from datetime import timedelta

import pytest
from celery.contrib.testing.worker import start_worker
from django.utils import timezone

from core.models import Heartbeat
from pleegzorg.celery import app as celery_app
from reminders.models import Digest, Reminder
from reminders.tasks import sweep_and_send
from tests.services import redis_url, require

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]

VOOGD = "marieke@example.org"


@pytest.fixture
def redis_celery_app():
    url = redis_url()
    require(url, "no Redis broker configured (CELERY_BROKER_URL=redis://...)")
    original = {
        "broker_url": celery_app.conf.broker_url,
        "broker_transport_options": celery_app.conf.broker_transport_options,
        "task_always_eager": celery_app.conf.task_always_eager,
    }
    celery_app.conf.update(broker_url=url, broker_transport_options={}, task_always_eager=False)
    # Leftovers of an interrupted earlier run on this Redis database must not run here.
    celery_app.control.purge()
    yield celery_app
    celery_app.control.purge()
    celery_app.conf.update(**original)


@pytest.fixture
def worker(redis_celery_app):
    with start_worker(
        redis_celery_app, pool="solo", perform_ping_check=False, shutdown_timeout=10
    ) as w:
        yield w


@pytest.fixture
def overdue_guardian_contact(make_deadline):
    # Real dates: the worker runs on the real clock. Three days overdue today.
    return make_deadline(timezone.localdate() - timedelta(days=3))


def wait_until(condition, timeout=20.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False


def sweep_ran_after(moment):
    return Heartbeat.objects.filter(name="reminder-sweep", last_run__gt=moment).exists()


def all_digests_settled():
    return (
        Digest.objects.exists()
        and not Digest.objects.exclude(status=Digest.Status.SENT).exists()
        and not Reminder.objects.pending().exists()
    )


def test_the_voogds_digest_arrives_exactly_once(
    worker, smtp_server, overdue_guardian_contact, foster_parent
):
    sweep_and_send.delay()
    messages = smtp_server.wait_for(VOOGD)
    assert wait_until(all_digests_settled)
    assert len(messages) == 1
    message = messages[0]
    assert message["Subject"] == "Herinnering: 1 termijn is te laat"
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    for body in (text, html):
        assert "Contact van de voogd met de ouders" in body
        assert "3 dagen te laat" in body
        assert "/placements/PL-REM-1/" in body
    # The escalation reached the pleegzorgbegeleider; the foster parent got nothing.
    assert len(smtp_server.inbox.to("sanne@example.org")) == 1
    assert smtp_server.inbox.to(foster_parent.email) == []

    # The hourly sweep at :15: it runs, finds everything sent, and sends nothing.
    before = timezone.now()
    sweep_and_send.delay()
    assert wait_until(lambda: sweep_ran_after(before))
    time.sleep(1.0)  # room for any digest task it might (wrongly) have queued
    assert len(smtp_server.inbox.to(VOOGD)) == 1
    assert len(smtp_server.inbox.messages) == 2


def test_an_smtp_outage_is_retried_and_the_email_arrives_once(
    worker, smtp_server, overdue_guardian_contact, voogd, settings
):
    settings.REMINDER_RETRY_BASE_SECONDS = 1
    settings.REMINDER_RETRY_MAX_SECONDS = 2
    smtp_server.stop()
    sweep_and_send.delay()

    def voogd_failed():
        digest = Digest.objects.filter(recipient=voogd).first()
        return digest is not None and digest.status == Digest.Status.FAILED

    assert wait_until(voogd_failed), "the failed attempt was not recorded"
    digest = Digest.objects.get(recipient=voogd)
    assert digest.attempts >= 1 and digest.last_error
    assert Reminder.objects.get(recipient=voogd).status == Reminder.Status.PENDING
    assert smtp_server.inbox.messages == []

    smtp_server.start()  # the mail server is back; the task's retry delivers
    messages = smtp_server.wait_for(VOOGD, timeout=30)
    assert wait_until(all_digests_settled, timeout=30)
    time.sleep(2.5)  # longer than the backoff: a second delivery would show by now
    assert len(smtp_server.inbox.to(VOOGD)) == 1
    assert len(messages) == 1
    digest.refresh_from_db()
    assert digest.status == Digest.Status.SENT
    assert digest.attempts >= 2
    assert Reminder.objects.get(recipient=voogd).status == Reminder.Status.SENT
