"""A task round trip through a real Celery worker on the real Redis broker."""

import time

import pytest
from celery.contrib.testing.worker import start_worker

from core.models import Heartbeat
from core.tasks import heartbeat
from pleegzorg.celery import app as celery_app
from tests.services import redis_url, require


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
    yield celery_app
    celery_app.conf.update(**original)


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_heartbeat_task_runs_in_a_real_worker(redis_celery_app):
    assert redis_celery_app.conf.broker_url.startswith("redis://")
    with start_worker(redis_celery_app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
        heartbeat.delay()
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and not Heartbeat.objects.filter(name="celery").exists():
            time.sleep(0.1)
    assert Heartbeat.objects.filter(name="celery").exists(), "the worker did not run the task"
